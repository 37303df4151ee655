import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Function as SstFunction } from 'sst/constructs';

/** What the incident store does: reads, conditional puts inside transactions, queries on the table and its indexes. */
export const INCIDENT_STORE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
] as const;

/**
 * Grants exactly `actions` on the table and its indexes, plus the key operations its encryption needs.
 * Written out rather than `table.grant…()` or SST `bind`, which grant wildcard actions.
 */
export function grantTable(fn: SstFunction, table: Table, key: IKey, actions: readonly string[]): void {
  fn.addToRolePolicy(
    new PolicyStatement({ actions: [...actions], resources: [table.tableArn, `${table.tableArn}/index/*`] }),
  );
  fn.addToRolePolicy(new PolicyStatement({ actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [key.keyArn] }));
}
