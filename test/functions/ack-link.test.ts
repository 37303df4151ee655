import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { signAckToken } from '../../adapters/ack-link.js';
import type { IncidentStore } from '../../adapters/incident-store.js';
import { handler } from '../../functions/ack-link.js';
import { localContext } from '../../local/lambda-context.js';
import { seedIncidents } from '../adapters/console/serve-console.js';
import { freshStore } from '../support/dynamo.js';
import { urlEvent } from '../support/function-url-event.js';

const KEY = 'ack-link-test-key';
let store: IncidentStore;
let id: string;

beforeAll(async () => {
  store = await freshStore();
  vi.stubEnv('BREACHWATCH_TABLE', store.tableName);
  vi.stubEnv('DYNAMODB_ENDPOINT', inject('dynamoEndpoint'));
  vi.stubEnv('ACK_LINK_KEY', KEY);
  [id] = (await seedIncidents(store, new Date(), [{ bucket: 'acme-exports' }])) as [string];
});

const token = (expiresInS = 3600) =>
  signAckToken(KEY, { incidentId: id, expiresAt: Math.floor(Date.now() / 1000) + expiresInS, nonce: randomUUID() });
const open = (t: string) =>
  handler(urlEvent({ path: '/ack', query: `token=${encodeURIComponent(t)}` }), localContext('ack'));
const submit = (t: string) =>
  handler(
    urlEvent({
      method: 'POST',
      path: '/ack',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: Buffer.from(`token=${encodeURIComponent(t)}`).toString('base64'),
      base64: true,
    }),
    localContext('ack'),
  );

describe('ack-link function URL (no AWS auth: the signed token is the credential)', () => {
  it('shows what the link acknowledges without changing anything, then acknowledges once on submit', async () => {
    const t = token();
    const shown = await open(t);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain(`Acknowledge incident ${id}?`);
    expect((await store.getIncident(id))?.status).toBe('open');
    const first = await submit(t);
    expect(first.body).toContain(`Incident ${id} is acknowledged.`);
    expect((await store.getIncident(id))?.status).toBe('acknowledged');
    const again = await submit(t);
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('Link not valid');
  });

  it('refuses a forged or expired link with no state change', async () => {
    const before = (await store.getIncident(id))?.version;
    const forged = signAckToken('another-key', { incidentId: id, expiresAt: 4_000_000_000, nonce: 'n' });
    expect((await submit(forged)).statusCode).toBe(400);
    expect((await submit(token(-60))).statusCode).toBe(400);
    expect((await open('not-a-token')).statusCode).toBe(400);
    expect((await store.getIncident(id))?.version).toBe(before);
  });
});
