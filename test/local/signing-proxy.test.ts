import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticatedActor, consoleEndpoints } from '../../adapters/console/index.js';
import { dispatch, encodeBody } from '../../adapters/http/routes.js';
import type { IncidentStore } from '../../adapters/incident-store.js';
import { functionUrlRegion, startSigningProxy } from '../../local/signing-proxy.js';
import { seedIncidents } from '../adapters/console/serve-console.js';
import { freshStore } from '../support/dynamo.js';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const REGION = 'eu-west-1';

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Stands in for a function URL with AWS_IAM auth: recomputes the SigV4 signature from what arrived (the signed
 * headers, path, query and body) and answers 403 unless it matches, then serves the console routes with the
 * caller AWS would report for that key.
 */
async function iamFunctionUrl(store: IncidentStore, seen: IncomingMessage[]): Promise<Server> {
  const verifier = new SignatureV4({ service: 'lambda', region: REGION, credentials, sha256: Sha256 });
  const routes = consoleEndpoints({ store, actor: authenticatedActor });
  const server = createServer(async (req, res) => {
    seen.push(req);
    const url = new URL(req.url ?? '/', 'http://x');
    const raw = await body(req);
    const auth = String(req.headers.authorization ?? '');
    const signedNames = /SignedHeaders=([^,]+)/.exec(auth)?.[1]?.split(';') ?? [];
    const headers = Object.fromEntries(signedNames.map((n) => [n, String(req.headers[n] ?? '')]));
    const amzDate = String(req.headers['x-amz-date'] ?? '');
    const signingDate = new Date(amzDate.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'));
    const expected = await verifier
      .sign(
        {
          method: req.method ?? 'GET',
          protocol: 'http:',
          hostname: '127.0.0.1',
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          headers,
          body: raw.length ? raw : undefined,
        },
        { signingDate },
      )
      .catch(() => undefined);
    if (!auth || expected?.headers.authorization !== auth) {
      res.writeHead(403, { 'content-type': 'application/json' }).end('{"Message":"Forbidden"}');
      return;
    }
    const response = await dispatch(routes, {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: raw,
      caller: 'iam:user/dpo-anna',
    });
    const { payload, json } = encodeBody(response);
    res.writeHead(response.status, { ...(json ? { 'content-type': 'application/json' } : {}), ...response.headers });
    res.end(payload);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return server;
}

let store: IncidentStore;
let upstream: Server;
let proxy: { url: string; server: Server };
let ids: string[];
const seen: IncomingMessage[] = [];

beforeAll(async () => {
  store = await freshStore();
  ids = await seedIncidents(store, new Date(), [{ bucket: 'acme-exports' }]);
  upstream = await iamFunctionUrl(store, seen);
  const target = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/`;
  proxy = await startSigningProxy({ target, region: REGION, credentials, port: 0 });
});
afterAll(async () => {
  await new Promise((r) => proxy.server.close(r));
  await new Promise((r) => upstream.close(r));
});

describe('console signing proxy', () => {
  it('signs reads so the IAM-protected console answers, with the caller AWS reports', async () => {
    const res = await fetch(`${proxy.url}/console/api/incidents`);
    expect(res.status).toBe(200);
    const listed = (await res.json()) as { viewer: string; incidents: { id: string }[] };
    expect(listed.viewer).toBe('iam:user/dpo-anna');
    expect(listed.incidents.map((i) => i.id)).toEqual(ids);
    expect((await fetch(`${proxy.url}/console`)).headers.get('content-security-policy')).toContain(
      "default-src 'none'",
    );
  });

  it('signs commands with their body, and keeps cookies and identity headers on this machine', async () => {
    const res = await fetch(`${proxy.url}/console/api/incidents/${ids[0]}/commands`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: 'session=secret', 'x-breachwatch-user': 'mallory' },
      body: JSON.stringify({ action: 'acknowledge' }),
    });
    expect(res.status).toBe(200);
    expect((await store.getTimeline(ids[0]!)).at(-1)?.actor).toBe('iam:user/dpo-anna');
    const forwarded = seen.at(-1)!;
    expect(forwarded.headers.cookie).toBeUndefined();
    expect(forwarded.headers['x-breachwatch-user']).toBeUndefined();
  });

  it('passes redirects and downloads through unchanged', async () => {
    const redirect = await fetch(`${proxy.url}/console/incidents/${ids[0]}`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe(`/console#incident=${ids[0]}`);
    const pdf = await fetch(`${proxy.url}/console/api/incidents/${ids[0]}/export?format=pdf&tz=Europe/Berlin`);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
  });

  it('is refused by the function URL when signed with other credentials', async () => {
    const target = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/`;
    const wrong = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-the-secret' };
    const other = await startSigningProxy({ target, region: REGION, credentials: wrong, port: 0 });
    try {
      expect((await fetch(`${other.url}/console/api/incidents`)).status).toBe(403);
    } finally {
      await new Promise((r) => other.server.close(r));
    }
  });
});

describe('functionUrlRegion', () => {
  it('reads the region from a function URL host, or takes the one given', () => {
    expect(functionUrlRegion(new URL('https://abcdef.lambda-url.eu-central-1.on.aws/'))).toBe('eu-central-1');
    expect(functionUrlRegion(new URL('https://console.example/'), 'eu-west-1')).toBe('eu-west-1');
    expect(() => functionUrlRegion(new URL('https://console.example/'))).toThrow(/pass --region/);
  });
});
