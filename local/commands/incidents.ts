import { parseArgs } from 'node:util';
import { incidentJson } from '../../incidents/incident-json.js';
import { incidentTable } from '../incident-view.js';
import { DEFAULT_STORE_DIR, startRuntime } from '../runtime.js';

/** `breachwatch incidents [--json] [--open] [--store DIR]`: the incidents of a local store. */
export async function incidents(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { json: { type: 'boolean' }, open: { type: 'boolean' }, store: { type: 'string' } },
  });
  const runtime = await startRuntime({ storeDir: values.store ?? DEFAULT_STORE_DIR });
  try {
    const list = await runtime.store.listIncidents({ openOnly: values.open });
    console.log(values.json ? JSON.stringify(list.map(incidentJson), null, 2) : incidentTable(list));
    return 0;
  } finally {
    await runtime.stop();
  }
}
