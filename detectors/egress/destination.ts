import { BlockList, isIP } from 'node:net';
import type { PiiType } from '../pii/index.js';
import { EgressConfigError } from './errors.js';

/**
 * Destinations allowed to receive some PII types (a payment processor receiving card numbers). A rule
 * matches by host (exact, or `*.suffix`) or by CIDR, optionally on one port; `types: '*'` allows all.
 * @example { host: '*.stripe.com', types: ['CREDIT_CARD', 'EMAIL'] }
 */
export interface AllowRule {
  host?: string;
  cidr?: string;
  port?: number;
  types: readonly PiiType[] | '*';
}

/** @internal A rule compiled once: a BlockList for its CIDR. */
interface CompiledRule {
  rule: AllowRule;
  cidr?: BlockList;
}

/** Checks and compiles allowlist rules; a malformed rule fails with its index and the expected form. */
export function compileAllowlist(
  rules: readonly AllowRule[],
): (host: string | undefined, ip: string | undefined, port: number) => Set<PiiType> | '*' {
  const compiled: CompiledRule[] = rules.map((rule, i) => {
    if (!rule.host && !rule.cidr) throw new EgressConfigError(i, 'expected a host or a cidr');
    if (!rule.cidr) return { rule };
    const [net = '', bits = ''] = rule.cidr.split('/');
    const family = isIP(net);
    const prefix = Number(bits);
    if (family === 0 || !/^\d+$/.test(bits) || prefix > (family === 4 ? 32 : 128)) {
      throw new EgressConfigError(i, 'cidr must look like 203.0.113.0/24 or 2001:db8::/32');
    }
    const list = new BlockList();
    list.addSubnet(net, prefix, family === 4 ? 'ipv4' : 'ipv6');
    return { rule, cidr: list };
  });
  return (host, ip, port) => {
    const allowed = new Set<PiiType>();
    for (const { rule, cidr } of compiled) {
      if (rule.port !== undefined && rule.port !== port) continue;
      const byHost = rule.host !== undefined && host !== undefined && hostMatches(rule.host, host);
      const family = ip ? isIP(ip) : 0;
      const byCidr =
        cidr !== undefined && ip !== undefined && family !== 0 && cidr.check(ip, family === 4 ? 'ipv4' : 'ipv6');
      if (!byHost && !byCidr) continue;
      if (rule.types === '*') return '*';
      for (const t of rule.types) allowed.add(t);
    }
    return allowed;
  };
}

/** `*.example.com` matches sub-domains of example.com (not example.com itself); otherwise exact, case-insensitive. */
export function hostMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase().replace(/\.$/, '');
  return p.startsWith('*.') ? h.endsWith(p.slice(1)) : h === p;
}

/** The key a destination is remembered by for novelty: host when known, else IP, with the port. */
export function destinationKey(destination: { host?: string; ip?: string; port: number }): string {
  return `${(destination.host ?? destination.ip ?? '').toLowerCase()}:${destination.port}`;
}
