import type { Incident } from '../incident.js';

/** Art. 33(1) outcome: notified in time or late, still open or overdue, not required, or no breach. */
export const Art33State = {
  MET: 'met',
  MISSED: 'missed',
  PENDING: 'pending',
  OVERDUE: 'overdue',
  NOT_REQUIRED: 'not-required',
  NO_BREACH: 'no-breach-confirmed',
} as const;
export type Art33State = (typeof Art33State)[keyof typeof Art33State];

/** The 72-hour clock of an incident as of a moment. */
export interface Art33Status {
  state: Art33State;
  awareAt?: string;
  deadline?: string;
  firstNotifiedAt?: string;
  /** Hours from awareness to the first notification. */
  hoursToNotify?: number;
  delayReason?: string;
  summary: string;
}

const HOUR_MS = 3_600_000;

/**
 * Art. 33(1): notify within 72 hours of awareness (confirmed by a person, EDPB Guidelines 9/2022 § 2.2),
 * compared with the first authority notification; `asOf` decides pending versus overdue.
 * @example art33Status(incident, '2026-11-24T00:00:00Z').state // 'met'
 */
export function art33Status(incident: Incident, asOf: string): Art33Status {
  const w = incident.workflow;
  if (!w.awareness) {
    const why = w.dismissal ? `dismissed: ${w.dismissal.reason}` : 'awareness not confirmed';
    return { state: Art33State.NO_BREACH, summary: `no Art. 33 clock (${why})` };
  }
  const awareAt = w.awareness.at;
  const deadline = new Date(Date.parse(awareAt) + 72 * HOUR_MS).toISOString();
  const first = w.authorityNotifications?.[0];
  if (first) {
    const hours = Math.round(((Date.parse(first.at) - Date.parse(awareAt)) / HOUR_MS) * 10) / 10;
    const met = Date.parse(first.at) <= Date.parse(deadline);
    return {
      state: met ? Art33State.MET : Art33State.MISSED,
      awareAt,
      deadline,
      firstNotifiedAt: first.at,
      hoursToNotify: hours,
      delayReason: first.delayReason,
      summary: met
        ? `deadline met: ${first.authority} notified ${hours} h after awareness`
        : `deadline missed: ${first.authority} notified ${hours} h after awareness (reason: ${first.delayReason ?? 'none given'})`,
    };
  }
  if (w.decision?.outcome === 'register-only')
    return {
      state: Art33State.NOT_REQUIRED,
      awareAt,
      deadline,
      summary: `not required: register-only decision by ${w.decision.by}`,
    };
  const overdue = Date.parse(asOf) > Date.parse(deadline);
  return {
    state: overdue ? Art33State.OVERDUE : Art33State.PENDING,
    awareAt,
    deadline,
    summary: overdue ? 'overdue: 72 h passed without notifying the authority' : 'pending: within 72 h of awareness',
  };
}
