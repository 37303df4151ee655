import { Aspects } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { synthesize } from '../support/synth.js';

describe('cdk-nag AwsSolutionsChecks', () => {
  it('reports no unsuppressed error on any stack', async () => {
    const app = await synthesize('nag', (a) => Aspects.of(a).add(new AwsSolutionsChecks()));
    const assembly = app.synth();
    const errors = assembly.stacks.flatMap((stack) =>
      stack.messages.filter((m) => m.level === 'error').map((m) => `${m.id}: ${String(m.entry.data).split(': ')[0]}`),
    );
    expect(assembly.stacks.length).toBeGreaterThanOrEqual(2);
    expect(errors).toEqual([]);
  });
});
