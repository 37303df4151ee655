import { createHash } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { DraftStore } from '../../../adapters/draft-store.js';
import { timelineItem } from '../../../adapters/incident-items.js';
import type { IncidentStore } from '../../../adapters/incident-store.js';
import { DEMO_NOTIFICATION_CONFIG } from '../../../incidents/notifications/config.js';
import { freshStore } from '../../support/dynamo.js';
import { seedIncidents, serveConsole } from './serve-console.js';

const now = new Date('2026-11-20T03:00:00.000Z');
// biome-ignore lint/suspicious/noExplicitAny: JSON answers; the assertions check their shape.
type Json = any;
const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

async function setup(deps: Parameters<typeof serveConsole>[1] = {}) {
  const store = await freshStore();
  const ids = await seedIncidents(store, now, [
    { bucket: 'acme-exports', severity: 8 },
    { bucket: 'acme-logs', severity: 5 },
  ]);
  const server = await serveConsole(store, { now: () => now, ...deps });
  stops.push(server.stop);
  const get = async (path: string) => {
    const res = await fetch(`${server.url}${path}`);
    return { status: res.status, body: (await res.json()) as Json };
  };
  const post = async (id: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${server.url}/console/api/incidents/${encodeURIComponent(id)}/commands`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Json };
  };
  return { store, ids: ids as [string, string], url: server.url, get, post };
}

const statusOf = async (store: IncidentStore, id: string) => (await store.getIncident(id))?.status;

describe('console API: reading', () => {
  it('lists open incidents most severe first with the Art. 33 clock not started before awareness', async () => {
    const { ids, get } = await setup();
    const { status, body } = await get('/console/api/incidents');
    expect(status).toBe(200);
    expect(body.viewer).toBe('local-user');
    expect(body.incidents.map((i: { id: string }) => i.id)).toEqual(ids);
    expect(body.incidents[0].countdown).toEqual({ state: 'not-started' });
    expect(body.incidents[0].severityBand).toBe('high');
  });

  it('leaves dismissed incidents out of the list unless all=true', async () => {
    const { ids, get, post } = await setup();
    expect((await post(ids[1], { action: 'dismiss', reason: 'test bucket' })).status).toBe(200);
    expect((await get('/console/api/incidents')).body.incidents).toHaveLength(1);
    const all = (await get('/console/api/incidents?all=true')).body.incidents;
    expect(all.map((i: { status: string }) => i.status).sort()).toEqual(['dismissed', 'open']);
  });

  it('shows an incident with its evidence, verified timeline and the actions the transitions table allows', async () => {
    const { ids, get } = await setup();
    const { status, body } = await get(`/console/api/incidents/${ids[0]}`);
    expect(status).toBe(200);
    expect(body.incident.status).toBe('open');
    expect(body.chain).toMatchObject({ ok: true, entries: 1 });
    expect(body.timeline[0]).toMatchObject({ seq: 0, type: 'opened', actor: 'breachwatch' });
    expect(body.signals).toEqual([
      expect.objectContaining({ source: 'guardduty', type: 'Exfiltration:S3/MaliciousIPCaller', severity: 8 }),
    ]);
    expect(body.signals[0]).not.toHaveProperty('evidence');
    expect(body.actions.map((a: { action: string }) => a.action)).toEqual([
      'acknowledge',
      'investigate',
      'confirm-breach',
      'escalate',
      'dismiss',
    ]);
    expect(body.actions.find((a: { action: string }) => a.action === 'dismiss').fields).toEqual([
      expect.objectContaining({ name: 'reason', required: true }),
    ]);
    expect(body.exports.map((e: { href: string }) => e.href)).toContain(
      `/console/api/incidents/${encodeURIComponent(ids[0])}/export?format=pdf`,
    );
  });

  it('reports a broken chain when a timeline entry was edited in the table', async () => {
    const { store, ids, get, post } = await setup();
    await post(ids[0], { action: 'acknowledge' });
    const [, ack] = await store.getTimeline(ids[0]);
    const edited = timelineItem(ids[0], { ...ack!, actor: 'someone-else' });
    await store.client.send(new PutCommand({ TableName: store.tableName, Item: edited }));
    const { body } = await get(`/console/api/incidents/${ids[0]}`);
    expect(body.chain).toEqual({ ok: false, atSeq: 1, reason: 'content does not match its hash' });
  });

  it('answers 404 for an unknown incident and an unknown sub-path', async () => {
    const { ids, get } = await setup();
    expect((await get('/console/api/incidents/INC-nope')).status).toBe(404);
    expect((await get(`/console/api/incidents/${ids[0]}/nothing`)).status).toBe(404);
    expect((await get('/console/api/incidents/%E0%A4%A')).status).toBe(404);
  });
});

describe('console API: commands', () => {
  it('acknowledges as the viewer named by the header, and a double submit changes nothing', async () => {
    const { store, ids, post } = await setup();
    const first = await post(
      ids[0],
      { action: 'acknowledge', expectedVersion: 1 },
      { 'x-breachwatch-user': 'dpo@acme' },
    );
    expect(first.status).toBe(200);
    expect(first.body.changed).toBe(true);
    expect(first.body.incident.workflow.acknowledged).toEqual({ by: 'dpo@acme', at: now.toISOString() });
    const again = await post(ids[0], { action: 'acknowledge', expectedVersion: 1 });
    expect(again).toMatchObject({ status: 200, body: { changed: false } });
    expect((await store.getTimeline(ids[0])).map((e) => e.type)).toEqual(['opened', 'acknowledge']);
  });

  it('refuses a repeated escalation made against a version the viewer had not seen', async () => {
    const { store, ids, post } = await setup();
    const escalate = { action: 'escalate', reason: 'no answer from on-call', expectedVersion: 1 };
    const results = await Promise.all([post(ids[0], escalate), post(ids[0], escalate)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)?.body.error).toMatch(/changed since you loaded it/);
    expect((await store.getIncident(ids[0]))?.workflow.escalations).toHaveLength(1);
  });

  it('starts the 72 h clock when a person confirms the breach, and offers the notification steps', async () => {
    const { ids, post, get } = await setup();
    const awareAt = '2026-11-20T02:30:00.000Z';
    const res = await post(ids[0], { action: 'confirm-breach', awareAt, reason: 'exports bucket read from Tor' });
    expect(res.status).toBe(200);
    expect(res.body.incident.countdown).toEqual({
      state: 'running',
      awareAt,
      deadline: '2026-11-23T02:30:00.000Z',
      remainingMs: 71.5 * 3_600_000,
    });
    expect(res.body.actions.map((a: { action: string }) => a.action)).toEqual([
      'decide',
      'notify-authority',
      'notify-subjects',
      'exempt-subjects',
    ]);
    const listed = (await get('/console/api/incidents')).body.incidents[0];
    expect(listed).toMatchObject({ id: ids[0], countdown: { state: 'running' } });
  });

  it('answers 400 naming the field when a dismissal has no reason, and changes nothing', async () => {
    const { store, ids, post } = await setup();
    const res = await post(ids[0], { action: 'dismiss', reason: '  ' });
    expect(res.status).toBe(400);
    expect(res.body.problems).toEqual(['reason: reason is required']);
    expect(await statusOf(store, ids[0])).toBe('open');
  });

  it('answers 409 with the lifecycle message for a transition the status does not allow', async () => {
    const { store, ids, post } = await setup();
    const res = await post(ids[0], { action: 'notify-subjects', channel: 'e-mail' });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatch(/cannot notify-subjects while open \(allowed from breach-confirmed/);
    expect(await statusOf(store, ids[0])).toBe('open');
  });

  it('refuses unknown actions, unknown fields, wrong option values and the scheduler-only remind', async () => {
    const { ids, post } = await setup();
    expect((await post(ids[0], { action: 'delete' })).body.problems).toEqual(['action: unknown action "delete"']);
    expect((await post(ids[0], { action: 'remind', hoursAfterAwareness: 24 })).status).toBe(400);
    const typo = await post(ids[0], { action: 'dismiss', reasn: 'typo' });
    expect(typo.body.problems).toEqual(['reason: reason is required', 'reasn: not a field of dismiss']);
    await post(ids[0], { action: 'confirm-breach' });
    const decide = await post(ids[0], { action: 'decide', outcome: 'maybe', reasoning: 'x', riskScore: -1 });
    expect(decide.status).toBe(400);
    expect(decide.body.problems).toEqual([
      'outcome: expected one of register-only, notify-authority, notify-authority-and-subjects',
      'riskScore: expected a number ≥ 0',
    ]);
    const badTime = await post(ids[1], { action: 'confirm-breach', awareAt: 'yesterday' });
    expect(badTime.body.problems).toEqual(['awareAt: expected an ISO 8601 time with a UTC offset']);
  });

  it('requires a reason for the delay once the 72 h have passed (Art. 33(1))', async () => {
    const { ids, post } = await setup();
    await post(ids[0], { action: 'confirm-breach', awareAt: '2026-11-16T00:00:00.000Z' });
    const late = await post(ids[0], { action: 'notify-authority', authority: 'BfDI' });
    expect(late.body.problems).toEqual(['delayReason: reason for the delay is required']);
    const ok = await post(ids[0], {
      action: 'notify-authority',
      authority: 'BfDI',
      delayReason: 'forensics took 4 days',
    });
    expect(ok.body.incident.countdown).toMatchObject({ state: 'notified', onTime: false });
    const phase2 = await post(ids[0], { action: 'notify-authority', authority: 'BfDI', reference: 'BfDI-2026-17' });
    expect(phase2.body.problems).toEqual(['delayReason: reason for the delay is required']);
  });

  it('only accepts application/json (a cross-site form cannot send it) and answers 400 for broken JSON', async () => {
    const { store, ids, post } = await setup();
    const form = await post(ids[0], 'action=acknowledge', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    expect((await post(ids[0], '{"action":', {})).body).toEqual({ error: 'body: not valid JSON' });
    expect(await statusOf(store, ids[0])).toBe('open');
  });

  it('takes the viewer from the injected actor, as behind IAM or Cognito', async () => {
    const { store, ids, post } = await setup({ actor: () => 'cognito:alice' });
    await post(ids[0], { action: 'acknowledge' }, { 'x-breachwatch-user': 'mallory' });
    expect((await store.getTimeline(ids[0]))[1]?.actor).toBe('cognito:alice');
  });
});

describe('console page and exports', () => {
  it('serves one self-contained page whose CSP allows exactly its inline style and script', async () => {
    const { url } = await setup();
    const res = await fetch(`${url}/console`);
    const html = await res.text();
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const script = html.match(/<script type="module">([\s\S]*?)<\/script>/)?.[1] ?? '';
    const hash = createHash('sha256').update(script).digest('base64');
    expect(res.headers.get('content-security-policy')).toContain(`script-src 'sha256-${hash}'`);
    expect(html).not.toMatch(/<!-- (style|script) -->|src="http|href="http/);
  });

  it('checks the export format, time zone and incident before calling the exporters', async () => {
    const { ids, get } = await setup();
    expect((await get(`/console/api/incidents/${ids[0]}/export?format=xml`)).status).toBe(400);
    expect((await get(`/console/api/incidents/${ids[0]}/export?format=json&tz=Mars/Olympus`)).body.error).toMatch(
      /not an IANA time zone/,
    );
    expect((await get('/console/api/incidents/INC-nope/export?format=json')).status).toBe(404);
  });

  it('exports the record as JSON, CSV and PDF downloads through the incidents exporters', async () => {
    const { ids, url, post } = await setup();
    await post(ids[0], { action: 'confirm-breach', awareAt: '2026-11-20T02:30:00.000Z' });
    const download = (format: string) =>
      fetch(`${url}/console/api/incidents/${ids[0]}/export?format=${format}&tz=Europe/Berlin`);
    const json = await download('json');
    expect(json.headers.get('content-disposition')).toBe(`attachment; filename="${ids[0]}.json"`);
    const record = (await json.json()) as Json;
    expect(record).toMatchObject({ format: 'breachwatch-incident-record/1', timeZone: 'Europe/Berlin' });
    expect(record.chain.ok).toBe(true);
    const csv = await download('csv');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(await csv.text()).toContain(ids[0]);
    const pdf = await download('pdf');
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
  });
});

describe('console links and the register', () => {
  it('redirects an incident link from a page or Slack message to the page with that incident selected', async () => {
    const { ids, url } = await setup();
    const res = await fetch(`${url}/console/incidents/${ids[0]}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/console#incident=${ids[0]}`);
    expect((await fetch(`${url}/console/incidents/${ids[0]}/x`, { redirect: 'manual' })).status).toBe(404);
    expect((await fetch(`${url}/`, { redirect: 'manual' })).headers.get('location')).toBe('/console');
  });

  it('downloads the Art. 33(5) register for a period, dismissed incidents included, and rejects a bad period', async () => {
    const { ids, url, get, post } = await setup();
    await post(ids[1], { action: 'dismiss', reason: 'test bucket' });
    const res = await fetch(`${url}/console/api/register?format=csv&from=2026-11-01&to=2026-11-30`);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="breach-register-2026-11-20.csv"');
    const csv = await res.text();
    for (const id of ids) expect(csv).toContain(id);
    expect(csv).toContain('test bucket');
    const json = await get('/console/api/register?format=json&from=2026-12-01');
    expect(json.body).toEqual([]);
    expect((await get('/console/api/register?format=xml')).status).toBe(400);
    expect((await get('/console/api/register?format=csv&from=2026-11-30&to=2026-11-01')).body.error).toContain(
      'after --to',
    );
  });
});

describe('console API: the Art. 33 draft form', () => {
  const withSettings = { notifications: () => DEMO_NOTIFICATION_CONFIG };
  const send = (url: string, id: string, body: unknown, type = 'application/json') =>
    fetch(`${url}/console/api/incidents/${id}/draft`, {
      method: 'POST',
      headers: { 'content-type': type, 'x-breachwatch-user': 'dpo-anna' },
      body: JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as Json }));

  it('shows the lead authority draft pre-filled from the evidence and unsaved, with what Art. 33(3) lacks', async () => {
    const { ids, get, post } = await setup(withSettings);
    await post(ids[0], { action: 'confirm-breach' });
    const { status, body } = await get(`/console/api/incidents/${ids[0]}/draft`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ authority: { id: 'de-be', lead: true }, version: 0, unsaved: true, phase: 1 });
    expect(body.authorities.map((a: { id: string }) => a.id)).toEqual(['de-be', 'de-by']);
    expect(body.fields.controller).toBe(DEMO_NOTIFICATION_CONFIG.controller);
    expect(body.editable).toContain('measuresTaken');
    expect((await get(`/console/api/incidents/${ids[0]}/draft?authority=de-by`)).body.authority).toMatchObject({
      id: 'de-by',
      lead: false,
    });
  });

  it('saves each edit as a new version by the viewer, keeping the pre-filled one as version 1', async () => {
    const { ids, url, store } = await setup(withSettings);
    const saved = await send(url, ids[0], {
      fields: { measuresTaken: 'Revoked the access key; Blocked the address', approxSubjects: '100-250' },
      note: 'after the call with the bucket owner',
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: 2, unsaved: false, createdBy: 'dpo-anna' });
    expect(saved.body.fields).toMatchObject({
      measuresTaken: 'Revoked the access key; Blocked the address',
      approxSubjects: '100-250',
    });
    const again = await send(url, ids[0], { fields: { likelyConsequences: 'Phishing against customers' } });
    expect(again.body.version).toBe(3);
    expect(again.body.fields.approxSubjects).toBe('100-250');
    const versions = await new DraftStore(store).list(ids[0], 'authority-de-be');
    expect(versions.map((d) => [d.version, d.createdBy])).toEqual([
      [1, 'dpo-anna'],
      [2, 'dpo-anna'],
      [3, 'dpo-anna'],
    ]);
  });

  it('refuses unknown fields, bad values, unknown authorities and form posts, saving nothing', async () => {
    const { ids, url, store } = await setup(withSettings);
    expect((await send(url, ids[0], { fields: { secret: 'x' } })).body.error).toMatch(/secret: not an editable field/);
    expect((await send(url, ids[0], { fields: { approxRecords: 'many' } })).body.error).toMatch(/whole number/);
    expect((await send(url, ids[0], { fields: {} })).body.error).toBe('fields: nothing to save');
    expect((await send(url, ids[0], { authority: 'fr', fields: { nature: 'x' } })).status).toBe(400);
    expect((await send(url, ids[0], { fields: { nature: 'x' } }, 'text/plain')).status).toBe(415);
    expect((await send(url, 'BW-nope', { fields: { nature: 'x' } })).status).toBe(404);
    expect(await new DraftStore(store).list(ids[0])).toEqual([]);
  });

  it('answers 501 naming the setting when the console has no notification settings', async () => {
    const { ids, get } = await setup();
    const res = await get(`/console/api/incidents/${ids[0]}/draft`);
    expect(res.status).toBe(501);
    expect(res.body.error).toContain('BREACHWATCH_NOTIFICATION_CONFIG');
  });
});
