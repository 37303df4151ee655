import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { ConfigError } from '../events/errors.js';
import { readBody } from './http-server.js';

/** How to reach a function URL with `AWS_IAM` auth on behalf of the person running the proxy. */
export interface SigningProxyOptions {
  /** The function URL, e.g. `https://abc.lambda-url.eu-west-1.on.aws/`. */
  target: string;
  /** Region of the URL; read from a `*.lambda-url.REGION.on.aws` host when absent. */
  region?: string;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  port: number;
  host?: string;
}

const MAX_BODY_BYTES = 1024 * 1024;
// Hop-by-hop and framing headers are the proxy's own business on each side; the rest pass through.
const DROP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding', 'host']);
const FORWARD = new Set(['content-type', 'accept']);

/** The region of a function URL host, or the one given; a clear error when neither says. */
export function functionUrlRegion(target: URL, region?: string): string {
  const fromHost = /\.lambda-url\.([a-z0-9-]+)\.on\.aws$/.exec(target.hostname)?.[1];
  const chosen = region ?? fromHost;
  if (!chosen) throw new ConfigError(`${target.host} is not a Lambda function URL host: pass --region`);
  return chosen;
}

function queryOf(params: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of params) {
    const seen = query[name];
    query[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return query;
}

/**
 * A loopback proxy that signs each request with SigV4 (service `lambda`) and forwards it to a function URL,
 * so the console deployed behind IAM opens in an ordinary browser with the viewer's own AWS credentials
 * (SSO, profile, environment). Only content type and accept are forwarded: cookies and other headers stay local.
 */
export async function startSigningProxy(options: SigningProxyOptions): Promise<{ url: string; server: Server }> {
  const target = new URL(options.target);
  if (target.protocol !== 'https:' && target.hostname !== '127.0.0.1')
    throw new ConfigError(`--url must be https (got ${target.protocol}//${target.host})`);
  const signer = new SignatureV4({
    service: 'lambda',
    region: functionUrlRegion(target, options.region),
    credentials: options.credentials,
    sha256: Sha256,
  });
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://local');
      const body = await readBody(req, MAX_BODY_BYTES);
      const headers: Record<string, string> = { host: target.host };
      for (const name of FORWARD) if (typeof req.headers[name] === 'string') headers[name] = req.headers[name];
      const signed = await signer.sign({
        method: req.method ?? 'GET',
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port ? Number(target.port) : undefined,
        path: url.pathname,
        query: queryOf(url.searchParams),
        headers,
        body: body.length ? body : undefined,
      });
      const upstream = await fetch(new URL(`${url.pathname}${url.search}`, target), {
        method: req.method,
        headers: signed.headers,
        body: body.length ? body : undefined,
        redirect: 'manual',
      });
      const out: Record<string, string> = {};
      upstream.headers.forEach((value, name) => {
        if (!DROP.has(name)) out[name] = value;
      });
      const payload = Buffer.from(await upstream.arrayBuffer());
      res.writeHead(upstream.status, out).end(payload);
    } catch (error) {
      const message = error instanceof RangeError ? error.message : `upstream unreachable (${(error as Error).name})`;
      res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ error: message }));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server };
}
