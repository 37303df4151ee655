export {
  type Candidates,
  type CorrelationConfig,
  defaultCorrelationConfig,
  type IncidentChange,
  incidentIdFor,
  joinIncident,
  openIncident,
  type Placement,
  placeSignal,
} from './correlate.js';
export { ACTIVE_STATUSES, correlationKey, type Incident, IncidentStatus, REOPENABLE_STATUSES } from './incident.js';
export {
  type ChainVerdict,
  chainEntries,
  GENESIS_HASH,
  hashEntry,
  type TimelineEntry,
  type TimelineEvent,
  verifyChain,
} from './timeline.js';
