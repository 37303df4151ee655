import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { IncidentStore, type IncidentStoreOptions } from '../../adapters/incident-store.js';
import { ensureTable } from '../../adapters/table.js';

/** A fresh table on the run's DynamoDB Local and a store over it. */
export async function freshStore(options: IncidentStoreOptions = {}): Promise<IncidentStore> {
  const config = { tableName: `t-${randomUUID()}`, endpoint: inject('dynamoEndpoint') };
  await ensureTable(config);
  return new IncidentStore(config, options);
}
