import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildIncidentRecord, pdfText, renderIncidentPdf } from '../../../incidents/exports/index.js';
import { notifiedBreach, PLANTED } from './scenario.js';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'out', 'pdf');

/** Share of dark pixels in a binary PGM (P5) page, as `pdftoppm -gray` writes it. */
function inkShare(pgm: Buffer): number {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a binary PGM');
  const pixels = pgm.subarray(header[0].length);
  let dark = 0;
  for (const p of pixels) if (p < 128) dark++;
  return dark / pixels.length;
}

describe('renderIncidentPdf', () => {
  it('renders a readable report whose pages convert to non-blank images', async () => {
    // Prepare
    const s = notifiedBreach();
    const record = buildIncidentRecord({ ...s, tz: 'Europe/Berlin', generatedAt: '2026-11-26T08:00:00.000Z' });
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    // Act
    const pdf = await renderIncidentPdf(record);
    const file = join(outDir, 'report.pdf');
    writeFileSync(file, pdf);
    execFileSync('pdftoppm', ['-r', '90', '-png', file, join(outDir, 'page')]);
    execFileSync('pdftoppm', ['-r', '30', '-gray', file, join(outDir, 'ink')]);
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
    // Assess
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pngs = readdirSync(outDir).filter((f) => f.startsWith('page') && f.endsWith('.png'));
    const pgms = readdirSync(outDir).filter((f) => f.startsWith('ink') && f.endsWith('.pgm'));
    expect(pngs.length).toBeGreaterThanOrEqual(2);
    expect(pgms).toHaveLength(pngs.length);
    for (const f of pgms) expect(inkShare(readFileSync(join(outDir, f)))).toBeGreaterThan(0.002);
    for (const heading of [
      `Personal data breach report ${s.incident.id}`,
      'Art. 33 deadline (72 hours from awareness)',
      'Deadline met: de-be notified 52 h after awareness',
      'Risk assessment (ENISA severity',
      'Evidence summary (counts and types only)',
      'IBAN (financial): 130 detections, 120 distinct',
      'Decisions and acts, with reasons',
      'decided: notify-authority-and-subjects',
      'Latest authority-de-be (v1), Art. 33(3):',
      '(b) DPO contact: Dr. Erika Beispiel, dpo@acme.example, +49 30 1234567',
      '(d) Measures taken: Contained the affected system',
      'Timeline (8 entries, hash-chained)',
      'acknowledged -> breach-confirmed by dpo@acme.example',
      'chain intact: 8 entries',
      `page 1 of ${pngs.length}`,
    ])
      expect(text).toContain(heading);
    expect(text).not.toContain(PLANTED);
  });

  it('spells out symbols the standard fonts lack instead of drawing wrong glyphs', () => {
    expect(pdfText('open → acknowledged, SE ≥ 4 … ✓ 契')).toBe('open -> acknowledged, SE >= 4 ... ok ?');
    expect(pdfText('Größe × 2 – „ok“')).toBe('Größe × 2 – „ok“');
  });
});
