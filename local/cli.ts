import { BreachwatchError } from '../events/errors.js';

/** A CLI subcommand: parses its own arguments, returns the exit code. */
export type Command = (args: string[]) => Promise<number>;

/** Subcommands, loaded lazily so `scan` does not pay for the store or `start` for the scanner. */
const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  start: {
    summary: 'run the local runtime (DynamoDB Local, HTTP endpoints, demo replay)',
    load: async () => (await import('./commands/start.js')).start,
  },
  replay: {
    summary: 'replay PATH… [--json] [--include-samples] [--store DIR]',
    load: async () => (await import('./commands/replay.js')).replay,
  },
  incidents: {
    summary: 'incidents [--json] [--store DIR]: list incidents',
    load: async () => (await import('./commands/incidents.js')).incidents,
  },
  scan: {
    summary: 'scan [FILE|-]… [--format jsonl|table]: PII detections',
    load: async () => (await import('./commands/scan.js')).scan,
  },
  flows: {
    summary: 'flows PATH… [--format jsonl]: normalized flow records',
    load: async () => (await import('./commands/flows.js')).flows,
  },
  export: {
    summary: 'export INCIDENT --format json|csv|pdf [--out FILE] [--tz ZONE] [--store DIR]: the incident record',
    load: async () => (await import('./commands/export.js')).exportIncident,
  },
  register: {
    summary: 'register [--from DAY] [--to DAY] --format csv|json [--tz ZONE] [--store DIR]: Art. 33(5) register',
    load: async () => (await import('./commands/register.js')).register,
  },
  console: {
    summary:
      'console --url FUNCTION_URL [--port 8787] [--profile P]: the deployed console, signed with your AWS credentials',
    load: async () => (await import('./commands/console.js')).consoleProxy,
  },
  draft: {
    summary: 'draft INCIDENT [--show] [--set field=value]… [--authority ID] [--store DIR]: edit the Art. 33 draft',
    load: async () => (await import('./commands/draft.js')).draft,
  },
  verify: {
    summary: 'verify INCIDENT… [--store DIR]: check timeline hash chains (exit 1 if broken)',
    load: async () => (await import('./commands/verify.js')).verify,
  },
};

function usage(): string {
  const rows = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return ['usage: breachwatch <command> [options]', '', ...rows].join('\n');
}

/** Entry point of the `breachwatch` binary; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    console.error(`breachwatch: unknown command "${name}"\n${usage()}`);
    return 2;
  }
  try {
    return await (await command.load())(rest);
  } catch (error) {
    if (error instanceof BreachwatchError) {
      console.error(`breachwatch ${name}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
