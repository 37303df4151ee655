export { type ChainReport, checkChain } from './chain.js';
export { csvField, INCIDENT_CSV_HEADER, incidentCsv, toCsv } from './csv.js';
export { Art33State, type Art33Status, art33Status } from './deadline.js';
export { ExportOptionError } from './errors.js';
export { type EvidenceSummary, type PiiTypeCount, summarizeEvidence } from './evidence-summary.js';
export {
  buildIncidentRecord,
  type DecisionRow,
  decisionsOf,
  type ExportInput,
  type IncidentRecord,
} from './incident-record.js';
export { renderIncidentPdf } from './pdf.js';
export { pdfText } from './pdf-text.js';
export { REGISTER_HEADER, type RegisterOptions, type RegisterRow, registerCsv, registerRows } from './register.js';
export { assertTimeZone, localDay, localIso, shortLocal, type ZonedTime, zoned } from './time.js';
