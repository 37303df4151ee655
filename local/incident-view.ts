import type { Incident } from '../incidents/incident.js';
import { type Column, renderTable } from './terminal-table.js';

const columns: Column<Incident>[] = [
  { header: 'INCIDENT', cell: (i) => i.id },
  { header: 'STATUS', cell: (i) => i.status },
  { header: 'SEV', cell: (i) => `${i.severity.toFixed(1)} ${i.severityBand}`, align: 'left' },
  { header: 'CATEGORY', cell: (i) => i.category },
  { header: 'ENTITY', cell: (i) => `${i.entity.type} ${i.entity.id}` },
  { header: 'SIGNALS', cell: (i) => String(i.signalCount), align: 'right' },
  { header: 'SOURCES', cell: (i) => i.sources.join(',') },
  { header: 'LAST SEEN (UTC)', cell: (i) => i.lastSeen.slice(0, 19).replace('T', ' ') },
];

/** Incidents as a terminal table, or a line saying there are none. */
export function incidentTable(incidents: Incident[]): string {
  return incidents.length === 0 ? '(no incidents)' : renderTable(incidents, columns);
}
