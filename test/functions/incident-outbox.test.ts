import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { EventBridgePublisher } from '../../adapters/event-publisher.js';
import { incidentItem, keys } from '../../adapters/incident-items.js';
import { makeOutboxHandler } from '../../functions/incident-outbox.js';
import { openIncident } from '../../incidents/correlate.js';
import type { Incident } from '../../incidents/incident.js';
import { applyCommand } from '../../incidents/lifecycle.js';
import { localContext } from '../../local/lambda-context.js';
import { signal } from '../support/factories.js';

const at = '2026-11-20T02:20:00.000Z';
const eventBridge = mockClient(EventBridgeClient);
const image = (i: Incident) => marshall(incidentItem(i), { removeUndefinedValues: true }) as never;
const record = (seq: string, after: Incident, before?: Incident): DynamoDBRecord => ({
  eventID: `e-${seq}`,
  eventName: before ? 'MODIFY' : 'INSERT',
  eventSource: 'aws:dynamodb',
  dynamodb: {
    SequenceNumber: seq,
    Keys: marshall(keys.incident(after.id)) as never,
    NewImage: image(after),
    ...(before ? { OldImage: image(before) } : {}),
  },
});
const opened = openIncident(signal(), at).incident;
const acked = applyCommand(opened, { action: 'acknowledge', actor: 'oncall-sam' }, at)!.incident;
const other = openIncident(signal({ id: 'other', entity: { type: 'bucket', id: 'b2' } }), at).incident;
const handlerWith = (client: EventBridgeClient) =>
  makeOutboxHandler(() => ({ publisher: new EventBridgePublisher('breachwatch-test', client, 3, async () => {}) }));

describe('incident-outbox handler', () => {
  beforeEach(() => eventBridge.reset());

  it('puts one EventBridge entry per incident event with source, detail-type, bus and detail', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: '1' }] });
    const timelineRecord: DynamoDBRecord = {
      eventName: 'INSERT',
      dynamodb: { SequenceNumber: '0', Keys: marshall(keys.timeline(opened.id, 0)) as never },
    };
    const result = await handlerWith(new EventBridgeClient({}))(
      { Records: [timelineRecord, record('1', opened), record('2', acked, opened)] },
      localContext('incident-outbox'),
    );
    expect(result).toEqual({ batchItemFailures: [] });
    const calls = eventBridge.commandCalls(PutEventsCommand);
    expect(calls).toHaveLength(2);
    const [first] = calls[0]!.args[0].input.Entries!;
    expect(first).toMatchObject({
      EventBusName: 'breachwatch-test',
      Source: 'breachwatch',
      DetailType: 'Incident Opened',
      Time: new Date(at),
    });
    expect(JSON.parse(first!.Detail!)).toMatchObject({ eventId: `${opened.id}:v1:opened`, incidentId: opened.id });
    expect(calls[1]!.args[0].input.Entries![0]).toMatchObject({ DetailType: 'Incident Acknowledged' });
  });

  it('reports the first unpublished record and stops there, so Lambda retries it and what follows', async () => {
    eventBridge
      .on(PutEventsCommand)
      .resolvesOnce({ FailedEntryCount: 0, Entries: [{ EventId: '1' }] })
      .rejects(new Error('ServiceUnavailable'));
    const result = await handlerWith(new EventBridgeClient({}))(
      { Records: [record('1', opened), record('2', acked, opened), record('3', other)] },
      localContext('incident-outbox'),
    );
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '2' }] });
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(2);
  });

  it('retries entries EventBridge refused and reports the record when they keep failing', async () => {
    eventBridge
      .on(PutEventsCommand)
      .resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'ThrottlingException', ErrorMessage: 'slow down' }] });
    const result = await handlerWith(new EventBridgeClient({}))(
      { Records: [record('7', opened)] },
      localContext('incident-outbox'),
    );
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '7' }] });
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(3);
  });

  it('publishes an entry refused once on the retry', async () => {
    eventBridge
      .on(PutEventsCommand)
      .resolvesOnce({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'ThrottlingException' }] })
      .resolves({ FailedEntryCount: 0, Entries: [{ EventId: '2' }] });
    const result = await handlerWith(new EventBridgeClient({}))(
      { Records: [record('8', opened)] },
      localContext('incident-outbox'),
    );
    expect(result).toEqual({ batchItemFailures: [] });
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(2);
  });
});
