import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { listBreachConfirmed } from '../adapters/deadline-query.js';
import { IncidentStore } from '../adapters/incident-store.js';
import { dueReminders, type EscalationPolicy, escalationDue } from '../incidents/gdpr-clock.js';
import type { Incident } from '../incidents/incident.js';
import { logger, metrics } from './lib/telemetry.js';
import { readWorkflowConfig } from './lib/workflow-config.js';

/** The actor the scheduler's commands are recorded under. */
export const SCHEDULER_ACTOR = 'breachwatch-scheduler';

/** What the scheduler needs: the store, a way to list confirmed breaches, the policy and the clock. */
export interface DeadlineDeps {
  store: Pick<IncidentStore, 'listIncidents' | 'applyCommand'>;
  listBreachConfirmed: () => Promise<Incident[]>;
  escalation: EscalationPolicy;
  now: () => Date;
}

/** What one run did: incident ids escalated (with level) and reminded (with hours), and failures by id. */
export interface DeadlineReport {
  escalated: Array<{ incidentId: string; level: number }>;
  reminded: Array<{ incidentId: string; hours: number }>;
  failed: string[];
}

/**
 * One scheduler run (every 5 min in AWS): escalates open incidents past their window unacknowledged and
 * records due Art. 33 reminders (24, 48, 60, 70 h, then the overdue notice at 72 h). It only applies
 * `escalate` and `remind` commands; the outbox turns them into events and paging sends them. Commands are
 * idempotent per level and per hour, so overlapping runs send nothing twice.
 */
export async function runDeadlines(deps: DeadlineDeps): Promise<DeadlineReport> {
  const now = deps.now();
  const report: DeadlineReport = { escalated: [], reminded: [], failed: [] };
  const [open, confirmed] = await Promise.all([
    deps.store.listIncidents({ openOnly: true }),
    deps.listBreachConfirmed(),
  ]);
  for (const incident of open) {
    const due = escalationDue(incident, now, deps.escalation);
    if (!due) continue;
    try {
      const { changed } = await deps.store.applyCommand(
        incident.id,
        { action: 'escalate', actor: SCHEDULER_ACTOR, reason: due.reason },
        now,
      );
      if (changed) report.escalated.push({ incidentId: incident.id, level: due.level });
    } catch (error) {
      report.failed.push(incident.id);
      logger.error('escalation not applied', { incidentId: incident.id, error: (error as Error).name });
    }
  }
  for (const incident of confirmed) {
    for (const hours of dueReminders(incident, now)) {
      try {
        const { changed } = await deps.store.applyCommand(
          incident.id,
          { action: 'remind', actor: SCHEDULER_ACTOR, hoursAfterAwareness: hours },
          now,
        );
        if (changed) report.reminded.push({ incidentId: incident.id, hours });
      } catch (error) {
        report.failed.push(incident.id);
        logger.error('reminder not recorded', { incidentId: incident.id, hours, error: (error as Error).name });
        break;
      }
    }
  }
  return report;
}

/** The scheduled function (EventBridge schedule `rate(5 minutes)`). */
export function makeDeadlineHandler(deps: () => DeadlineDeps) {
  return middy(async () => {
    const report = await runDeadlines(deps());
    metrics.addMetric('escalated', MetricUnit.Count, report.escalated.length);
    metrics.addMetric('art33Reminders', MetricUnit.Count, report.reminded.length);
    metrics.addMetric('deadlineFailures', MetricUnit.Count, report.failed.length);
    logger.info('deadlines', { ...report });
    return report;
  })
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics));
}

let deps: DeadlineDeps | undefined;
export const handler = makeDeadlineHandler(() => {
  if (!deps) {
    const config = readWorkflowConfig();
    const store = new IncidentStore({ tableName: config.tableName, endpoint: config.dynamoEndpoint });
    deps = {
      store,
      listBreachConfirmed: () => listBreachConfirmed(store.client, store.tableName),
      escalation: config.escalation,
      now: () => new Date(),
    };
  }
  return deps;
});
