/**
 * One part of a container (a multipart part, a tar member) read as it streams, with the result `scanBuffer` gives
 * on the part whole: text streams through a scanner, anything else (compressed, encoded, an archive) is gathered up
 * to the decoded-size cap and read whole at the part's end.
 */
import { placeFound, type ScanBody, scanPart } from './containers.js';
import { formFieldKey, isTransferEncoded, type PartHeaders } from './multipart.js';
import { type DecodeLimit, decodedRoom, LimitKind } from './scan-state.js';
import type { PiiScanner, ScanOptions } from './scanner.js';
import type { Detection } from './types.js';

/**
 * @internal How a streamed part reads what it holds: `scan` a whole body, `text` a scanner over plain bytes
 * (`scanBuffer` and `createScanner`, passed in so this module does not import the scanner it serves).
 */
export interface BodyReaders {
  scan: ScanBody;
  text: (options: ScanOptions) => PiiScanner;
  /** True when `scan` reads a body with this head as plain text (`readsAsText`). */
  readsAsText: (head: Uint8Array, options: PartHeaders) => boolean;
  /** Bytes of its head a part gathers before it decides how it is read. */
  headBytes: number;
}

/** @internal A part being read; detections are placed at offsets into the whole container. */
export class StreamedPart {
  private head: Buffer[] = [];
  private headLength = 0;
  private scanner: PiiScanner | undefined;
  /** Content read whole, gathered up to the cap. */
  private whole: Buffer[] | undefined;
  private wholeLength = 0;
  private over = false;

  /**
   * @param start the part's offset in the container
   * @param options what its content is scanned under (the container's, without its content type and coding)
   */
  constructor(
    readonly start: number,
    private readonly headers: PartHeaders,
    private readonly options: ScanOptions,
    private readonly readers: BodyReaders,
  ) {}

  /** Feeds the part's next bytes (kept until the part closes when it is read whole). */
  write(bytes: Buffer): Detection[] {
    if (this.whole) {
      this.wholeLength += bytes.length;
      if (this.wholeLength > decodedRoom(this.options)) this.over = true;
      else this.whole.push(bytes);
      return [];
    }
    if (this.scanner) return shift(this.scanner.write(bytes), this.start);
    this.head.push(bytes);
    this.headLength += bytes.length;
    return this.headLength >= this.readers.headBytes ? this.decide() : [];
  }

  /** Ends the part at `end` (an offset in the container): what was held is read; its limits cover the part. */
  close(end: number): { detections: Detection[]; limits: DecodeLimit[] } {
    const held = this.scanner || this.whole ? [] : this.decide();
    if (this.scanner) {
      const detections = [...held, ...shift(this.scanner.end(), this.start)];
      return { detections, limits: this.scanner.limits.map((l) => ({ ...l, start: this.start, end })) };
    }
    if (this.over) return { detections: [], limits: [{ kind: LimitKind.DECODED_SIZE, start: this.start, end }] };
    const scanned = scanPart(Buffer.concat(this.whole ?? []), this.headers, this.options, this.readers.scan);
    return {
      detections: placeFound(scanned, this.headers, this.start, end),
      limits: scanned.report.limits.map((l) => ({ ...l, start: this.start, end })),
    };
  }

  /**
   * Decides from the head how the part is read: a part `scanBuffer` reads as more than text, or transfer-encoded
   * (base64, quoted-printable), is read whole at its end; any other streams from here.
   */
  private decide(): Detection[] {
    const head = Buffer.concat(this.head);
    this.head = [];
    const encoded =
      isTransferEncoded(this.headers.transferEncoding) ||
      !this.readers.readsAsText(head.subarray(0, this.readers.headBytes), this.headers);
    if (encoded) {
      this.whole = [];
      return this.write(head);
    }
    // a form field's value is read after its name, as a `key: value` line, at its own bytes
    this.scanner = this.readers.text({ ...this.options, fieldKey: formFieldKey(this.headers) });
    return shift(this.scanner.write(head), this.start);
  }
}

/** Detections (or limits) moved by `by` bytes, in place. */
export function shift<T extends { start: number; end: number }>(found: T[], by: number): T[] {
  for (const d of found) {
    d.start += by;
    d.end += by;
  }
  return found;
}
