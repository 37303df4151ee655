import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DestinationMemory } from '../incidents/ingest-egress.js';
import type { IncidentStore } from './incident-store.js';

/**
 * Destinations per entity in the incidents table: `pk = DEST#<entity>`, `sk = <destination>`, first
 * sighting kept (the put is conditional), expiring after `ttlDays` so novelty comes back for old peers.
 */
export function dynamoDestinationMemory(store: IncidentStore, ttlDays = 90): DestinationMemory {
  return {
    async known(entityKey) {
      const out = new Set<string>();
      let start: Record<string, unknown> | undefined;
      do {
        const res = await store.client.send(
          new QueryCommand({
            TableName: store.tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': `DEST#${entityKey}` },
            ProjectionExpression: 'sk',
            ExclusiveStartKey: start,
          }),
        );
        for (const item of res.Items ?? []) out.add(item.sk as string);
        start = res.LastEvaluatedKey;
      } while (start);
      return out;
    },
    async remember(entityKey, destination, at) {
      const expiresAt = Math.floor(Date.parse(at) / 1000) + ttlDays * 86_400;
      await store.client
        .send(
          new PutCommand({
            TableName: store.tableName,
            Item: { pk: `DEST#${entityKey}`, sk: destination, firstSeen: at, expiresAt },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        )
        .catch((error: Error) => {
          if (error.name !== 'ConditionalCheckFailedException') throw error;
        });
    },
  };
}
