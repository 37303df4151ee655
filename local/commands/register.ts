import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { assertTimeZone, ExportOptionError, registerCsv, registerRows } from '../../incidents/exports/index.js';
import { DEFAULT_STORE_DIR, startRuntime } from '../runtime.js';

const FORMATS = ['csv', 'json'] as const;

/**
 * `breachwatch register [--from YYYY-MM-DD] [--to YYYY-MM-DD] --format csv|json [--tz ZONE] [--out FILE]
 * [--store DIR]`: the Art. 33(5) register of every incident first seen in the period, notified or not.
 */
export const register = async (args: string[]): Promise<number> => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string' },
      tz: { type: 'string', default: 'UTC' },
      out: { type: 'string' },
      store: { type: 'string' },
    },
  });
  if (positionals.length)
    throw new ExportOptionError('register', `takes no positional arguments, got "${positionals[0]}"`);
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format))
    throw new ExportOptionError('--format', `expected one of ${FORMATS.join(', ')}, got "${values.format ?? ''}"`);
  const tz = assertTimeZone(values.tz);
  const options = { from: values.from, to: values.to, tz, asOf: new Date().toISOString() };
  registerRows([], options); // checks the period before DynamoDB Local starts
  const runtime = await startRuntime({ storeDir: values.store ?? DEFAULT_STORE_DIR });
  try {
    const rows = registerRows(await runtime.store.listIncidents(), options);
    const text = format === 'csv' ? registerCsv(rows) : `${JSON.stringify(rows, null, 2)}\n`;
    if (values.out) {
      writeFileSync(values.out, text);
      console.error(`breachwatch register: wrote ${rows.length} incidents to ${values.out}`);
    } else process.stdout.write(text);
    return 0;
  } finally {
    await runtime.stop();
  }
};
