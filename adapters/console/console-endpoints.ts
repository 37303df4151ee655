import { IllegalTransitionError } from '../../incidents/errors.js';
import { type Incident, IncidentStatus } from '../../incidents/incident.js';
import { applyCommand } from '../../incidents/lifecycle.js';
import type { NotificationConfig } from '../../incidents/notifications/index.js';
import { StoreConflictError } from '../errors.js';
import { type HttpRequest, type HttpResponse, type HttpRoutes, jsonBody } from '../http/routes.js';
import type { IncidentStore } from '../incident-store.js';
import { type ConsolePage, loadConsolePage } from './console-page.js';
import { consoleDetail, consoleSummary } from './console-view.js';
import { draftRoute } from './draft-route.js';
import { exportIncidentRoute, registerRoute } from './export-route.js';
import { parseCommand } from './parse-command.js';

/** What the console needs: the store, a clock, and who the viewer is. */
export interface ConsoleDeps {
  store: IncidentStore;
  now?: () => Date;
  /** The viewer's id: `localActor` by default; deployed, `authenticatedActor` (the IAM caller). */
  actor?: (req: HttpRequest) => string;
  /** Controller, DPO and authorities for the Art. 33 draft form; read when the form is first used. */
  notifications?: () => NotificationConfig;
}

const API = '/console/api';
const CLOSED: ReadonlySet<string> = new Set([IncidentStatus.CLOSED, IncidentStatus.DISMISSED]);
const USER_HEADER = 'x-breachwatch-user';

/** Local viewer: the `x-breachwatch-user` header, else `local-user`. Trusts the header: loopback only. */
export function localActor(req: HttpRequest): string {
  const header = req.headers[USER_HEADER];
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  return value && /^[\w.@:+-]{1,128}$/.test(value) ? value : 'local-user';
}

/** Deployed viewer: the caller the platform authenticated. A request without one is refused before any route runs. */
export function authenticatedActor(req: HttpRequest): string {
  if (!req.caller) throw new Error('console: request reached a route without an authenticated caller');
  return req.caller;
}

const json = (status: number, body: unknown): HttpResponse => ({
  status,
  headers: { 'cache-control': 'no-store' },
  body,
});
/** The path after `…/incidents/`, split and decoded; a malformed escape yields no segments. */
function segments(path: string): string[] {
  try {
    return path.slice(`${API}/incidents/`.length).split('/').map(decodeURIComponent);
  } catch {
    return [];
  }
}

type Row = ReturnType<typeof consoleSummary>;
const remaining = (r: Row) =>
  r.countdown.state === 'running' || r.countdown.state === 'overdue' ? r.countdown.remainingMs : Infinity;
/** Running Art. 33 clocks first (least time left on top), then by severity, newest first. */
const byUrgency = (a: Row, b: Row) =>
  remaining(a) - remaining(b) || b.severity - a.severity || b.lastSeen.localeCompare(a.lastSeen);

const notFound = (id: string) => json(404, { error: `incident ${id} not found` });

/**
 * The breach console: `GET /console` (the page) and its JSON API under `/console/api`. Commands are
 * JSON only (a cross-site form cannot send `application/json`), run through the lifecycle with the
 * viewer as actor; with `expectedVersion` they also refuse to act on a state the viewer has not seen.
 * @example await serveHttp({ ...runtimeEndpoints(rt), ...consoleEndpoints({ store: rt.store }) }, 8787);
 */
export function consoleEndpoints(deps: ConsoleDeps): HttpRoutes {
  const now = deps.now ?? (() => new Date());
  const actorOf = deps.actor ?? localActor;
  // Read once, at start: a deployment that forgot to ship `static/` fails at cold start, not on first view.
  const page: ConsolePage = loadConsolePage();
  const servePage = (): HttpResponse => ({ status: 200, headers: page.headers, body: page.html });
  const notifications = deps.notifications;
  const draft = notifications
    ? draftRoute({ store: deps.store, notifications, now, actorOf })
    : async () =>
        json(501, { error: 'the draft form needs the notification settings (BREACHWATCH_NOTIFICATION_CONFIG)' });

  async function detail(id: string, at: Date): Promise<HttpResponse> {
    const incident = await deps.store.getIncident(id);
    if (!incident) return notFound(id);
    const [timeline, signals] = await Promise.all([deps.store.getTimeline(id), deps.store.getSignals(id)]);
    return json(200, consoleDetail(incident, timeline, signals, at, API));
  }

  async function command(id: string, req: HttpRequest): Promise<HttpResponse> {
    const parsedBody = jsonBody(req);
    if ('refused' in parsedBody) return { ...parsedBody.refused, headers: { 'cache-control': 'no-store' } };
    const body = parsedBody.value;
    const at = now();
    const incident = await deps.store.getIncident(id);
    if (!incident) return notFound(id);
    const parsed = parseCommand(body, actorOf(req), incident, at);
    if (!parsed.ok) return json(400, { error: parsed.problems.join('; '), problems: parsed.problems });
    try {
      const changed = await execute(incident, parsed.command, parsed.expectedVersion, at);
      if (typeof changed === 'string') return json(409, { error: changed });
      const view = await detail(id, at);
      return view.status === 200 ? json(200, { changed, ...(view.body as object) }) : view;
    } catch (error) {
      if (error instanceof IllegalTransitionError || error instanceof StoreConflictError)
        return json(409, { error: error.message });
      throw error;
    }
  }

  /** Applies the command; a string is why it was refused as stale, false means it had already taken effect. */
  async function execute(
    incident: Incident,
    cmd: Parameters<typeof applyCommand>[1],
    expectedVersion: number | undefined,
    at: Date,
  ): Promise<boolean | string> {
    if (expectedVersion === undefined) return (await deps.store.applyCommand(incident.id, cmd, at)).changed;
    const change = applyCommand(incident, cmd, at.toISOString());
    if (!change) return false;
    const stale = `incident ${incident.id} changed since you loaded it (version ${expectedVersion}, now ${incident.version}): reload and try again`;
    if (incident.version !== expectedVersion) return stale;
    if (await deps.store.commitChange(change, expectedVersion)) return true;
    const current = await deps.store.getIncident(incident.id);
    return current && !applyCommand(current, cmd, at.toISOString()) ? false : stale;
  }

  return {
    'GET /': () => ({ status: 302, headers: { location: '/console', 'cache-control': 'no-store' } }),
    'GET /console': servePage,
    'GET /console/': servePage,
    // Links in pages and Slack messages name an incident by path; the page selects it from the fragment.
    'GET /console/incidents/*': (req) => {
      const [id, ...extra] = req.path.slice('/console/incidents/'.length).split('/');
      if (!id || extra.length > 0) return json(404, { error: `no endpoint GET ${req.path}` });
      return { status: 302, headers: { location: `/console#incident=${id}`, 'cache-control': 'no-store' } };
    },
    [`GET ${API}/register`]: (req) => registerRoute(deps.store, req.query, now()),
    [`GET ${API}/incidents`]: async (req) => {
      const at = now();
      const all = req.query.get('all') === 'true';
      const incidents = (await deps.store.listIncidents()).filter((i) => all || !CLOSED.has(i.status));
      const rows = incidents.map((i) => consoleSummary(i, at)).sort(byUrgency);
      return json(200, { now: at.toISOString(), viewer: actorOf(req), incidents: rows });
    },
    [`GET ${API}/incidents/*`]: async (req) => {
      const [id, sub, ...extra] = segments(req.path);
      if (!id || extra.length > 0) return json(404, { error: `no endpoint GET ${req.path}` });
      if (sub === undefined) return detail(id, now());
      if (sub === 'export') return exportIncidentRoute(deps.store, id, req.query, now());
      if (sub === 'draft') return draft(id, req);
      return json(404, { error: `no endpoint GET ${req.path}` });
    },
    [`POST ${API}/incidents/*`]: async (req) => {
      const [id, sub, ...extra] = segments(req.path);
      if (!id || extra.length > 0) return json(404, { error: `no endpoint POST ${req.path}` });
      if (sub === 'commands') return command(id, req);
      if (sub === 'draft') return draft(id, req);
      return json(404, { error: `no endpoint POST ${req.path}` });
    },
  };
}
