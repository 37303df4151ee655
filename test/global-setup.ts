import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { type DynamoDbLocal, startDynamoDbLocal } from '../local/dynamodb-local.js';

let db: DynamoDbLocal | undefined;

/** One DynamoDB Local (in memory) for the whole run; tests create their own tables on it. */
export async function setup(project: TestProject): Promise<void> {
  db = await startDynamoDbLocal();
  project.provide('dynamoEndpoint', db.endpoint);
}

export async function teardown(): Promise<void> {
  await db?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
