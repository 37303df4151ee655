#!/usr/bin/env node
// The CLI runs the TypeScript sources directly through tsx: no build step between `npm install` and use.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../local/cli.ts');
process.exitCode = await main(process.argv.slice(2));
