import type { Incident } from './incident.js';

/** An incident's public JSON shape: what `replay --json`, `incidents --json` and the console show. */
export function incidentJson(incident: Incident) {
  return {
    id: incident.id,
    status: incident.status,
    severity: incident.severity,
    severityBand: incident.severityBand,
    category: incident.category,
    entity: incident.entity,
    signalCount: incident.signalCount,
    sources: incident.sources,
    firstSeen: incident.firstSeen,
    lastSeen: incident.lastSeen,
    openedAt: incident.openedAt,
    title: incident.title,
  };
}
