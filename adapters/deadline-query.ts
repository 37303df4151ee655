import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type Incident, IncidentStatus } from '../incidents/incident.js';
import { incidentFromItem } from './incident-items.js';

/**
 * Confirmed breaches whose authority notification is still outstanding (status `breach-confirmed`): the
 * incidents the Art. 33 clock runs for. Reads the `byTime` index with a filter; fine for a register of
 * hundreds of incidents, a sparse index on awareness would serve thousands.
 */
export async function listBreachConfirmed(client: DynamoDBDocumentClient, tableName: string): Promise<Incident[]> {
  const out: Incident[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'byTime',
        KeyConditionExpression: 'timePk = :pk',
        FilterExpression: '#status = :confirmed',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pk': 'INCIDENT', ':confirmed': IncidentStatus.BREACH_CONFIRMED },
        ExclusiveStartKey: start,
      }),
    );
    out.push(...(res.Items ?? []).map(incidentFromItem));
    start = res.LastEvaluatedKey;
  } while (start);
  return out;
}
