import { parseArgs } from 'node:util';
import { NotFoundError } from '../../adapters/errors.js';
import { checkChain, ExportOptionError } from '../../incidents/exports/index.js';
import { DEFAULT_STORE_DIR, startRuntime } from '../runtime.js';

/**
 * `breachwatch verify INCIDENT [--store DIR]`: checks the timeline's hash chain and the head recorded on the
 * incident. Exit 0 when intact; 1 when an entry was edited, removed or reordered, naming the entry and why.
 */
export const verify = async (args: string[]): Promise<number> => {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { store: { type: 'string' } } });
  const [id, ...extra] = positionals;
  if (!id || extra.length) throw new ExportOptionError('INCIDENT', 'verify takes exactly one incident id');
  const runtime = await startRuntime({ storeDir: values.store ?? DEFAULT_STORE_DIR });
  try {
    const incident = await runtime.store.getIncident(id);
    if (!incident) throw new NotFoundError(`incident ${id}`);
    const report = checkChain(incident, await runtime.store.getTimeline(id));
    console.log(`${id}: ${report.message}`);
    return report.ok ? 0 : 1;
  } finally {
    await runtime.stop();
  }
};
