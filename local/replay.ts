import { emptyReport, type IngestReport } from '../incidents/ingest.js';
import { progressLine } from './progress.js';
import { type FileReader, flowFileReader, jsonReader, recordedFiles } from './recorded-input.js';
import { mergeReports, type Runtime } from './runtime.js';

/** Readers for recorded telemetry, tried in order. */
export const fileReaders: FileReader[] = [jsonReader, flowFileReader];

/**
 * Replays recorded telemetry (files or folders, any supported input detected by content) through the
 * runtime's routes, with a progress line on stderr. Unsupported files are reported, not fatal.
 */
export async function replayPaths(
  runtime: Runtime,
  paths: string[],
  options: { quiet?: boolean } = {},
): Promise<IngestReport> {
  const total = emptyReport(0);
  const progress = progressLine('replay');
  let files = 0;
  for await (const { path, bytes, reader } of recordedFiles(paths, fileReaders)) {
    files += 1;
    if (!reader) {
      total.received += 1;
      total.invalid.push({ ref: path, reason: 'unsupported input (not an AWS delivery format breachwatch reads)' });
      continue;
    }
    for (const { ref, delivery } of await reader.read(path, bytes)) {
      mergeReports(total, await runtime.deliver(delivery, ref));
      if (!options.quiet)
        progress.update(`${files} files, ${total.received} records, ${total.opened.length} incidents opened`);
    }
  }
  if (!options.quiet)
    progress.update(`${files} files, ${total.received} records, ${total.opened.length} incidents opened`, true);
  progress.done();
  return total;
}

/** A few lines summarising a replay for stderr: counts, and each rejected record with its reason. */
export function describeReport(report: IngestReport): string {
  const notOpened = Object.entries(report.notOpened).map(([reason, n]) => `${n} ${reason}`);
  const lines = [
    `${report.received} records: ${report.opened.length} incidents opened, ${report.joined} joined, ${report.reopened} reopened, ` +
      `${report.duplicates} duplicates, ${report.invalid.length} invalid` +
      (notOpened.length ? `; opened nothing: ${notOpened.join(', ')}` : ''),
  ];
  for (const r of report.invalid.slice(0, 20)) lines.push(`  invalid ${r.ref}: ${r.reason}`);
  if (report.invalid.length > 20) lines.push(`  … and ${report.invalid.length - 20} more invalid records`);
  return lines.join('\n');
}
