import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DraftStore } from '../../adapters/draft-store.js';
import { NotFoundError } from '../../adapters/errors.js';
import {
  assertTimeZone,
  buildIncidentRecord,
  ExportOptionError,
  incidentCsv,
  renderIncidentPdf,
} from '../../incidents/exports/index.js';
import { DEFAULT_STORE_DIR, startRuntime } from '../runtime.js';

const FORMATS = ['json', 'csv', 'pdf'] as const;

/**
 * `breachwatch export INCIDENT --format json|csv|pdf [--out FILE] [--tz ZONE] [--store DIR]`: the incident's
 * record for auditors. JSON and CSV go to stdout unless `--out`; the PDF goes to `--out` or `INCIDENT.pdf`.
 */
export const exportIncident = async (args: string[]): Promise<number> => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      out: { type: 'string' },
      tz: { type: 'string', default: 'UTC' },
      store: { type: 'string' },
    },
  });
  const [id, ...extra] = positionals;
  if (!id || extra.length) throw new ExportOptionError('INCIDENT', 'export takes exactly one incident id');
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format))
    throw new ExportOptionError('--format', `expected one of ${FORMATS.join(', ')}, got "${values.format ?? ''}"`);
  const tz = assertTimeZone(values.tz);
  const runtime = await startRuntime({ storeDir: values.store ?? DEFAULT_STORE_DIR });
  try {
    const incident = await runtime.store.getIncident(id);
    if (!incident) throw new NotFoundError(`incident ${id}`);
    const [timeline, signals, drafts] = await Promise.all([
      runtime.store.getTimeline(id),
      runtime.store.getSignals(id),
      new DraftStore(runtime.store).list(id),
    ]);
    const record = buildIncidentRecord({
      incident,
      timeline,
      signals,
      drafts,
      tz,
      generatedAt: new Date().toISOString(),
    });
    if (format === 'pdf') {
      const out = values.out ?? `${id}.pdf`;
      const pdf = await renderIncidentPdf(record);
      writeFileSync(out, pdf);
      console.error(`breachwatch export: wrote ${out} (${pdf.length} bytes); ${record.chain.message}`);
      return 0;
    }
    const text = format === 'json' ? `${JSON.stringify(record, null, 2)}\n` : incidentCsv(record);
    if (values.out) {
      writeFileSync(values.out, text);
      console.error(`breachwatch export: wrote ${values.out}; ${record.chain.message}`);
    } else process.stdout.write(text);
    return 0;
  } finally {
    await runtime.stop();
  }
};
