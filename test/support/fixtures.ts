import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The test fixtures folder. */
export const fixturesDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** A fixture parsed from JSON; a fresh copy on every call, so tests may mutate it. */
export function loadJson<T = Record<string, unknown>>(relative: string): T {
  return structuredClone(JSON.parse(readFileSync(join(fixturesDir, relative), 'utf8')) as T);
}

/** Names of the files in a fixtures sub-folder, sorted. */
export function fixtureNames(folder: string, suffix = '.json'): string[] {
  return readdirSync(join(fixturesDir, folder))
    .filter((f) => f.endsWith(suffix))
    .sort();
}
