import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';

/** Where a page or a notice went: `slack`, `sns`, `slack-thread#<event>`, `sns-escalation#<level>`… */
export type Destination = string;

/** A delivery as recorded under its incident (`pk = INC#<id>`, `sk = PAGE#<destination>`). */
export interface DeliveryRecord {
  incidentId: string;
  destination: Destination;
  status: 'sending' | 'delivered' | 'failed';
  attempts: number;
  claimedAt?: string;
  deliveredAt?: string;
  /** Error name of the last failed attempt (never a message body). */
  lastError?: string;
  /** Where it landed: Slack channel and ts, SNS message id. */
  ref?: Record<string, string>;
}

/** What claiming a delivery found: go ahead, already delivered, or another worker is sending right now. */
export type Claim = 'claimed' | 'delivered' | 'busy';

const pageKey = (incidentId: string, destination: Destination) => ({
  pk: `INC#${incidentId}`,
  sk: `PAGE#${destination}`,
});

const isConditionFailure = (error: unknown) =>
  error instanceof ConditionalCheckFailedException ||
  (error as { name?: string })?.name === 'ConditionalCheckFailedException';

/**
 * Delivery records and one-time markers in the incidents table. A delivery is claimed with a conditional
 * write before sending (so two deliveries of one event do not both page) and marked delivered after; a claim
 * older than the lease is taken over, so a crash between send and mark costs one repeat, never a lost page.
 */
export class PageStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly leaseMs = 60_000,
  ) {}

  /** The record of one destination, if any. */
  async get(incidentId: string, destination: Destination): Promise<DeliveryRecord | undefined> {
    const res = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: pageKey(incidentId, destination), ConsistentRead: true }),
    );
    if (!res.Item) return undefined;
    const { pk: _pk, sk: _sk, kind: _kind, ...record } = res.Item;
    return record as DeliveryRecord;
  }

  /** Claims a delivery unless it was delivered or is being sent under a live lease. */
  async claim(incidentId: string, destination: Destination, now: Date): Promise<Claim> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: pageKey(incidentId, destination),
          UpdateExpression:
            'SET #kind = :kind, incidentId = :id, destination = :dest, #status = :sending, claimedAt = :now, attempts = if_not_exists(attempts, :zero) + :one',
          ConditionExpression:
            'attribute_not_exists(pk) OR #status = :failed OR (#status = :sending AND claimedAt < :stale)',
          ExpressionAttributeNames: { '#status': 'status', '#kind': 'kind' },
          ExpressionAttributeValues: {
            ':kind': 'page',
            ':id': incidentId,
            ':dest': destination,
            ':sending': 'sending',
            ':failed': 'failed',
            ':now': now.toISOString(),
            ':stale': new Date(now.getTime() - this.leaseMs).toISOString(),
            ':zero': 0,
            ':one': 1,
          },
        }),
      );
      return 'claimed';
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const record = await this.get(incidentId, destination);
      return record?.status === 'delivered' ? 'delivered' : 'busy';
    }
  }

  /** Marks a claimed delivery as delivered, with where it landed; never un-delivers. */
  async markDelivered(incidentId: string, destination: Destination, now: Date, ref: Record<string, string>) {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: pageKey(incidentId, destination),
        UpdateExpression: 'SET #status = :delivered, deliveredAt = :now, #ref = :ref REMOVE lastError',
        ExpressionAttributeNames: { '#status': 'status', '#ref': 'ref' },
        ExpressionAttributeValues: { ':delivered': 'delivered', ':now': now.toISOString(), ':ref': ref },
      }),
    );
  }

  /** Records a failed delivery (error name only) so the next attempt may claim it at once. */
  async markFailed(incidentId: string, destination: Destination, errorName: string): Promise<void> {
    await this.client
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: pageKey(incidentId, destination),
          UpdateExpression: 'SET #status = :failed, lastError = :error',
          ConditionExpression: '#status <> :delivered',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':failed': 'failed', ':error': errorName, ':delivered': 'delivered' },
        }),
      )
      .catch((error) => {
        if (!isConditionFailure(error)) throw error;
      });
  }

  /**
   * Records `key` once (acknowledge-link nonces, Slack request signatures); false when it was recorded
   * before. Expires by the table's TTL after `expiresAt`.
   */
  async markOnce(key: string, expiresAt: Date): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: `ONCE#${key}`, sk: 'ONCE', kind: 'once', expiresAt: Math.ceil(expiresAt.getTime() / 1000) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
