import { Duration } from 'aws-cdk-lib';
import { EventBus, Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { FunctionUrlAuthType, InvokeMode, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Function as SstFunction, type StackContext, use } from 'sst/constructs';
import { deadLetterQueue, failureQueue, targetDeadLetters } from './dead-letters.js';
import { grant, grantParameters, grantTable, WORKFLOW_ACTIONS } from './grants.js';
import { functionEnvironment, notificationSetting, secretParameters, stageConfig } from './stage-config.js';
import { Storage } from './storage.js';

/**
 * The GDPR workflow: the table's stream is the outbox publishing incident events on the `breachwatch`
 * bus; paging consumes them (SNS on-call and escalation topics, Slack); the Slack endpoint takes signed
 * button clicks; a schedule escalates unacknowledged incidents and sends Art. 33 reminders.
 */
export function Workflow({ stack, app }: StackContext) {
  const { table, key } = use(Storage);
  const config = stageConfig(app.stage);
  const secrets = secretParameters(config, app.stage);
  const bus = new EventBus(stack, 'Bus', { eventBusName: `${app.stage}-breachwatch` });
  const topic = (id: string, displayName: string) =>
    new Topic(stack, id, { displayName, masterKey: key, enforceSSL: true });
  const oncall = topic('OnCall', 'breachwatch on-call');
  const escalation = topic('Escalation', 'breachwatch escalation');
  const environment = {
    ...functionEnvironment(config, table.tableName),
    ...notificationSetting(config, app.stage),
    BREACHWATCH_EVENT_BUS: bus.eventBusName,
    BREACHWATCH_ONCALL_TOPIC_ARN: oncall.topicArn,
    BREACHWATCH_ESCALATION_TOPIC_ARN: escalation.topicArn,
    SLACK_BOT_TOKEN_PARAM: secrets.slackBotToken,
    SLACK_SIGNING_SECRET_PARAM: secrets.slackSigningSecret,
    ACK_LINK_KEY_PARAM: secrets.ackLinkKey,
    SLACK_USERS: JSON.stringify(config.slackUsers),
    ...(config.slackChannel ? { SLACK_CHANNEL: config.slackChannel } : {}),
    ...(config.slackEscalationMention ? { SLACK_ESCALATION_MENTION: config.slackEscalationMention } : {}),
    BREACHWATCH_CONSOLE_URL: config.consoleUrl,
  };
  const fn = (id: string, handler: string, timeout = 30) =>
    new SstFunction(stack, id, {
      handler,
      runtime: 'nodejs22.x',
      architecture: 'arm_64',
      memorySize: 512,
      timeout,
      environment,
      tracing: 'active',
    });

  const outbox = fn('IncidentOutbox', 'functions/incident-outbox.handler');
  const outboxFailures = deadLetterQueue(stack, 'OutboxDeadLetters', key);
  outbox.addEventSource(
    new DynamoEventSource(table, {
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: 100,
      bisectBatchOnError: true,
      retryAttempts: 10,
      reportBatchItemFailures: true,
      onFailure: failureQueue(outboxFailures, key),
    }),
  );
  grant(outbox, ['events:PutEvents'], [bus.eventBusArn]);

  const page = fn('PageOnCall', 'functions/page-oncall.handler');
  const pageFailures = targetDeadLetters(deadLetterQueue(stack, 'PageDeadLetters', key));
  grantTable(page, table, key, WORKFLOW_ACTIONS);
  grant(page, ['sns:Publish'], [oncall.topicArn, escalation.topicArn]);
  grantParameters(page, [secrets.slackBotToken, secrets.ackLinkKey]);
  new Rule(stack, 'IncidentEvents', {
    eventBus: bus,
    description: 'incident events to paging',
    eventPattern: { source: ['breachwatch'] },
    targets: [
      new LambdaFunction(page, { deadLetterQueue: pageFailures, retryAttempts: 8, maxEventAge: Duration.hours(6) }),
    ],
  });

  const slack = fn('SlackInteractions', 'functions/slack-interactions.handler', 10);
  grantTable(slack, table, key, WORKFLOW_ACTIONS);
  grantParameters(slack, [secrets.slackSigningSecret, secrets.slackBotToken]);
  // No IAM auth: Slack cannot sign AWS requests. The function verifies Slack's v0 signature on every call.
  // Streamed, so the answer reaches Slack within its 3 s while the response_url report is still being sent.
  const slackUrl = slack.addFunctionUrl({ authType: FunctionUrlAuthType.NONE, invokeMode: InvokeMode.RESPONSE_STREAM });

  // No IAM auth either: people paged by e-mail or SMS have no AWS identity; the signed, expiring, single-use
  // token in the link is the credential, and opening the link only shows a confirmation form.
  const ack = fn('AckLink', 'functions/ack-link.handler', 10);
  grantTable(ack, table, key, WORKFLOW_ACTIONS);
  grantParameters(ack, [secrets.ackLinkKey]);
  const ackUrl = ack.addFunctionUrl({ authType: FunctionUrlAuthType.NONE });
  page.addEnvironment('BREACHWATCH_ACK_URL', ackUrl.url);

  const deadlines = fn('DeadlineScheduler', 'functions/deadline-scheduler.handler', 120);
  grantTable(deadlines, table, key, WORKFLOW_ACTIONS);
  new Rule(stack, 'DeadlineSchedule', {
    description: 'escalations and Art. 33 reminders',
    schedule: Schedule.rate(Duration.minutes(5)),
    targets: [new LambdaFunction(deadlines, { retryAttempts: 2 })],
  });

  stack.addOutputs({
    SlackInteractionsUrl: slackUrl.url,
    AckLinkUrl: ackUrl.url,
    EventBus: bus.eventBusName,
    OnCallTopic: oncall.topicArn,
  });
  return { bus, oncall, escalation, outbox, outboxFailures, page, pageFailures, slack, ack, deadlines };
}
