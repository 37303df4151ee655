import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { StackContext } from 'sst/constructs';
import { tableDefinition } from '../adapters/table.js';
import { stageConfig } from './stage-config.js';

/**
 * The incidents table (single-table design, see `adapters/table.ts`) and the customer-managed key that
 * encrypts it, the evidence bucket, the queues and the topics. Point-in-time recovery always; deletion
 * protection and retain in production.
 */
export function Storage({ stack, app }: StackContext) {
  const config = stageConfig(app.stage);
  const key = new Key(stack, 'DataKey', {
    enableKeyRotation: true,
    description: 'breachwatch: incidents table, queues and topics',
    removalPolicy: config.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  const table = new Table(stack, 'Incidents', {
    partitionKey: { name: tableDefinition.partitionKey, type: AttributeType.STRING },
    sortKey: { name: tableDefinition.sortKey, type: AttributeType.STRING },
    billingMode: BillingMode.PAY_PER_REQUEST,
    encryption: TableEncryption.CUSTOMER_MANAGED,
    encryptionKey: key,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    timeToLiveAttribute: tableDefinition.ttlAttribute,
    stream: StreamViewType.NEW_AND_OLD_IMAGES,
    deletionProtection: config.production,
    removalPolicy: config.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  for (const [indexName, index] of Object.entries(tableDefinition.indexes)) {
    table.addGlobalSecondaryIndex({
      indexName,
      partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
      sortKey: { name: index.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });
  }
  stack.addOutputs({ IncidentsTable: table.tableName });
  return { table, key };
}
