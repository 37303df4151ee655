import { parseArgs } from 'node:util';
import { BreachwatchError, ErrorCode } from '../../events/errors.js';
import { incidentJson } from '../../incidents/incident-json.js';
import { incidentTable } from '../incident-view.js';
import { describeReport, replayPaths } from '../replay.js';
import { startRuntime } from '../runtime.js';

/**
 * `breachwatch replay PATH… [--json] [--include-samples] [--store DIR]`: runs recorded telemetry through the
 * same handlers as in AWS against an embedded store (ephemeral unless `--store`) and prints the incidents.
 */
export async function replay(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, 'include-samples': { type: 'boolean' }, store: { type: 'string' } },
  });
  if (positionals.length === 0)
    throw new BreachwatchError(ErrorCode.CONFIG, 'replay needs at least one PATH (file or folder)');
  const runtime = await startRuntime({ storeDir: values.store, includeSamples: values['include-samples'] });
  try {
    const report = await replayPaths(runtime, positionals, { quiet: values.json === true && !process.stderr.isTTY });
    const opened = new Set(report.opened);
    const incidents = (await runtime.store.listIncidents()).filter(
      (i) => values.store === undefined || opened.has(i.id),
    );
    console.error(describeReport(report));
    if (values.json) console.log(JSON.stringify(incidents.map(incidentJson), null, 2));
    else console.log(incidentTable(incidents));
    return 0;
  } finally {
    await runtime.stop();
  }
}
