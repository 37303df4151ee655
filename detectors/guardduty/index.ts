export {
  classifyFinding,
  defaultRelevanceConfig,
  findingCategory,
  findingEntity,
  type RelevanceConfig,
} from './classify-finding.js';
export { findingTypes } from './finding-types.js';
