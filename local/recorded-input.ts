import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { LOCAL_FILES_BUCKET } from '../adapters/s3-reader.js';
import { BreachwatchError, ErrorCode } from '../events/errors.js';
import { isFlowHeader } from '../events/flowlogs/format.js';

/** One recorded delivery, named by file and position for reports. */
export interface RecordedDelivery {
  ref: string;
  delivery: unknown;
}

/** A reader for one kind of recorded file; the first whose `accepts` is true reads it. */
export interface FileReader {
  name: string;
  accepts(path: string, head: Buffer): boolean;
  read(path: string, bytes: Buffer): RecordedDelivery[] | Promise<RecordedDelivery[]>;
}

/** JSON files: one event, an array of events, or one event per line (NDJSON). */
export const jsonReader: FileReader = {
  name: 'json',
  accepts: (_path, head) => /^\s*[[{]/.test(head.toString('utf8', 0, Math.min(head.length, 64))),
  read(path, bytes) {
    const text = bytes.toString('utf8');
    try {
      const value: unknown = JSON.parse(text);
      return Array.isArray(value)
        ? value.map((delivery, i) => ({ ref: `${path}[${i}]`, delivery }))
        : [{ ref: path, delivery: value }];
    } catch {
      return text
        .split('\n')
        .map((line, i) => ({ line: line.trim(), i }))
        .filter(({ line }) => line.length > 0)
        .map(({ line, i }) => {
          try {
            return { ref: `${path}:${i + 1}`, delivery: JSON.parse(line) as unknown };
          } catch {
            return { ref: `${path}:${i + 1}`, delivery: { unparseable: 'not JSON' } };
          }
        });
    }
  },
};

/**
 * Flow-log text files (gzip or plain, with or without a header line) are delivered as an S3 notification
 * for an object in a stand-in bucket, so they take the same path as flow logs S3 delivers in AWS.
 */
export const flowFileReader: FileReader = {
  name: 'flow-log file',
  accepts(_path, head) {
    if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return true;
    const firstLine = head.toString('utf8').split('\n', 1)[0] ?? '';
    return isFlowHeader(firstLine) || /^\d+ \S+ \S+ /.test(firstLine);
  },
  read(path) {
    const key = resolve(path);
    return [
      {
        ref: path,
        delivery: {
          Records: [
            {
              eventSource: 'aws:s3',
              eventName: 'ObjectCreated:Put',
              s3: { bucket: { name: LOCAL_FILES_BUCKET }, object: { key: encodeURIComponent(key) } },
            },
          ],
        },
      },
    ];
  },
};

async function* walk(path: string): AsyncGenerator<string> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new BreachwatchError(ErrorCode.NOT_FOUND, `${path}: no such file or directory`);
  if (info.isFile()) {
    yield path;
    return;
  }
  const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'README.md' || entry.name === 'SOURCES.md') continue;
    yield* walk(join(path, entry.name));
  }
}

/** Every file under `paths` (folders walked in name order), with the reader that takes it, or none. */
export async function* recordedFiles(
  paths: string[],
  readers: FileReader[],
): AsyncGenerator<{ path: string; bytes: Buffer; reader?: FileReader }> {
  for (const root of paths) {
    for await (const path of walk(root)) {
      const bytes = await readFile(path);
      yield { path, bytes, reader: readers.find((r) => r.accepts(path, bytes.subarray(0, 512))) };
    }
  }
}
