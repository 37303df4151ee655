import { isIPv4, isIPv6 } from 'node:net';
import { Gate, type Recognizer, type Verdict } from '../types.js';

/** Marks RFC 1918 private, loopback, link-local and documentation (RFC 5737/3849) ranges in the fine type. */
function ipv4Range(octets: number[]): string {
  const [a = 0, b = 0, c = 0] = octets;
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'IPV4_PRIVATE';
  if (a === 127 || a === 0) return 'IPV4_LOOPBACK';
  if (a === 169 && b === 254) return 'IPV4_LINK_LOCAL';
  if ((a === 192 && b === 0 && c === 2) || (a === 198 && b === 51 && c === 100) || (a === 203 && b === 0 && c === 113))
    return 'IPV4_DOCUMENTATION';
  return 'IPV4';
}

function ipv6Range(addr: string): string {
  const lower = addr.toLowerCase();
  if (lower === '::1' || lower === '::') return 'IPV6_LOOPBACK';
  if (lower.startsWith('fe80')) return 'IPV6_LINK_LOCAL';
  if (/^f[cd]/.test(lower)) return 'IPV6_PRIVATE';
  if (lower.startsWith('2001:db8')) return 'IPV6_DOCUMENTATION';
  return 'IPV6';
}

/**
 * The rest of a Debian version in parentheses: more numbers (`2.13.90.0.18`), then a revision (`-1)`, `-0.2)`,
 * `-1ubuntu1)`) with one dot at most, so a range's end (`10.0.0.1-10.0.0.9)`) is none. (An address followed by a fifth
 * number, `192.168.1.1.1`, is still read as one, as Presidio does.)
 */
const DEBIAN_REVISION = /(?:\.\d+)*-\d[\w+]*(?:\.[\w+]+)?\)/y;

/** Parses IPv4 (no leading zeros, octets ≤ 255, prefix ≤ 32) or IPv6 (node:net), zone and prefix allowed. */
export function validateIp(m: RegExpExecArray): Verdict {
  const [addr = '', prefix] = m[0].split('/');
  if (m[0].includes(':')) {
    const bare = addr.split('%')[0] ?? '';
    if (!isIPv6(bare) || (prefix !== undefined && Number(prefix) > 128)) return false;
    return { fineType: ipv6Range(bare), normalized: bare.toLowerCase() };
  }
  if (!isIPv4(addr) || (prefix !== undefined && Number(prefix) > 32)) return false;
  // a Debian version's revision after it (`binutils (2.39.90.1-1)`): a package's version
  DEBIAN_REVISION.lastIndex = m.index + m[0].length;
  if (DEBIAN_REVISION.test(m.input)) return false;
  // browsers freeze their version as `Chrome/120.0.0.0`: after a product name and `/`, that is no address
  if (
    prefix === undefined &&
    addr.endsWith('.0.0.0') &&
    /[A-Za-z]\/$/.test(m.input.slice(Math.max(0, m.index - 2), m.index))
  )
    return false;
  return { fineType: ipv4Range(addr.split('.').map(Number)), normalized: addr };
}

/** IPv4 or IPv6 address: an online identifier (GDPR recital 30). */
export const ipAddress: Recognizer = {
  id: 'ip-address',
  type: 'IP_ADDRESS',
  fineType: 'IP',
  description: 'IP address: online identifier; private and documentation ranges are marked in the fine type.',
  gate: (f) => ((f.dots >= 3 && f.digits >= 4) || f.colons >= 2 ? Gate.YES : Gate.NO),
  pattern:
    /(?<![0-9A-Za-z.:])(?:(?:\d{1,3}\.){3}\d{1,3}(?:\/\d{1,2}(?!\d))?(?![0-9A-Za-z])|(?:[0-9A-Fa-f]{0,4}:){2,7}(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9A-Fa-f]{0,4})(?:%[0-9A-Za-z]+)?(?:\/\d{1,3})?(?![0-9A-Za-z:]))/,
  validate: validateIp,
  context: ['ip', 'addr', 'client', 'remote', 'host', 'source'],
  requiresContext: false,
  confidence: 0.8,
  examples: {
    match: [
      'client 81.2.69.144',
      'hosts 10.0.0.1-10.0.0.9 (10.0.0.1-10.0.0.9)',
      'ip 81.2.69.144.',
      '2001:db8:85a3::8a2e:370',
      'from [::ffff:192.0.2.1]:443',
      'fe80::1%eth0',
    ],
    noMatch: [
      { text: 'version 256.1.2.3', why: 'octet above 255' },
      { text: 'Time 12:34:56', why: 'a clock time is not an IPv6 address' },
      { text: 'MyClass::toString', why: 'C++ scope operator' },
      { text: '2001::db8::1', why: 'two :: in one address' },
      { text: 'Mozilla/5.0 (X11) Chrome/120.0.0.0 Safari/537.36', why: "a browser's frozen version, no host" },
      { text: 'binutils (2.13.90.0.18-1.3) unstable', why: "five numbers and a Debian revision: a package's version" },
      { text: 'alsa-lib (1.2.6.1-2) unstable; urgency=medium', why: 'a Debian version, its revision after it' },
    ],
  },
};
