import fc from 'fast-check';
import { beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { IncidentStore } from '../../adapters/incident-store.js';
import { handler } from '../../functions/console-http.js';
import { localContext } from '../../local/lambda-context.js';
import { seedIncidents } from '../adapters/console/serve-console.js';
import { freshStore } from '../support/dynamo.js';
import { urlEvent } from '../support/function-url-event.js';

const DPO = 'arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_DPO_1a2b/anna@example.com';
let store: IncidentStore;
let ids: string[];

beforeAll(async () => {
  store = await freshStore();
  vi.stubEnv('BREACHWATCH_TABLE', store.tableName);
  vi.stubEnv('DYNAMODB_ENDPOINT', inject('dynamoEndpoint'));
  ids = await seedIncidents(store, new Date(), [{ bucket: 'acme-exports' }, { bucket: 'acme-logs' }]);
});

const call = async (over: Parameters<typeof urlEvent>[0]) => {
  const result = await handler(urlEvent(over), localContext('console-http'));
  const text = result.isBase64Encoded ? '' : (result.body ?? '');
  return { ...result, json: text.startsWith('{') ? JSON.parse(text) : undefined };
};

describe('console function URL (AWS_IAM)', () => {
  it('refuses a request that reached it without an IAM caller, header or not', async () => {
    const res = await call({ path: '/console/api/incidents', headers: { 'x-breachwatch-user': 'dpo-anna' } });
    expect(res.statusCode).toBe(403);
  });

  it('serves the page and lists incidents with the IAM caller as the viewer', async () => {
    const page = await call({ path: '/console', userArn: DPO });
    expect(page.statusCode).toBe(200);
    expect(page.headers?.['content-security-policy']).toContain("default-src 'none'");
    const list = await call({ path: '/console/api/incidents', userArn: DPO });
    expect(list.statusCode).toBe(200);
    expect(list.json.viewer).toBe('iam:AWSReservedSSO_DPO_1a2b/anna@example.com');
    expect(list.json.incidents.map((i: { id: string }) => i.id).sort()).toEqual([...ids].sort());
  });

  it('records the IAM caller on a transition and ignores a user header the client sent', async () => {
    const res = await call({
      method: 'POST',
      path: `/console/api/incidents/${ids[0]}/commands`,
      headers: { 'content-type': 'application/json', 'x-breachwatch-user': 'mallory' },
      body: JSON.stringify({ action: 'acknowledge' }),
      userArn: DPO,
    });
    expect(res.statusCode).toBe(200);
    const incident = await store.getIncident(ids[0]!);
    expect(incident?.status).toBe('acknowledged');
    const last = (await store.getTimeline(ids[0]!)).at(-1);
    expect(last?.actor).toBe('iam:AWSReservedSSO_DPO_1a2b/anna@example.com');
  });

  it('exports a PDF as a base64 body and the register as CSV', async () => {
    const pdf = await handler(
      urlEvent({ path: `/console/api/incidents/${ids[1]}/export`, query: 'format=pdf', userArn: DPO }),
      localContext('console-http'),
    );
    expect(pdf.statusCode).toBe(200);
    expect(pdf.isBase64Encoded).toBe(true);
    expect(
      Buffer.from(pdf.body ?? '', 'base64')
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const register = await call({ path: '/console/api/register', query: 'format=csv', userArn: DPO });
    expect(register.statusCode).toBe(200);
    expect(register.headers?.['content-type']).toBe('text/csv; charset=utf-8');
    for (const id of ids) expect(register.body).toContain(id);
  });

  it('answers unknown routes and bad queries with clear 4xx errors', async () => {
    expect((await call({ path: '/admin', userArn: DPO })).statusCode).toBe(404);
    const bad = await call({ path: '/console/api/register', query: 'format=csv&from=yesterday', userArn: DPO });
    expect(bad.statusCode).toBe(400);
    expect(bad.json.error).toContain('--from');
  });
});

describe('console function URL: bad input', () => {
  it('answers any method, path, query and body with a 2xx, 3xx or clear 4xx, never a server error (property)', async () => {
    const before = await store.listIncidents();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
        fc.oneof(
          fc.constantFrom('/console', '/console/api/incidents', '/console/api/register', '/'),
          fc.string().map((s) => `/console/api/incidents/${s}`),
          fc.string().map((s) => `/console/api/incidents/${ids[1]}/${s}`),
        ),
        fc.string(),
        fc.oneof(fc.string(), fc.json()),
        fc.boolean(),
        async (method, path, query, body, json) => {
          const res = await handler(
            urlEvent({
              method,
              path,
              query,
              body,
              headers: json ? { 'content-type': 'application/json' } : {},
              userArn: DPO,
            }),
            localContext('console-http'),
          );
          expect(res.statusCode).toBeLessThan(500);
        },
      ),
      { numRuns: 150 },
    );
    // Random JSON may be a valid command for ids[1]; nothing else may have changed.
    const after = await store.listIncidents();
    expect(after.filter((i) => i.id !== ids[1])).toEqual(before.filter((i) => i.id !== ids[1]));
  });
});
