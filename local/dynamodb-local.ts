import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { BreachwatchError, ErrorCode } from '../events/errors.js';

/** A running DynamoDB Local: its endpoint and how to stop it. */
export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

/** Options: `dataDir` keeps the data on disk (a restart loses nothing); without it the store is in memory. */
export interface DynamoDbLocalOptions {
  dataDir?: string;
  port?: number;
  readyTimeoutMs?: number;
}

/**
 * Path of the official DynamoDB Local jar shipped inside `amplify-dynamodb-simulator`. We only take
 * the jar: the package's own wrapper pulls in a heavy tree we do not need to launch Java.
 */
export function dynamoDbLocalJar(): { jar: string; libDir: string } {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('amplify-dynamodb-simulator/package.json'));
  const jar = join(root, 'emulator', 'DynamoDBLocal.jar');
  if (!existsSync(jar)) {
    throw new BreachwatchError(ErrorCode.RUNTIME, `DynamoDB Local jar not found at ${jar}: run npm install`);
  }
  return { jar, libDir: join(root, 'emulator', 'DynamoDBLocal_lib') };
}

/** Throws a clear error, with the command to install it, when no Java 17+ is on the PATH. */
export function assertJava(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new BreachwatchError(
      ErrorCode.RUNTIME,
      'Java was not found. DynamoDB Local (the embedded store) needs Java 17 or newer: ' +
        'install it with `sudo apt-get install -y openjdk-17-jre-headless` (Debian/Ubuntu), ' +
        '`brew install openjdk@17` (macOS), then run the command again.',
    );
  }
}

/**
 * Start-up over peak speed: a local store answers a few thousand requests and exits, so the JIT's first tier (C1)
 * and the serial collector start sooner and finish sooner than the server defaults (a replay of the samples: 12.6 s
 * down to 9.8 s here).
 */
const JVM_FLAGS = ['-Xshare:auto', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

async function waitUntilListening(endpoint: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: number | null = null;
  child.once('exit', (code) => {
    exited = code ?? -1;
  });
  while (Date.now() < deadline) {
    if (exited !== null) {
      throw new BreachwatchError(ErrorCode.RUNTIME, `DynamoDB Local exited with code ${exited} before it was ready`);
    }
    try {
      // Any HTTP answer (DynamoDB Local says 400 to a bare POST) means it is listening.
      await fetch(endpoint, { method: 'POST', signal: AbortSignal.timeout(500) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill('SIGKILL');
  throw new BreachwatchError(ErrorCode.RUNTIME, `DynamoDB Local was not ready within ${timeoutMs} ms`);
}

/**
 * Starts DynamoDB Local on Java and resolves once it answers (about 2 s here).
 * @example
 * const db = await startDynamoDbLocal({ dataDir: '.breachwatch/dynamodb' });
 * // … use db.endpoint …
 * await db.stop();
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  assertJava();
  const { jar, libDir } = dynamoDbLocalJar();
  const port = options.port ?? (await freePort());
  const storage = options.dataDir
    ? (() => {
        const dir = resolve(options.dataDir);
        mkdirSync(dir, { recursive: true });
        return ['-dbPath', dir];
      })()
    : ['-inMemory'];
  const child = spawn(
    'java',
    [
      ...JVM_FLAGS,
      `-Djava.library.path=${libDir}`,
      '-jar',
      jar,
      ...storage,
      '-sharedDb',
      '-disableTelemetry',
      '-port',
      String(port),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  child.stderr?.resume();
  const endpoint = `http://127.0.0.1:${port}`;
  // About 2 s on a quiet machine; a 2-core box under parallel test load has been seen to take over 30 s.
  const readyMs = options.readyTimeoutMs ?? Number(process.env.BREACHWATCH_DYNAMODB_READY_MS ?? 90_000);
  await waitUntilListening(endpoint, child, readyMs);
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  return { endpoint, port, stop };
}
