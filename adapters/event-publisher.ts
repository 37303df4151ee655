import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { INCIDENT_EVENT_SOURCE, type IncidentEvent } from '../events/incident-events.js';
import { PublishError } from './delivery-errors.js';

/** Where incident events go: the EventBridge bus in AWS, the in-process bus locally. */
export interface EventPublisher {
  /** Publishes all events or throws; a retry may publish some twice (consumers dedupe on `eventId`). */
  publish(events: IncidentEvent[]): Promise<void>;
}

/** PutEvents takes at most 10 entries a call. */
const MAX_ENTRIES = 10;

/** The PutEvents entry of an incident event on `busName`. */
export function putEventsEntry(event: IncidentEvent, busName: string): PutEventsRequestEntry {
  return {
    EventBusName: busName,
    Source: INCIDENT_EVENT_SOURCE,
    DetailType: event.detailType,
    Detail: JSON.stringify(event.detail),
    Time: new Date(event.detail.occurredAt),
  };
}

/**
 * Publishes on an EventBridge bus. Entries EventBridge refuses (`FailedEntryCount`, e.g. throttling) are
 * retried `attempts` times with backoff, then a `PublishError` names them so the stream record is retried.
 */
export class EventBridgePublisher implements EventPublisher {
  constructor(
    private readonly busName: string,
    private readonly client = new EventBridgeClient({}),
    private readonly attempts = 3,
    private readonly sleep = (ms: number) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  async publish(events: IncidentEvent[]): Promise<void> {
    for (let i = 0; i < events.length; i += MAX_ENTRIES) await this.putChunk(events.slice(i, i + MAX_ENTRIES));
  }

  private async putChunk(events: IncidentEvent[]): Promise<void> {
    let pending = events;
    let failed: Array<{ eventId: string; errorCode?: string }> = [];
    for (let attempt = 1; attempt <= this.attempts && pending.length > 0; attempt++) {
      if (attempt > 1) await this.sleep(100 * 2 ** attempt);
      const res = await this.client.send(
        new PutEventsCommand({ Entries: pending.map((e) => putEventsEntry(e, this.busName)) }),
      );
      if (!res.FailedEntryCount) return;
      const results = res.Entries ?? [];
      const retry = pending.filter((_, index) => results[index]?.ErrorCode !== undefined);
      failed = retry.map((e) => ({
        eventId: e.detail.eventId,
        errorCode: results[pending.indexOf(e)]?.ErrorCode,
      }));
      pending = retry;
    }
    if (pending.length > 0) throw new PublishError(failed);
  }
}
