import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Signal } from '../events/signal.js';
import {
  type Candidates,
  type CorrelationConfig,
  defaultCorrelationConfig,
  type IncidentChange,
  joinIncident,
  openIncident,
  placeSignal,
} from '../incidents/correlate.js';
import { correlationKey, type Incident } from '../incidents/incident.js';
import type { RecordOutcome, SignalSink } from '../incidents/ingest.js';
import { applyCommand, type Command } from '../incidents/lifecycle.js';
import type { TimelineEntry } from '../incidents/timeline.js';
import { NotFoundError, StoreConflictError } from './errors.js';
import {
  incidentFromItem,
  incidentItem,
  keys,
  signalFromItem,
  signalItem,
  timelineFromItem,
  timelineItem,
} from './incident-items.js';
import { type DynamoConfig, documentClient } from './table.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Store settings beyond the connection. */
export interface IncidentStoreOptions {
  correlation?: CorrelationConfig;
  /** How long a seen-marker keeps redeliveries out (default 30 days; GuardDuty re-emits within days). */
  dedupTtlDays?: number;
  /** Optimistic-locking retries before giving up and letting the delivery be retried (default 60). */
  maxAttempts?: number;
}

const backoff = (attempt: number) =>
  new Promise((r) => setTimeout(r, Math.random() * Math.min(200, 5 * 2 ** Math.min(attempt, 6))));

/**
 * Incidents in DynamoDB. Every write is one transaction guarded by conditions: the signal's seen-marker
 * must be new (so a redelivery changes nothing), a new incident and its correlation pointer must not exist,
 * and a changed incident must still have the version it was read at (optimistic locking). A lost race is
 * re-read and re-decided.
 */
export class IncidentStore implements SignalSink {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  private readonly correlation: CorrelationConfig;
  private readonly dedupTtlS: number;
  private readonly maxAttempts: number;

  constructor(config: DynamoConfig, options: IncidentStoreOptions = {}) {
    this.client = documentClient(config);
    this.tableName = config.tableName;
    this.correlation = options.correlation ?? defaultCorrelationConfig;
    this.dedupTtlS = (options.dedupTtlDays ?? 30) * 86_400;
    this.maxAttempts = options.maxAttempts ?? 60;
  }

  /** Records a signal: joins, opens or reopens an incident, or keeps it for the register. Idempotent. */
  async recordSignal(signal: Signal, now: Date): Promise<RecordOutcome> {
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const { duplicate, candidates } = await this.lookup(signal);
      if (duplicate) return { outcome: 'duplicate' };
      const placement = placeSignal(signal, candidates, this.correlation);
      const at = now.toISOString();
      const dedup = this.put(
        { ...keys.dedup(signal.id), expiresAt: Math.floor(now.getTime() / 1000) + this.dedupTtlS },
        'attribute_not_exists(pk)',
      );
      let items: TransactItem[];
      let result: RecordOutcome;
      if (placement.kind === 'record-only') {
        items = [dedup, this.put(signalItem(keys.unattached(signal), signal))];
        result = { outcome: 'recorded' };
      } else if (placement.kind === 'open') {
        const change = openIncident(signal, at);
        const stale = candidates.byKey?.id;
        items = [dedup, ...this.changeItems(change, signal, undefined), this.pointer(change.incident, stale)];
        if (signal.findingKey)
          items.push(
            this.put(
              { ...keys.finding(signal.findingKey), incidentId: change.incident.id },
              'attribute_not_exists(pk)',
            ),
          );
        result = { outcome: 'opened', incidentId: change.incident.id, incident: change.incident };
      } else {
        const change = joinIncident(placement.incident, signal, at, placement.reopen);
        items = [dedup, ...this.changeItems(change, signal, placement.incident.version)];
        if (placement.via === 'window' || placement.reopen)
          items.push(this.pointer(change.incident, candidates.byKey?.id));
        if (signal.findingKey && placement.via === 'window') {
          items.push(
            this.put(
              { ...keys.finding(signal.findingKey), incidentId: change.incident.id },
              'attribute_not_exists(pk)',
            ),
          );
        }
        result = {
          outcome: placement.reopen ? 'reopened' : 'joined',
          incidentId: change.incident.id,
          incident: change.incident,
        };
      }
      try {
        await this.client.send(new TransactWriteCommand({ TransactItems: items }));
        return result;
      } catch (error) {
        if (!isRace(error)) throw error;
        if (
          error instanceof TransactionCanceledException &&
          error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
        ) {
          return { outcome: 'duplicate' };
        }
        await backoff(attempt);
      }
    }
    throw new StoreConflictError(`recording signal ${signal.id}`, this.maxAttempts);
  }

  /**
   * Writes an incident change (new version, timeline entries) conditioned on the version it was read at.
   * Returns false when someone else changed the incident first: re-read and decide again.
   */
  async commitChange(change: IncidentChange, expectedVersion: number, extra: TransactItem[] = []): Promise<boolean> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [...this.changeItems(change, undefined, expectedVersion), ...extra],
        }),
      );
      return true;
    } catch (error) {
      if (isRace(error)) return false;
      throw error;
    }
  }

  /**
   * Applies a person's command (acknowledge, confirm breach, notify…) with optimistic locking: two people
   * acting at once cannot both win; the loser's command is re-checked against the winner's state, so a
   * double click is one acknowledgement. `changed` is false when the command had already taken effect.
   */
  async applyCommand(id: string, command: Command, now: Date): Promise<{ incident: Incident; changed: boolean }> {
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const incident = await this.getIncident(id);
      if (!incident) throw new NotFoundError(`incident ${id}`);
      const change = applyCommand(incident, command, now.toISOString());
      if (!change) return { incident, changed: false };
      if (await this.commitChange(change, incident.version)) return { incident: change.incident, changed: true };
      await backoff(attempt);
    }
    throw new StoreConflictError(`${command.action} on incident ${id}`, this.maxAttempts);
  }

  /** One incident, or undefined. */
  async getIncident(id: string): Promise<Incident | undefined> {
    const res = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.incident(id), ConsistentRead: true }),
    );
    return res.Item ? incidentFromItem(res.Item) : undefined;
  }

  /** Incidents by first sight, oldest first: only active ones with `openOnly`. */
  async listIncidents(options: { openOnly?: boolean } = {}): Promise<Incident[]> {
    const [index, pkName, pk] = options.openOnly ? ['byOpen', 'openPk', 'OPEN'] : ['byTime', 'timePk', 'INCIDENT'];
    const items = await this.queryAll({
      IndexName: index,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': pkName },
      ExpressionAttributeValues: { ':pk': pk },
    });
    return items.map(incidentFromItem);
  }

  /** An incident's timeline in order. */
  async getTimeline(id: string): Promise<TimelineEntry[]> {
    return (await this.queryPrefix(`INC#${id}`, 'TL#')).map(timelineFromItem);
  }

  /** An incident's signals in observation order. */
  async getSignals(id: string): Promise<Signal[]> {
    return (await this.queryPrefix(`INC#${id}`, 'SIG#')).map(signalFromItem);
  }

  /** Signals of one UTC day (`yyyy-mm-dd`) that opened nothing: the rest of the register. */
  async getUnattachedSignals(day: string): Promise<Signal[]> {
    return (await this.queryPrefix(`SIGDAY#${day}`, '')).map(signalFromItem);
  }

  /**
   * Everything a decision needs in two batched reads: the seen-marker and both pointers, then the
   * incidents they point at. DynamoDB Local serves about 300 requests/s here, so requests are the budget.
   */
  private async lookup(signal: Signal): Promise<{ duplicate: boolean; candidates: Candidates }> {
    const dedupKey = keys.dedup(signal.id);
    const findingKey = signal.findingKey ? keys.finding(signal.findingKey) : undefined;
    const corrKey = keys.correlation(correlationKey(signal.entity, signal.category));
    const first = await this.batchGet([dedupKey, corrKey, ...(findingKey ? [findingKey] : [])]);
    if (first.has(dedupKey.pk)) return { duplicate: true, candidates: {} };
    const findingId = findingKey ? first.get(findingKey.pk)?.incidentId : undefined;
    const keyId = first.get(corrKey.pk)?.incidentId;
    const ids = [findingId, keyId].filter((id): id is string => typeof id === 'string');
    const incidents = ids.length ? await this.batchGet([...new Set(ids)].map((id) => keys.incident(id))) : new Map();
    const incidentOf = (id: unknown) => {
      const item = typeof id === 'string' ? incidents.get(keys.incident(id).pk) : undefined;
      return item ? incidentFromItem(item) : undefined;
    };
    return { duplicate: false, candidates: { byFinding: incidentOf(findingId), byKey: incidentOf(keyId) } };
  }

  /** Consistent batch read of items whose partition keys are distinct; returns them by `pk`. */
  private async batchGet(itemKeys: Array<{ pk: string; sk: string }>): Promise<Map<string, Record<string, unknown>>> {
    const found = new Map<string, Record<string, unknown>>();
    let pending: Array<Record<string, unknown>> = itemKeys;
    for (let round = 0; pending.length > 0; round++) {
      if (round > 0) await backoff(round);
      const res = await this.client.send(
        new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } } }),
      );
      for (const item of res.Responses?.[this.tableName] ?? []) found.set(item.pk as string, item);
      pending = res.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
      if (round >= this.maxAttempts) throw new StoreConflictError('batch read', round);
    }
    return found;
  }

  private changeItems(
    change: IncidentChange,
    signal: Signal | undefined,
    expectedVersion: number | undefined,
  ): TransactItem[] {
    const { incident, timeline } = change;
    const meta =
      expectedVersion === undefined
        ? this.put(incidentItem(incident), 'attribute_not_exists(pk)')
        : this.put(incidentItem(incident), 'version = :v', { ':v': expectedVersion });
    const entries = timeline.map((entry) => this.put(timelineItem(incident.id, entry), 'attribute_not_exists(pk)'));
    return [
      meta,
      ...entries,
      ...(signal ? [this.put(signalItem(keys.signal(incident.id, signal), signal, incident.id))] : []),
    ];
  }

  /** The correlation pointer for an incident's key: created, or moved on from a stale incident. */
  private pointer(incident: Incident, previous: string | undefined): TransactItem {
    const item = { ...keys.correlation(incident.correlationKey), incidentId: incident.id };
    if (previous === undefined) return this.put(item, 'attribute_not_exists(pk)');
    return this.put(item, 'incidentId IN (:prev, :self)', { ':prev': previous, ':self': incident.id });
  }

  private put(item: Record<string, unknown>, condition?: string, values?: Record<string, unknown>): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: item,
        ...(condition ? { ConditionExpression: condition } : {}),
        ...(values ? { ExpressionAttributeValues: values } : {}),
      },
    };
  }

  private async queryPrefix(pk: string, skPrefix: string): Promise<Record<string, unknown>[]> {
    return this.queryAll({
      KeyConditionExpression: skPrefix ? 'pk = :pk AND begins_with(sk, :sk)' : 'pk = :pk',
      ExpressionAttributeValues: skPrefix ? { ':pk': pk, ':sk': skPrefix } : { ':pk': pk },
      ConsistentRead: true,
    });
  }

  private async queryAll(
    input: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName'>,
  ): Promise<Record<string, unknown>[]> {
    const out: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const res = await this.client.send(
        new QueryCommand({ ...input, TableName: this.tableName, ExclusiveStartKey: start }),
      );
      out.push(...(res.Items ?? []));
      start = res.LastEvaluatedKey;
    } while (start);
    return out;
  }
}

/** A lost race: a condition failed or another transaction touched the same items. */
function isRace(error: unknown): boolean {
  if (error instanceof TransactionCanceledException) return true;
  const name = (error as { name?: string })?.name;
  return name === 'TransactionConflictException' || name === 'ConditionalCheckFailedException';
}
