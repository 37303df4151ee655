import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SnsPager, snsPageMessage } from '../../adapters/sns-pager.js';
import { ConfigError } from '../../events/errors.js';
import { loadJson } from '../support/fixtures.js';

const sns = mockClient(SNSClient);
const facts = {
  incidentId: 'BW-20261120-3f2a1b9c',
  severity: 8,
  severityBand: 'high',
  category: 'exfiltration',
  entity: { type: 'bucket', id: 'acme-customer-exports' },
  title: 'GuardDuty Exfiltration:S3/MaliciousIPCaller (high 8) on bucket acme-customer-exports, seen 1×',
  signalCount: 1,
  sources: ['guardduty'],
  firstSeen: '2026-11-20T02:14:07.000Z',
};
const topic = 'arn:aws:sns:eu-west-1:111122223333:breachwatch-oncall';

describe('SnsPager', () => {
  beforeEach(() => sns.reset());

  it('publishes to the on-call topic with per-protocol bodies and filterable message attributes', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const message = snsPageMessage('Incident Opened', facts, {
      console: 'https://console.example/incidents/BW-20261120-3f2a1b9c',
      ack: { url: 'https://console.example/ack?token=t', expiresAt: '2026-11-21T02:20:00.000Z' },
    });
    const id = await new SnsPager({ oncall: topic }, new SNSClient({})).publish('oncall', message);
    expect(id).toBe('m-1');
    const input = sns.commandCalls(PublishCommand)[0]!.args[0].input;
    expect(input).toMatchObject({
      TopicArn: topic,
      Subject: '[breachwatch] HIGH exfiltration BW-20261120-3f2a1b9c',
      MessageStructure: 'json',
      MessageAttributes: {
        severity: { DataType: 'Number', StringValue: '8' },
        severityBand: { DataType: 'String', StringValue: 'high' },
        category: { DataType: 'String', StringValue: 'exfiltration' },
        incidentId: { DataType: 'String', StringValue: 'BW-20261120-3f2a1b9c' },
        eventType: { DataType: 'String', StringValue: 'Incident Opened' },
      },
    });
    const bodies = JSON.parse(input.Message!);
    expect(bodies.email).toContain(
      'Acknowledge (link valid until 2026-11-21T02:20:00.000Z, once): https://console.example/ack?token=t',
    );
    expect(bodies.sms.length).toBeLessThanOrEqual(140);
  });

  it('sets the attributes a documented SNS filter policy matches on', () => {
    const policy = loadJson<{ FilterPolicy: Record<string, unknown> }>('sns/filter-policy-example.json');
    const { attributes } = snsPageMessage('Incident Opened', facts, { console: 'c' });
    expect(Object.keys(policy.FilterPolicy)).toContain('severity');
    expect(typeof attributes.severity).toBe('number');
  });

  it('names the setting when the escalation topic is not configured', async () => {
    const pager = new SnsPager({ oncall: topic }, new SNSClient({}));
    await expect(
      pager.publish('escalation', snsPageMessage('Incident Escalated', facts, { console: 'c' })),
    ).rejects.toThrow(ConfigError);
  });
});
