import { Stack } from 'aws-cdk-lib';
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

/** Read-modify-write of the workflow (pages, drafts, destination memory, baseline ADDs) on top of the store. */
export const WORKFLOW_ACTIONS = [...INCIDENT_STORE_ACTIONS, 'dynamodb:UpdateItem'] as const;

/** Grants `actions` on `resources` to a function, one statement. */
export function grant(fn: SstFunction, actions: string[], resources: string[]): void {
  fn.addToRolePolicy(new PolicyStatement({ actions, resources }));
}

/** `ssm:GetParameter` on the named SecureString parameters of this stack's account and region. */
export function grantParameters(fn: SstFunction, names: string[]): void {
  const { region, account, partition } = Stack.of(fn);
  grant(
    fn,
    ['ssm:GetParameter'],
    names.map((name) => `arn:${partition}:ssm:${region}:${account}:parameter${name}`),
  );
}
