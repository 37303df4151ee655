import { type Detection, type ScanOptions, scanStream } from '../../detectors/pii/index.js';

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
