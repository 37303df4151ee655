import {
  type AuthorityNotificationContent,
  type Draft,
  DraftKind,
  draftAuthorityNotifications,
  draftKind,
  type NotificationConfig,
} from '../incidents/notifications/index.js';
import { assessRisk } from '../incidents/risk.js';
import { NotFoundError } from './errors.js';
import type { IncidentStore } from './incident-store.js';

/** Whose draft, for whom, in which language, and when it would be pre-filled. */
export interface AuthorityDraftRequest {
  config: NotificationConfig;
  authorityId: string;
  by: string;
  language: string;
  at: string;
}

/**
 * An incident's Art. 33 draft for one authority: its kind (the key its versions are stored under) and the
 * version 1 the evidence pre-fills (risk from `assessRisk`), for `DraftStore.latestOrFirst` to save first.
 * Shared by `breachwatch draft` and the console.
 */
export async function authorityDraftOf(
  store: Pick<IncidentStore, 'getIncident' | 'getSignals'>,
  incidentId: string,
  request: AuthorityDraftRequest,
): Promise<{ kind: string; first: () => Draft<AuthorityNotificationContent> }> {
  const incident = await store.getIncident(incidentId);
  if (!incident) throw new NotFoundError(`incident ${incidentId}`);
  const signals = await store.getSignals(incidentId);
  const { config, at, by, language } = request;
  const input = { incident, signals, risk: assessRisk(incident, signals), config, at, by };
  const kind = draftKind(DraftKind.AUTHORITY, request.authorityId);
  return {
    kind,
    first: () => draftAuthorityNotifications(input, { all: true, language }).find((d) => d.kind === kind)!,
  };
}
