import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { DraftStore } from '../../adapters/draft-store.js';
import type { IncidentRecord } from '../../incidents/exports/index.js';
import { draftAuthorityNotifications } from '../../incidents/notifications/index.js';
import { assessRisk } from '../../incidents/risk.js';
import { startRuntime } from '../../local/runtime.js';
import { PLANTED, scenarioSignals } from '../incidents/exports/scenario.js';
import { config } from '../incidents/notifications/input.js';
import { runCli } from '../support/cli.js';

const store = mkdtempSync(join(tmpdir(), 'bw-export-'));
const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'cli-export');
let id = '';

const cli = runCli;
const runtimeOn = (storeDir: string) => startRuntime({ storeDir });

/** The demo's bucket exfiltration, joined by an egress sample carrying a planted value, taken to notified. */
beforeAll(async () => {
  const replayed = await cli(['replay', 'samples', '--store', store, '--json']);
  expect(replayed.code, replayed.stderr).toBe(0);
  const opened = JSON.parse(replayed.stdout) as { id: string; category: string; entity: { id: string } }[];
  id = opened.find((i) => i.category === 'exfiltration' && i.entity.id === 'acme-customer-exports')!.id;
  const rt = await runtimeOn(store);
  try {
    const egress = scenarioSignals()[1]!;
    expect((await rt.store.recordSignal(egress, new Date('2026-11-20T02:31:00Z'))).outcome).toBe('joined');
    const at = (iso: string) => new Date(iso);
    await rt.store.applyCommand(
      id,
      { action: 'confirm-breach', actor: 'dpo@acme.example' },
      at('2026-11-20T06:00:00Z'),
    );
    const incident = (await rt.store.getIncident(id))!;
    const risk = assessRisk(incident, await rt.store.getSignals(id));
    await rt.store.applyCommand(
      id,
      {
        action: 'decide',
        actor: 'dpo@acme.example',
        outcome: risk.suggestion,
        reasoning: risk.reasoning,
        riskScore: risk.score,
      },
      at('2026-11-20T07:00:00Z'),
    );
    const [draft] = draftAuthorityNotifications({
      incident,
      signals: await rt.store.getSignals(id),
      risk,
      config,
      at: '2026-11-20T08:00:00.000Z',
      by: 'dpo@acme.example',
    });
    await new DraftStore(rt.store).save(draft!);
    await rt.store
      .applyCommand(
        id,
        { action: 'notify-authority', actor: 'dpo@acme.example', authority: 'de-be' },
        at('2026-11-23T09:00:00Z'),
      )
      .catch((e: Error) => expect(e.message).toContain('reason for the delay'));
    await rt.store.applyCommand(
      id,
      {
        action: 'notify-authority',
        actor: 'dpo@acme.example',
        authority: 'de-be',
        delayReason: 'forensics to size the breach',
      },
      at('2026-11-23T09:00:00Z'),
    );
  } finally {
    await rt.stop();
  }
}, 300_000);

describe('breachwatch export', () => {
  it('prints the JSON record with times in UTC and Europe/Berlin, the missed deadline and no planted value', async () => {
    const { code, stdout, stderr } = await cli([
      'export',
      id,
      '--format',
      'json',
      '--tz',
      'Europe/Berlin',
      '--store',
      store,
    ]);
    expect(code, stderr).toBe(0);
    const record = JSON.parse(stdout) as IncidentRecord;
    expect(record.incident.id).toBe(id);
    expect(record.timeZone).toBe('Europe/Berlin');
    expect(record.art33).toMatchObject({
      state: 'missed',
      awareAt: '2026-11-20T06:00:00.000Z',
      deadline: '2026-11-23T06:00:00.000Z',
      deadlineLocal: '2026-11-23T07:00:00+01:00',
      hoursToNotify: 75,
      delayReason: 'forensics to size the breach',
    });
    expect(record.risk).toMatchObject({ score: 4, band: 'very-high', suggestion: 'notify-authority-and-subjects' });
    expect(record.evidence.piiTypes.map((t) => t.type)).toEqual(['IBAN', 'EMAIL']);
    expect(record.drafts.map((d) => `${d.kind} v${d.version}`)).toEqual(['authority-de-be v1']);
    expect(record.chain.ok).toBe(true);
    expect(record.timeline.at(-1)).toMatchObject({
      type: 'notify-authority',
      at: { utc: '2026-11-23T09:00:00.000Z', local: '2026-11-23T10:00:00+01:00' },
    });
    expect(stdout).not.toContain(PLANTED);
  }, 180_000);

  it('writes CSV and a PDF whose pages render to non-blank PNGs', async () => {
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    const csvFile = join(outDir, `${id}.csv`);
    const csv = await cli(['export', id, '--format', 'csv', '--out', csvFile, '--store', store]);
    expect(csv.code, csv.stderr).toBe(0);
    const rows = readFileSync(csvFile, 'utf8').trimEnd().split('\r\n');
    expect(rows[0]).toBe('incident_id,seq,at_utc,at_local,type,actor,summary,prev_hash,hash');
    expect(rows.slice(1).every((r) => r.startsWith(`${id},`))).toBe(true);
    const pdfFile = join(outDir, `${id}.pdf`);
    const pdf = await cli([
      'export',
      id,
      '--format',
      'pdf',
      '--out',
      pdfFile,
      '--tz',
      'Europe/Berlin',
      '--store',
      store,
    ]);
    expect(pdf.code, pdf.stderr).toBe(0);
    expect(pdf.stderr).toContain(`wrote ${pdfFile}`);
    execFileSync('pdftoppm', ['-r', '80', '-png', pdfFile, join(outDir, 'page')]);
    const pages = readdirSync(outDir).filter((f) => f.endsWith('.png'));
    expect(pages.length).toBeGreaterThanOrEqual(1);
    for (const p of pages) expect(readFileSync(join(outDir, p)).length).toBeGreaterThan(10_000); // text, not a blank page
    const text = execFileSync('pdftotext', [pdfFile, '-']).toString('utf8');
    expect(text).toContain(
      'Deadline missed: de-be notified 75 h after awareness (reason: forensics to size the breach)',
    );
    expect(text).not.toContain(PLANTED);
  }, 240_000);

  it('refuses an unknown format or time zone and a missing incident, saying what is allowed', async () => {
    const bad = await cli(['export', id, '--format', 'xml', '--store', store]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--format: expected one of json, csv, pdf, got "xml"');
    const tz = await cli(['export', id, '--format', 'json', '--tz', 'Mars/Olympus', '--store', store]);
    expect(tz.stderr).toContain('--tz: "Mars/Olympus" is not an IANA time zone');
  }, 120_000);
});
