import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { BreachwatchError, ErrorCode } from '../events/errors.js';
import { type Draft, reviseDraft } from '../incidents/notifications/drafts.js';
import { NotFoundError, StoreConflictError } from './errors.js';

/** A draft version that already exists: versions are never overwritten (Art. 33(4) phases stay on record). */
export class DraftVersionExistsError extends BreachwatchError {
  readonly incidentId: string;
  readonly kind: string;
  readonly version: number;

  constructor(incidentId: string, kind: string, version: number, options?: ErrorOptions) {
    super(
      ErrorCode.CONFLICT,
      `incident ${incidentId}: draft ${kind} v${version} exists; revise the latest version`,
      options,
    );
    this.name = 'DraftVersionExistsError';
    this.incidentId = incidentId;
    this.kind = kind;
    this.version = version;
  }
}

/** Item keys: `pk = INC#<id>`, `sk = DRAFT#<kind>#<version, 6 digits>` beside the incident's other items. */
export const draftKey = (incidentId: string, kind: string, version: number) => ({
  pk: `INC#${incidentId}`,
  sk: `DRAFT#${kind}#${String(version).padStart(6, '0')}`,
});

/** The connection an `IncidentStore` already holds. */
export interface DraftStoreConnection {
  client: DynamoDBDocumentClient;
  tableName: string;
}

/**
 * Notification drafts and their versions in the incidents table. A version is written with a condition
 * that it does not exist, so two people saving at once cannot overwrite each other: the loser re-reads.
 * @example const drafts = new DraftStore(runtime.store); await drafts.save(firstDraft(…));
 */
export class DraftStore {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(connection: DraftStoreConnection) {
    this.client = connection.client;
    this.tableName = connection.tableName;
  }

  /** Writes one version; throws `DraftVersionExistsError` if that version is already stored. */
  async save<C>(draft: Draft<C>): Promise<void> {
    if (!/^[a-z0-9-]{1,80}$/.test(draft.kind) || !Number.isInteger(draft.version) || draft.version < 1)
      throw new BreachwatchError(
        ErrorCode.CONFIG,
        `draft kind "${draft.kind}" v${draft.version}: expected [a-z0-9-] and v ≥ 1`,
      );
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...draftKey(draft.incidentId, draft.kind, draft.version), kind: 'draft', draft },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (
        error instanceof ConditionalCheckFailedException ||
        (error as { name?: string })?.name === 'ConditionalCheckFailedException'
      )
        throw new DraftVersionExistsError(draft.incidentId, draft.kind, draft.version, { cause: error });
      throw error;
    }
  }

  /** Every version of an incident's drafts (of one kind, if given), by kind then version. */
  async list(incidentId: string, kind?: string): Promise<Draft[]> {
    const out: Draft[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const res = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
          ExpressionAttributeValues: { ':pk': `INC#${incidentId}`, ':sk': kind ? `DRAFT#${kind}#` : 'DRAFT#' },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of res.Items ?? []) out.push(item.draft as Draft);
      start = res.LastEvaluatedKey;
    } while (start);
    return out;
  }

  /** The latest version of one kind, or undefined. */
  async latest<C = unknown>(incidentId: string, kind: string): Promise<Draft<C> | undefined> {
    const versions = await this.list(incidentId, kind);
    return versions[versions.length - 1] as Draft<C> | undefined;
  }

  /**
   * The latest version of a kind, or `first()` saved as version 1 when there is none yet (pre-filled from the
   * evidence); when someone saved a first version at the same time, theirs is returned.
   */
  async latestOrFirst<C>(incidentId: string, kind: string, first: () => Draft<C>): Promise<Draft<C>> {
    const latest = await this.latest<C>(incidentId, kind);
    if (latest) return latest;
    const draft = first();
    try {
      await this.save(draft);
      return draft;
    } catch (error) {
      if (!(error instanceof DraftVersionExistsError)) throw error;
      return (await this.latest<C>(incidentId, kind))!;
    }
  }

  /**
   * Saves a person's edit as the next version of the latest draft of a kind (Art. 33(4) phases); when someone
   * else saved a version first, the edit is applied on top of theirs. Returns the version written.
   */
  async revise<C extends object>(
    incidentId: string,
    kind: string,
    edits: Partial<C>,
    by: string,
    at: string,
    note?: string,
  ): Promise<Draft<C>> {
    for (let attempt = 1; attempt <= 5; attempt++) {
      const latest = await this.latest<C>(incidentId, kind);
      if (!latest) throw new NotFoundError(`draft ${kind} of incident ${incidentId}`);
      const next = reviseDraft(latest, edits, by, at, note);
      try {
        await this.save(next);
        return next;
      } catch (error) {
        if (!(error instanceof DraftVersionExistsError)) throw error;
      }
    }
    throw new StoreConflictError(`revising draft ${kind} of incident ${incidentId}`, 5);
  }
}
