import {
  type AuthorityNotificationContent,
  authoritiesToNotify,
  authorityDraftEdits,
  authorityDraftFields,
  type Draft,
  EDITABLE_AUTHORITY_FIELDS,
  missingArt33Fields,
  type NotificationConfig,
} from '../../incidents/notifications/index.js';
import { authorityDraftOf } from '../authority-drafts.js';
import { DraftStore } from '../draft-store.js';
import { NotFoundError } from '../errors.js';
import { type HttpRequest, type HttpResponse, jsonBody } from '../http/routes.js';
import type { IncidentStore } from '../incident-store.js';

/** What the draft form needs: the store, the notification settings, a clock and the viewer. */
export interface DraftRouteDeps {
  store: IncidentStore;
  notifications: () => NotificationConfig;
  now: () => Date;
  actorOf: (req: HttpRequest) => string;
}

type Content = AuthorityNotificationContent;
const json = (status: number, body: unknown): HttpResponse => ({
  status,
  headers: { 'cache-control': 'no-store' },
  body,
});

/** The draft as the form shows it: which authority, which version, what Art. 33(3) still lacks, the field texts. */
function draftView(draft: Draft<Content>, config: NotificationConfig, unsaved: boolean) {
  return {
    authority: { ...draft.content.authority, lead: draft.content.lead },
    authorities: authoritiesToNotify(config, true).map((a) => ({ id: a.id, name: a.name })),
    phase: draft.content.phase,
    version: unsaved ? 0 : draft.version,
    unsaved,
    createdAt: draft.createdAt,
    createdBy: draft.createdBy,
    missing: missingArt33Fields(draft.content),
    editable: EDITABLE_AUTHORITY_FIELDS,
    fields: authorityDraftFields(draft.content),
  };
}

function parseEdit(body: unknown): { authority?: string; fields: Record<string, string>; note?: string } | string {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'body: expected a JSON object';
  const { authority, fields, note, ...extra } = body as Record<string, unknown>;
  if (Object.keys(extra).length) return `${Object.keys(extra)[0]}: not a draft field`;
  if (authority !== undefined && typeof authority !== 'string') return 'authority: expected an authority id';
  if (note !== undefined && typeof note !== 'string') return 'note: expected text';
  if (!fields || typeof fields !== 'object' || Array.isArray(fields)) return 'fields: expected an object';
  const entries = Object.entries(fields);
  if (entries.length === 0) return 'fields: nothing to save';
  if (entries.some(([, v]) => typeof v !== 'string')) return 'fields: every value must be text';
  return { authority, fields: fields as Record<string, string>, note };
}

/**
 * `GET …/incidents/{id}/draft[?authority=ID]`: the Art. 33 notification draft for an authority (the lead one by
 * default), its latest version or the one the evidence pre-fills (unsaved). `POST` with
 * `{"fields":{…},"authority"?,"note"?}` saves the edits as a new version by the viewer; none is overwritten.
 */
export function draftRoute(deps: DraftRouteDeps) {
  const drafts = new DraftStore(deps.store);
  async function load(id: string, authorityId: string | undefined, req: HttpRequest) {
    const config = deps.notifications();
    const authorities = authoritiesToNotify(config, true).map((a) => a.id);
    const chosen = authorityId ?? config.leadAuthority.id;
    if (!authorities.includes(chosen))
      return json(400, {
        error: `authority: "${chosen}" is not configured; expected one of ${authorities.join(', ')}`,
      });
    const request = {
      config,
      authorityId: chosen,
      by: deps.actorOf(req),
      language: 'en',
      at: deps.now().toISOString(),
    };
    try {
      return { config, ...(await authorityDraftOf(deps.store, id, request)) };
    } catch (error) {
      if (error instanceof NotFoundError) return json(404, { error: `incident ${id} not found` });
      throw error;
    }
  }

  return async (id: string, req: HttpRequest): Promise<HttpResponse> => {
    if (req.method === 'GET') {
      const found = await load(id, req.query.get('authority') ?? undefined, req);
      if ('status' in found) return found;
      const latest = await drafts.latest<Content>(id, found.kind);
      return json(200, draftView(latest ?? found.first(), found.config, !latest));
    }
    const body = jsonBody(req);
    if ('refused' in body) return body.refused;
    const edit = parseEdit(body.value);
    if (typeof edit === 'string') return json(400, { error: edit });
    const found = await load(id, edit.authority, req);
    if ('status' in found) return found;
    // Edits are checked before version 1 is saved, so a refused edit leaves no trace.
    const current = (await drafts.latest<Content>(id, found.kind)) ?? found.first();
    const edits = authorityDraftEdits(current.content, edit.fields);
    await drafts.latestOrFirst<Content>(id, found.kind, found.first);
    const by = deps.actorOf(req);
    const saved = await drafts.revise<Content>(id, found.kind, edits, by, deps.now().toISOString(), edit.note);
    return json(200, draftView(saved, found.config, false));
  };
}
