/** Public list of the flow baselines: aggregation, mergeable per-entity state, scoring and the batch entry point. */
export { isPrivateV4, isPrivateV6, networkOf, v4ToString } from './addresses.js';
export {
  type BucketFlows,
  type DestFlows,
  type EntityFlows,
  FlowAggregator,
  type FlowBatchStats,
} from './aggregate.js';
export { type AnalyzeFlowOptions, analyzeFlowBatch, batchEntities, type FlowBatchResult } from './analyze.js';
export {
  type BaselineConfig,
  type BaselineConfigInput,
  BaselineConfigSchema,
  resolveBaselineConfig,
} from './config.js';
export { AnomalyKind, buildFlowSignal, formatBytes, severityOf, signalId } from './explain.js';
export { hourOfWeek, type Reference, referenceFor, slotLabel, summarize } from './reference.js';
export { destLabel, noveltyKey } from './rules.js';
export {
  addMoments,
  BINS_PER_OCTAVE,
  binOf,
  cloneBaseline,
  type EntityBaseline,
  emptyBaseline,
  emptyMoments,
  entityKey,
  type Moments,
  mergeBaselines,
  mergeInto,
  type PeerStat,
  type RecentBucket,
} from './state.js';
export { type BaselineUpdateOp, baselineFromItems, baselinePk, updatesOf } from './store-items.js';
