import { NotFoundError } from '../adapters/errors.js';
import type { HttpRoutes } from '../adapters/http/routes.js';
import { incidentJson } from '../incidents/incident-json.js';
import { emptyReport } from '../incidents/ingest.js';
import { mergeReports, type Runtime } from './runtime.js';

/**
 * The local runtime's HTTP API. `POST /events` takes deliveries exactly as AWS sends them to Lambda (an
 * EventBridge event or an array of them, a CloudWatch Logs subscription payload, an S3 notification…)
 * and routes each as the deployed rules and subscriptions would.
 */
export function runtimeEndpoints(runtime: Runtime): HttpRoutes {
  return {
    'GET /health': () => ({ status: 200, body: { ok: true } }),
    'POST /events': async (req) => {
      const parsed: unknown = JSON.parse(req.body.toString('utf8'));
      const deliveries = Array.isArray(parsed) ? parsed : [parsed];
      const report = emptyReport(0);
      for (const [i, delivery] of deliveries.entries())
        mergeReports(report, await runtime.deliver(delivery, `delivery #${i}`));
      return { status: report.invalid.length > 0 ? 207 : 202, body: report };
    },
    'GET /incidents': async (req) => {
      const list = await runtime.store.listIncidents({ openOnly: req.query.get('open') === 'true' });
      return { status: 200, body: list.map(incidentJson) };
    },
    'GET /incidents/*': async (req) => {
      const id = decodeURIComponent(req.path.slice('/incidents/'.length));
      const incident = await runtime.store.getIncident(id);
      if (!incident) throw new NotFoundError(`incident ${id}`);
      const [timeline, signals] = await Promise.all([runtime.store.getTimeline(id), runtime.store.getSignals(id)]);
      return { status: 200, body: { ...incidentJson(incident), timeline, signals } };
    },
  };
}
