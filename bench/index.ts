/**
 * `npm run bench`: runs every `bench/*.bench.ts` section in turn (or those named on the command line,
 * e.g. `npm run bench -- pii`). Each section prints its own figures and its ratio to a baseline
 * measured in the same run: this machine is noisy, ratios hold where absolute times drift.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// The handlers' structured logs and metrics would bury the figures; sections load after this is set.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const sections = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

for (const file of sections) {
  console.log(`\n=== ${file.replace('.bench.ts', '')} ===`);
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { run: () => Promise<void> };
  await mod.run();
}
