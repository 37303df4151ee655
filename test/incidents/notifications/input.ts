import { openIncident } from '../../../incidents/correlate.js';
import { applyCommand } from '../../../incidents/lifecycle.js';
import type { DraftInput, NotificationConfig } from '../../../incidents/notifications/index.js';
import { assessRisk } from '../../../incidents/risk.js';
import { signal } from '../../support/factories.js';

/** Configuration of a Berlin controller: BlnBDI leads, Bavaria's BayLDA is concerned. */
export const config: NotificationConfig = {
  controller: 'Acme Shop GmbH',
  dpo: { name: 'Dr. Erika Beispiel', email: 'dpo@acme.example', phone: '+49 30 1234567' },
  leadAuthority: { id: 'de-be', name: 'Berliner Beauftragte für Datenschutz und Informationsfreiheit', country: 'DE' },
  otherAuthorities: [{ id: 'de-by', name: 'Bayerisches Landesamt für Datenschutzaufsicht', country: 'DE' }],
};

/** A GuardDuty exfiltration plus an egress sample with IBAN and e-mail counts, breach confirmed at 03:00. */
export function draftInput(at = '2026-11-20T09:00:00.000Z'): DraftInput {
  const gd = signal({ evidence: { findingType: 'Exfiltration:S3/MaliciousIPCaller' } });
  const egress = signal({
    id: 'egress:1',
    source: 'egress',
    findingKey: undefined,
    observedAt: '2026-11-20T02:30:00.000Z',
    summary: 'egress sample carried IBAN ×130, EMAIL ×118',
    evidence: {
      pii: {
        byType: {
          IBAN: { detections: 130, distinct: 120, validated: 120, category: 'financial', jurisdictions: ['DE'] },
          EMAIL: { detections: 118, distinct: 118, validated: 118, category: 'contact', jurisdictions: [] },
        },
        categories: ['contact', 'financial'],
        art9: false,
      },
    },
  });
  const opened = openIncident(gd, '2026-11-20T02:15:00.000Z').incident;
  const confirmed = applyCommand(
    opened,
    { action: 'confirm-breach', actor: 'dpo@acme.example' },
    '2026-11-20T03:00:00.000Z',
  )!.incident;
  const signals = [gd, egress];
  return { incident: confirmed, signals, risk: assessRisk(confirmed, signals), config, at, by: 'dpo@acme.example' };
}
