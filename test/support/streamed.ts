import { createScanner, type Detection, type ScanOptions, scanStream } from '../../detectors/pii/index.js';

/** A detection as a sortable key: type, fine type, offsets and fingerprint. */
export const detectionKey = (d: Detection): string => `${d.type}/${d.fineType}@${d.start}-${d.end}#${d.fingerprint}`;

/** `bytes` cut at `cuts` (any order, repeats allowed) and scanned by `scanStream`: its detections as sorted keys. */
export async function streamedKeys(bytes: Buffer, cuts: number[], options: ScanOptions): Promise<string[]> {
  const chunks: Buffer[] = [];
  let at = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    chunks.push(bytes.subarray(at, cut));
    at = cut;
  }
  chunks.push(bytes.subarray(at));
  return (await scanStream(chunks, options)).detections.map(detectionKey).sort();
}

/** `kib` KiB of hex lines (a checksum list): text gzip shrinks about twofold, so a budget test is no bomb. */
export function hexLines(kib: number): Buffer {
  const lines: string[] = [];
  for (let n = 0, x = 1; n < kib * 16; n++) {
    let line = '';
    for (let k = 0; k < 8; k++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      line += x.toString(16).padStart(8, '0');
    }
    lines.push(`${line.slice(0, 63)}\n`);
  }
  return Buffer.from(lines.join(''));
}

/** What a scanner fed `bytes` in two writes, cut at `cut`, reports. */
export function scannedInTwo(bytes: Buffer, cut: number): Detection[] {
  const s = createScanner({ fingerprintKey: 'breachwatch-test-fingerprint-key' });
  return [...s.write(bytes.subarray(0, cut)), ...s.write(bytes.subarray(cut)), ...s.end()];
}
