export { type AllowRule, compileAllowlist, destinationKey, hostMatches } from './destination.js';
export { EgressConfigError } from './errors.js';
export { type EgressConfig, type EgressEvaluation, evaluateEgressSample } from './evaluate-egress-sample.js';
export { egressSampleId } from './sample-id.js';
export {
  CATEGORY_WEIGHT,
  type EgressScoringConfig,
  egressEntity,
  NOVELTY_WEIGHT,
  scoreEgressSample,
} from './score-egress-sample.js';
