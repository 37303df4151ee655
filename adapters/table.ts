import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The single table, one item family per prefix:
 *
 * | pk                        | sk                          | what                                              |
 * |---------------------------|-----------------------------|---------------------------------------------------|
 * | `INC#<id>`                | `META`                      | the incident (status, severity, version…)         |
 * | `INC#<id>`                | `SIG#<observedAt>#<signal>` | a signal that joined it                           |
 * | `INC#<id>`                | `TL#<seq, 10 digits>`       | a timeline entry, hash-chained                    |
 * | `CORR#<entity>#<category>`| `CORR`                      | the incident the correlation key points at        |
 * | `FIND#<source>:<finding>` | `FIND`                      | the incident holding an upstream finding          |
 * | `DEDUP#<signal id>`       | `DEDUP`                     | seen-marker, expires by TTL (`expiresAt`)         |
 * | `SIGDAY#<yyyy-mm-dd>`     | `<observedAt>#<signal>`     | a signal that opened nothing (register)           |
 *
 * GSI `byOpen` (sparse: `openPk` is set only while an incident is active) lists open incidents by first
 * sight; GSI `byTime` (`timePk` = `INCIDENT`) lists every incident by first sight for the Art. 33(5) register.
 */
export const tableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'expiresAt',
  indexes: {
    byOpen: { partitionKey: 'openPk', sortKey: 'openSk' },
    byTime: { partitionKey: 'timePk', sortKey: 'timeSk' },
  },
} as const;

/** Connection settings: `endpoint` for DynamoDB Local, none in AWS. */
export interface DynamoConfig {
  tableName: string;
  endpoint?: string;
  region?: string;
}

/** A document client; DynamoDB Local accepts any static credentials. */
export function documentClient(config: DynamoConfig): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: config.region ?? process.env.AWS_REGION ?? 'us-east-1',
    ...(config.endpoint
      ? { endpoint: config.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    maxAttempts: 8,
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

function createTableInput(tableName: string): CreateTableCommandInput {
  const { byOpen, byTime } = tableDefinition.indexes;
  const attrs = ['pk', 'sk', byOpen.partitionKey, byOpen.sortKey, byTime.partitionKey, byTime.sortKey];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: attrs.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: Object.entries(tableDefinition.indexes).map(([name, index]) => ({
      IndexName: name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
    // The outbox reads old and new images of every change (functions/incident-outbox.ts).
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  };
}

/** Creates the table if it does not exist (local runtime and tests; in AWS the stack owns it). */
export async function ensureTable(config: DynamoConfig): Promise<void> {
  const client = documentClient(config);
  try {
    await client.send(new DescribeTableCommand({ TableName: config.tableName }));
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await client.send(new CreateTableCommand(createTableInput(config.tableName)));
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: config.tableName,
      TimeToLiveSpecification: { AttributeName: tableDefinition.ttlAttribute, Enabled: true },
    }),
  );
}
