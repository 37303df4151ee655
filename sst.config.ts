import type { SSTConfig } from 'sst';
import { Console } from './stacks/console.js';
import { Ingest } from './stacks/ingest.js';
import { applyNagSuppressions } from './stacks/nag-suppressions.js';
import { Operations } from './stacks/operations.js';
import { Storage } from './stacks/storage.js';
import { Workflow } from './stacks/workflow.js';

/** SST v2 app: `npx sst deploy --stage prod`. Stacks name handlers by path only. */
export default {
  config() {
    return { name: 'breachwatch', region: process.env.AWS_REGION ?? 'eu-west-1' };
  },
  stacks(app) {
    app.setDefaultFunctionProps({ runtime: 'nodejs22.x', nodejs: { format: 'esm' } });
    app.stack(Storage).stack(Ingest).stack(Workflow).stack(Console).stack(Operations);
    applyNagSuppressions(app);
  },
} satisfies SSTConfig;
