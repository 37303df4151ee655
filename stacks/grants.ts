import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Function as SstFunction } from 'sst/constructs';
import { tableDefinition } from '../adapters/table.js';

/** What the incident store does: (batched) reads, conditional puts inside transactions, index queries. */
export const INCIDENT_STORE_ACTIONS = [
  'dynamodb:BatchGetItem',
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
] as const;

/**
 * Grants exactly `actions` on the table and each of its indexes by name, plus the key operations its
 * encryption needs. Written out rather than `table.grant…()` or SST `bind`, which grant wildcard actions.
 */
export function grantTable(fn: SstFunction, table: Table, key: IKey, actions: readonly string[]): void {
  const indexes = Object.keys(tableDefinition.indexes).map((name) => `${table.tableArn}/index/${name}`);
  fn.addToRolePolicy(new PolicyStatement({ actions: [...actions], resources: [table.tableArn, ...indexes] }));
  fn.addToRolePolicy(new PolicyStatement({ actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [key.keyArn] }));
}
