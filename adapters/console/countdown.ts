import { art33Deadline } from '../../incidents/gdpr-clock.js';
import type { Incident } from '../../incidents/incident.js';
import { NotificationDecision } from '../../incidents/workflow.js';

/**
 * Where an incident stands against the Art. 33 clock. Before a person confirms awareness the clock has
 * not started; it stops at the first authority notification or at a register-only decision.
 */
export type Art33Countdown =
  | { state: 'not-started' }
  | { state: 'running' | 'overdue'; awareAt: string; deadline: string; remainingMs: number }
  | { state: 'notified'; awareAt: string; deadline: string; notifiedAt: string; onTime: boolean }
  | { state: 'not-required'; awareAt: string; deadline: string; decidedAt: string };

/** The Art. 33 countdown of an incident at `now` (72 h from `workflow.awareness.at`). */
export function art33Countdown(incident: Incident, now: Date): Art33Countdown {
  const awareness = incident.workflow.awareness;
  if (!awareness) return { state: 'not-started' };
  const deadline = art33Deadline(awareness.at);
  const deadlineMs = Date.parse(deadline);
  const clock = { awareAt: awareness.at, deadline };
  const first = incident.workflow.authorityNotifications?.[0];
  if (first) return { state: 'notified', ...clock, notifiedAt: first.at, onTime: Date.parse(first.at) <= deadlineMs };
  const decision = incident.workflow.decision;
  if (decision?.outcome === NotificationDecision.REGISTER_ONLY)
    return { state: 'not-required', ...clock, decidedAt: decision.at };
  const remainingMs = deadlineMs - now.getTime();
  return { state: remainingMs < 0 ? 'overdue' : 'running', ...clock, remainingMs };
}

/** Whether an authority notification now needs a reason for the delay: past 72 h after awareness, any phase (Art. 33(1)). */
export function needsDelayReason(incident: Incident, now: Date): boolean {
  const awareness = incident.workflow.awareness;
  return awareness !== undefined && now.getTime() > Date.parse(art33Deadline(awareness.at));
}
