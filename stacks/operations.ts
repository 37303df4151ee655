import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, MathExpression, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { type Function as SstFunction, type StackContext, use } from 'sst/constructs';
import { Console } from './console.js';
import { Ingest } from './ingest.js';
import { Workflow } from './workflow.js';

/**
 * Alarms to the escalation topic (see the README runbook): a message in any dead-letter queue, function
 * errors and throttles, and an incident opened without an on-call page delivered within 30 minutes.
 */
export function Operations({ stack }: StackContext) {
  const ingest = use(Ingest);
  const workflow = use(Workflow);
  const notify = new SnsAction(workflow.escalation);
  const alarm = (id: string, props: ConstructorParameters<typeof Alarm>[2]) =>
    new Alarm(stack, id, props).addAlarmAction(notify);

  const queues: Record<string, Queue> = {
    GuardDuty: ingest.guardDuty.deadLetters,
    Egress: ingest.egress.deadLetters,
    FlowLogs: ingest.flows.deadLetters,
    Outbox: workflow.outboxFailures,
    Page: workflow.pageFailures,
  };
  for (const [name, queue] of Object.entries(queues)) {
    alarm(`${name}DeadLettersAlarm`, {
      alarmDescription: `${name}: deliveries parked in the dead-letter queue (runbook: redrive a DLQ)`,
      metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }

  const functions: Record<string, SstFunction> = {
    GuardDutyIngest: ingest.guardDuty.fn,
    EgressIngest: ingest.egress.fn,
    FlowLogsIngest: ingest.flows.fn,
    IncidentOutbox: workflow.outbox,
    PageOnCall: workflow.page,
    SlackInteractions: workflow.slack,
    AckLink: workflow.ack,
    ConsoleHttp: use(Console).fn,
    DeadlineScheduler: workflow.deadlines,
  };
  for (const [name, fn] of Object.entries(functions)) {
    for (const [what, metric] of [
      ['Errors', fn.metricErrors({ period: Duration.minutes(5) })],
      ['Throttles', fn.metricThrottles({ period: Duration.minutes(5) })],
    ] as const) {
      alarm(`${name}${what}Alarm`, {
        alarmDescription: `${name}: ${what.toLowerCase()} (runbook: function errors and throttles)`,
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    }
  }

  const count = (metricName: string) =>
    new Metric({
      namespace: 'breachwatch',
      metricName,
      dimensionsMap: { service: 'breachwatch' },
      statistic: 'Sum',
      period: Duration.minutes(15),
    });
  alarm('OpenedNotPagedAlarm', {
    alarmDescription: 'incidents opened but no on-call page delivered for 30 minutes (runbook: opened but not paged)',
    metric: new MathExpression({
      expression: 'FILL(opened, 0) - FILL(paged, 0)',
      usingMetrics: { opened: count('incidentsOpened'), paged: count('incidentsPaged') },
      period: Duration.minutes(15),
    }),
    threshold: 1,
    evaluationPeriods: 2,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
}
