import { parseArgs } from 'node:util';
import { NotFoundError } from '../../adapters/errors.js';
import { checkChain, ExportOptionError } from '../../incidents/exports/index.js';
import { DEFAULT_STORE_DIR, startRuntime } from '../runtime.js';

/**
 * `breachwatch verify INCIDENT… [--store DIR]`: checks each timeline's hash chain and the head recorded on the
 * incident, one line per incident. Exit 0 when all are intact; 1 when an entry was edited, removed or
 * reordered (the line names the entry and why) or an incident does not exist.
 */
export const verify = async (args: string[]): Promise<number> => {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { store: { type: 'string' } } });
  if (positionals.length === 0) throw new ExportOptionError('INCIDENT', 'verify needs at least one incident id');
  const runtime = await startRuntime({ storeDir: values.store ?? DEFAULT_STORE_DIR });
  try {
    let broken = 0;
    for (const id of positionals) {
      const incident = await runtime.store.getIncident(id);
      if (!incident) {
        if (positionals.length === 1) throw new NotFoundError(`incident ${id}`);
        console.log(`${id}: not found`);
        broken++;
        continue;
      }
      const report = checkChain(incident, await runtime.store.getTimeline(id));
      console.log(`${id}: ${report.message}`);
      if (!report.ok) broken++;
    }
    return broken === 0 ? 0 : 1;
  } finally {
    await runtime.stop();
  }
};
