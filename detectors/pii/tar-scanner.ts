import { type BodyReaders, StreamedPart } from './part-stream.js';
import { type DecodeLimit, depthLeft, LimitKind } from './scan-state.js';
import type { PiiScanner, ScanOptions } from './scanner.js';
import { type TarEvent, TarSplitter } from './tar.js';
import type { Detection } from './types.js';

/**
 * @internal A scanner over a tar archive fed in chunks of any size: each member is read as a body of its own (a CSV
 * member by its header line, a gzipped one inflated) at its offsets in the archive, and each header's names as text.
 * A member cut short, or a header that does not add up, is reported as corrupt, and what arrived is still read.
 * `scanBuffer` reads an archive through it in one write, so a streamed archive and a whole one read alike.
 */
export function createTarScanner(options: ScanOptions, readers: BodyReaders): PiiScanner {
  const depth = depthLeft(options);
  // an archive takes one level of depth, as a ZIP does: members hold archives in turn
  const memberOptions: ScanOptions = {
    ...options,
    contentType: undefined,
    contentEncoding: undefined,
    maxDepth: depth - 1,
  };
  const splitter = new TarSplitter();
  const limits: DecodeLimit[] = [];
  let part: StreamedPart | undefined;
  let bytes = 0;
  const handle = (events: TarEvent[]): Detection[] => {
    const found: Detection[] = [];
    for (const e of events) {
      if (e.kind === 'part') part = new StreamedPart(e.start, {}, memberOptions, readers);
      else if (e.kind === 'data') found.push(...(part?.write(e.bytes) ?? []));
      else if (e.kind === 'end' && part) {
        const closed = part.close(e.end);
        found.push(...closed.detections);
        limits.push(...closed.limits);
        part = undefined;
      } else if (e.kind === 'corrupt') limits.push({ kind: LimitKind.CORRUPT, start: e.start, end: e.end });
    }
    return found;
  };
  return {
    write(chunk) {
      bytes += chunk.length;
      return depth > 0 ? handle(splitter.write(chunk)) : [];
    },
    end() {
      // no depth left: the archive is reported whole, as a ZIP is
      if (depth <= 0) limits.push({ kind: LimitKind.DEPTH, start: 0, end: bytes });
      return depth > 0 ? handle(splitter.end()) : [];
    },
    limits,
  };
}
