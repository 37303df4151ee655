import type * as Exports from '../../incidents/exports/index.js';
import { DraftStore } from '../draft-store.js';
import type { HttpResponse } from '../http/routes.js';
import type { IncidentStore } from '../incident-store.js';
import { EXPORT_FORMATS } from './console-view.js';

type ExportFormat = (typeof EXPORT_FORMATS)[number];
let exporters: Promise<typeof Exports | undefined> | undefined;

/**
 * The exporters (issue 5 item 8), imported on first use: the PDF renderer pulls in pdfkit, which the page
 * and the API do not need, and a build without them still serves the console (export answers 501).
 */
function loadExporters(): Promise<typeof Exports | undefined> {
  exporters ??= import('../../incidents/exports/index.js').catch((error: unknown) => {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || /Cannot find (module|package)/.test(String(error))) return undefined;
    throw error;
  });
  return exporters;
}

const REGISTER_FORMATS = ['csv', 'json'] as const;
const unavailable: HttpResponse = {
  status: 501,
  body: { error: 'export is not available in this build: incidents/exports is missing' },
};
const download = (filename: string, type: string, body: string | Buffer): HttpResponse => ({
  status: 200,
  headers: {
    'content-type': type,
    'content-disposition': `attachment; filename="${filename}"`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  },
  body,
});

const TYPES: Record<ExportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
};

/**
 * `GET …/incidents/{id}/export?format=json|csv|pdf[&tz=Europe/Berlin]`: the incident's record for auditors as
 * a download, built by the same exporters as `breachwatch export`.
 */
export async function exportIncidentRoute(
  store: IncidentStore,
  id: string,
  query: URLSearchParams,
  now: Date,
): Promise<HttpResponse> {
  const format = query.get('format') as ExportFormat;
  if (!EXPORT_FORMATS.includes(format))
    return { status: 400, body: { error: `format: expected one of ${EXPORT_FORMATS.join(', ')}` } };
  const incident = await store.getIncident(id);
  if (!incident) return { status: 404, body: { error: `incident ${id} not found` } };
  const mod = await loadExporters();
  if (!mod) return unavailable;
  const tz = mod.assertTimeZone(query.get('tz') ?? 'UTC');
  const [timeline, signals, drafts] = await Promise.all([
    store.getTimeline(id),
    store.getSignals(id),
    new DraftStore(store).list(id),
  ]);
  const record = mod.buildIncidentRecord({ incident, timeline, signals, drafts, tz, generatedAt: now.toISOString() });
  const body =
    format === 'pdf'
      ? await mod.renderIncidentPdf(record)
      : format === 'csv'
        ? mod.incidentCsv(record)
        : `${JSON.stringify(record, null, 2)}\n`;
  const filename = `${id.replace(/[^\w.-]/g, '_')}.${format}`;
  return download(filename, TYPES[format], body);
}

/**
 * `GET …/register?format=csv|json[&from=YYYY-MM-DD][&to=…][&tz=…]`: the Art. 33(5) register of every incident
 * first seen in the period, notified or not, as `breachwatch register` writes it.
 */
export async function registerRoute(store: IncidentStore, query: URLSearchParams, now: Date): Promise<HttpResponse> {
  const format = query.get('format') as (typeof REGISTER_FORMATS)[number];
  if (!REGISTER_FORMATS.includes(format))
    return { status: 400, body: { error: `format: expected one of ${REGISTER_FORMATS.join(', ')}` } };
  const mod = await loadExporters();
  if (!mod) return unavailable;
  const options = {
    from: query.get('from') ?? undefined,
    to: query.get('to') ?? undefined,
    tz: mod.assertTimeZone(query.get('tz') ?? 'UTC'),
    asOf: now.toISOString(),
  };
  mod.registerRows([], options); // a bad period is a 400 before the table is read
  const rows = mod.registerRows(await store.listIncidents(), options);
  const body = format === 'csv' ? mod.registerCsv(rows) : `${JSON.stringify(rows, null, 2)}\n`;
  return download(`breach-register-${now.toISOString().slice(0, 10)}.${format}`, `${TYPES[format]}`, body);
}
