import type { IncidentStore } from '../../adapters/incident-store.js';
import type { HttpResponse } from '../http-server.js';
import { EXPORT_FORMATS } from './console-view.js';

/** The exporters' module (issue 5 item 8); imported on first use so the console runs without it. */
const EXPORTS_MODULE = '../../incidents/exports/index.js';

type ExportsModule = Record<string, unknown>;
let loaded: Promise<ExportsModule | undefined> | undefined;

/** The exporters, or undefined when this build has none (the module is written in parallel). */
function loadExports(): Promise<ExportsModule | undefined> {
  loaded ??= import(/* @vite-ignore */ EXPORTS_MODULE).then(
    (mod: ExportsModule) => mod,
    (error: unknown) => {
      const code = (error as { code?: string }).code;
      if (code === 'ERR_MODULE_NOT_FOUND' || /Cannot find module|Failed to load url/.test(String(error)))
        return undefined;
      throw error;
    },
  );
  return loaded;
}

const notAvailable = (why: string): HttpResponse => ({
  status: 501,
  body: { error: `export is not available in this build: ${why}` },
});

/** `GET …/incidents/{id}/export?format=json|csv|pdf`: the incident's record as a download. */
export async function exportIncidentRoute(
  store: IncidentStore,
  id: string,
  format: string | null,
): Promise<HttpResponse> {
  if (!EXPORT_FORMATS.includes(format as (typeof EXPORT_FORMATS)[number]))
    return { status: 400, body: { error: `format: expected one of ${EXPORT_FORMATS.join(', ')}` } };
  if (!(await store.getIncident(id))) return { status: 404, body: { error: `incident ${id} not found` } };
  const mod = await loadExports();
  if (!mod) return notAvailable('incidents/exports/index.ts is missing (the exporters of issue 5, item 8)');
  return notAvailable(`incidents/exports has no exporter for ${format} the console knows how to call`);
}
