import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { ConfigError } from '../events/errors.js';

/** The two topics: on-call pages and reminders, and the secondary topic escalations go to. */
export type PagerTopic = 'oncall' | 'escalation';

/** A page as SNS subscribers get it: e-mail subject and text, a short SMS text, filterable attributes. */
export interface PageMessage {
  subject: string;
  text: string;
  sms: string;
  attributes: {
    severity: number;
    severityBand: string;
    category: string;
    incidentId: string;
    eventType: string;
  };
}

/** Sends pages; returns the message id. The local runtime records them instead. */
export interface Pager {
  publish(topic: PagerTopic, message: PageMessage): Promise<string>;
}

/** The SNS `Publish` input of a page: per-protocol bodies (`MessageStructure: json`) and message attributes. */
export function publishInput(topicArn: string, message: PageMessage) {
  const a = message.attributes;
  return {
    TopicArn: topicArn,
    Subject: message.subject.replace(/[^\x20-\x7e]/g, '-').slice(0, 100),
    MessageStructure: 'json',
    Message: JSON.stringify({ default: message.text, email: message.text, sms: message.sms.slice(0, 140) }),
    MessageAttributes: {
      // Number, so a subscription filter policy can say {"severity": [{"numeric": [">=", 7]}]}.
      severity: { DataType: 'Number', StringValue: String(a.severity) },
      severityBand: { DataType: 'String', StringValue: a.severityBand },
      category: { DataType: 'String', StringValue: a.category },
      incidentId: { DataType: 'String', StringValue: a.incidentId },
      eventType: { DataType: 'String', StringValue: a.eventType },
    },
  };
}

/**
 * Pages through SNS topics (encrypted, TLS-only in the stack); subscribers filter on the message attributes.
 * @see https://docs.aws.amazon.com/sns/latest/dg/sns-message-filtering.html
 */
export class SnsPager implements Pager {
  constructor(
    private readonly topics: Partial<Record<PagerTopic, string>>,
    private readonly client = new SNSClient({}),
  ) {}

  async publish(topic: PagerTopic, message: PageMessage): Promise<string> {
    const arn = this.topics[topic];
    if (!arn)
      throw new ConfigError(
        `no SNS topic for ${topic}: set BREACHWATCH_${topic === 'oncall' ? 'ONCALL' : 'ESCALATION'}_TOPIC_ARN`,
      );
    const res = await this.client.send(new PublishCommand(publishInput(arn, message)));
    return res.MessageId ?? '';
  }
}

/** The incident facts a page shows: no personal data, only what the incident event carries. */
interface PageFacts {
  incidentId: string;
  severity: number;
  severityBand: string;
  category: string;
  entity: { type: string; id: string };
  title: string;
  signalCount: number;
  sources: string[];
  firstSeen: string;
  art33DeadlineAt?: string;
}

const headlines: Record<string, (f: PageFacts) => string> = {
  'Incident Opened': (f) => `Possible personal-data breach ${f.incidentId}`,
  'Incident Escalated': (f) => `ESCALATED: ${f.incidentId} is not acknowledged`,
  'Incident Reopened': (f) => `REOPENED: ${f.incidentId} has new activity and needs acknowledging again`,
  'Art 33 Reminder': (f) => `Art. 33 reminder for ${f.incidentId}: notify the authority by ${f.art33DeadlineAt}`,
  'Art 33 Overdue': (f) => `Art. 33 OVERDUE for ${f.incidentId}: deadline was ${f.art33DeadlineAt}`,
};

/**
 * The SNS page for an incident event: e-mail text with the console link and, when given, the signed
 * acknowledge link (for people without Slack); a short SMS text; the attributes subscribers filter on.
 */
export function snsPageMessage(
  eventType: string,
  facts: PageFacts,
  links: { console: string; ack?: { url: string; expiresAt: string } },
): PageMessage {
  const band = facts.severityBand.toUpperCase();
  const headline = (headlines[eventType] ?? ((f: PageFacts) => `${eventType}: ${f.incidentId}`))(facts);
  const lines = [
    `${headline} (${band}, severity ${facts.severity})`,
    '',
    facts.title,
    `Entity: ${facts.entity.type} ${facts.entity.id} · ${facts.signalCount} signal(s) from ${facts.sources.join(', ')} · first seen ${facts.firstSeen}`,
    '',
    ...(links.ack ? [`Acknowledge (link valid until ${links.ack.expiresAt}, once): ${links.ack.url}`] : []),
    `Console: ${links.console}`,
  ];
  return {
    subject: `[breachwatch] ${band} ${facts.category} ${facts.incidentId}`,
    text: lines.join('\n'),
    sms: `breachwatch ${band} ${facts.incidentId}: ${headline}. ${links.ack ? `Ack: ${links.ack.url}` : ''}`.trim(),
    attributes: {
      severity: facts.severity,
      severityBand: facts.severityBand,
      category: facts.category,
      incidentId: facts.incidentId,
      eventType,
    },
  };
}
