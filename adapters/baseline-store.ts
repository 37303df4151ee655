import {
  type AttributeValue,
  DynamoDBClient,
  QueryCommand,
  TransactionCanceledException,
  type TransactWriteItem,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import type { EntityBaseline } from '../detectors/baseline/index.js';
import { baselineFromItems, updatesOf } from '../detectors/baseline/index.js';
import { BreachwatchError, ErrorCode } from '../events/errors.js';
import type { Entity } from '../events/signal.js';

/** DynamoDB allows 100 actions a transaction: 99 updates and the chunk's batch marker. */
const UPDATES_PER_TRANSACTION = 99;
/** Transactions touching the same baseline items conflict under concurrency; retried this many times. */
const MAX_CONFLICT_ATTEMPTS = 6;

/** A baseline read or write that DynamoDB refused; the delivery is retried by its source. */
export class BaselineStoreError extends BreachwatchError {
  constructor(message: string, options?: ErrorOptions) {
    super(ErrorCode.STORE, message, options);
    this.name = 'BaselineStoreError';
  }
}

/** Where baselines live: the single table (`pk`, `sk`, TTL attribute `expiresAt`). */
export interface BaselineStoreOptions {
  client?: DynamoDBClient;
  tableName: string;
  endpoint?: string;
  region?: string;
  /** How long a batch marker guards against redelivery (default 7 days). */
  batchTtlSeconds?: number;
  /** How long recent-bucket items live (default 2 days; the sustained window needs 6 h). */
  recentTtlSeconds?: number;
}

/** Outcome of `apply`: transactions committed and those skipped because their marker already existed. */
export interface ApplyOutcome {
  applied: number;
  duplicates: number;
  updates: number;
}

/** Per-entity baselines in DynamoDB, updated with atomic `ADD`s, at most once per batch id. */
export interface BaselineStore {
  /** Reads the baselines of these entities (missing ones are simply absent from the map). */
  load(entities: readonly Entity[]): Promise<Map<string, EntityBaseline>>;
  /** Adds the deltas of one batch; a redelivered `batchId` changes nothing. */
  apply(batchId: string, updates: readonly EntityBaseline[], now: Date): Promise<ApplyOutcome>;
}

/**
 * Creates the store. Item families: `BASELINE#<entity>` with sk `ALL`, `SLOT#<hour of week>`,
 * `RECENT#<bucket>` (TTL) and `PEER#<network:port>`; `BATCH#<batch id>` / `CHUNK#<i>` markers (TTL).
 * Each transaction of up to 99 updates carries a conditional put of its marker, so a batch delivered
 * twice, or retried after a partial failure, is counted once.
 * @example
 * const store = createBaselineStore({ tableName: 'breachwatch' });
 * const result = analyzeFlowBatch(agg, await store.load(batchEntities(agg)), { now, batchId });
 * await store.apply(batchId, result.baselineUpdates, now);
 */
export function createBaselineStore(options: BaselineStoreOptions): BaselineStore {
  const client =
    options.client ??
    new DynamoDBClient({
      region: options.region ?? process.env.AWS_REGION ?? 'us-east-1',
      ...(options.endpoint
        ? { endpoint: options.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
        : {}),
      maxAttempts: 8,
    });
  const table = options.tableName;
  const batchTtl = options.batchTtlSeconds ?? 7 * 86_400;
  const recentTtl = options.recentTtlSeconds ?? 2 * 86_400;

  async function loadOne(entity: Entity): Promise<EntityBaseline | undefined> {
    const items: Record<string, AttributeValue>[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': { S: `BASELINE#${entity.type}:${entity.id}` } },
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    return items.length === 0 ? undefined : baselineFromItems(entity, items.map(plainItem));
  }

  /** One transaction; concurrent writers to the same items conflict, so those are retried with backoff. */
  async function transact(items: TransactWriteItem[]): Promise<'applied' | 'duplicate' | Error> {
    for (let attempt = 1; ; attempt++) {
      try {
        await client.send(new TransactWriteItemsCommand({ TransactItems: items }));
        return 'applied';
      } catch (error) {
        const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
        if (reasons[0]?.Code === 'ConditionalCheckFailed') return 'duplicate';
        const conflict = reasons.some((r) => r.Code === 'TransactionConflict');
        if (!conflict || attempt >= MAX_CONFLICT_ATTEMPTS) return error as Error;
        await new Promise((r) => setTimeout(r, 20 * 2 ** attempt * Math.random()));
      }
    }
  }

  return {
    async load(entities) {
      const out = new Map<string, EntityBaseline>();
      const queue = [...entities];
      const worker = async () => {
        for (let e = queue.shift(); e !== undefined; e = queue.shift()) {
          try {
            const b = await loadOne(e);
            if (b !== undefined) out.set(`${e.type}:${e.id}`, b);
          } catch (cause) {
            throw new BaselineStoreError(`loading baseline of ${e.type} ${e.id} failed`, { cause });
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(16, queue.length) }, worker));
      return out;
    },

    async apply(batchId, updates, now) {
      const nowSec = Math.floor(now.getTime() / 1000);
      const ops = updates.flatMap((u) => updatesOf(u, { recentExpiresAt: nowSec + recentTtl }));
      const outcome: ApplyOutcome = { applied: 0, duplicates: 0, updates: ops.length };
      const chunks = Math.max(1, Math.ceil(ops.length / UPDATES_PER_TRANSACTION));
      for (let c = 0; c < chunks; c++) {
        const part = ops.slice(c * UPDATES_PER_TRANSACTION, (c + 1) * UPDATES_PER_TRANSACTION);
        const items: TransactWriteItem[] = [
          {
            Put: {
              TableName: table,
              Item: {
                pk: { S: `BATCH#${batchId}` },
                sk: { S: `CHUNK#${c}/${chunks}` },
                expiresAt: { N: String(nowSec + batchTtl) },
                updates: { N: String(part.length) },
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...part.map(
            (op): TransactWriteItem => ({
              Update: {
                TableName: table,
                Key: { pk: { S: op.pk }, sk: { S: op.sk } },
                UpdateExpression: op.expression,
                ExpressionAttributeNames: op.names,
                ExpressionAttributeValues: Object.fromEntries(
                  Object.entries(op.values).map(([k, v]) => [k, toAttr(v)]),
                ),
              },
            }),
          ),
        ];
        const result = await transact(items);
        if (result === 'applied') outcome.applied++;
        else if (result === 'duplicate') outcome.duplicates++;
        else {
          throw new BaselineStoreError(`batch ${batchId}: baseline transaction ${c + 1}/${chunks} failed`, {
            cause: result,
          });
        }
      }
      return outcome;
    },
  };
}

/** Numbers as exact decimal strings (no exponent): DynamoDB keeps 38 digits, sums of squares need them. */
function toAttr(v: number | string): AttributeValue {
  if (typeof v === 'string') return { S: v };
  return { N: Number.isInteger(v) ? BigInt(v).toString() : String(v) };
}

function plainItem(item: Record<string, AttributeValue>): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const [k, v] of Object.entries(item)) {
    if (v.N !== undefined) out[k] = Number(v.N);
    else if (v.S !== undefined) out[k] = v.S;
  }
  return out;
}
