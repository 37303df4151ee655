import { HeldBytes } from './held-bytes.js';
import { type PartHeaders, partHeaders } from './multipart.js';

/** What a streaming multipart splitter reports, in input order; offsets are into the whole body. */
export type MultipartEvent =
  | ({ kind: 'part'; start: number } & PartHeaders)
  | { kind: 'data'; bytes: Buffer; start: number }
  | { kind: 'end'; end: number };

/** Headers longer than this are not a part header block: the part is skipped to the next delimiter. */
const MAX_HEADERS = 16 * 1024;

/**
 * Splits a multipart body (RFC 2046 §5.1) fed in chunks of any size, with memory bounded by the
 * delimiter and one header block: part content is passed on as it arrives, never collected. Same
 * reading as `splitMultipart`: the preamble is skipped, a part's content ends before the CRLF (or LF)
 * that precedes the next delimiter, `--boundary--` closes the body, and a missing close ends the last
 * part at the end of the input.
 */
export class MultipartSplitter extends HeldBytes<MultipartEvent> {
  private readonly delimiter: Buffer;
  private state: 'preamble' | 'after' | 'headers' | 'content' | 'done' = 'preamble';

  constructor(boundary: string) {
    super();
    this.delimiter = Buffer.from(`--${boundary}`, 'latin1');
  }

  protected run(final: boolean): MultipartEvent[] {
    const out: MultipartEvent[] = [];
    const d = this.delimiter;
    for (;;) {
      const buf = this.held;
      if (this.state === 'done') {
        this.consume(buf.length);
        return out;
      }
      if (this.state === 'preamble') {
        const at = buf.indexOf(d);
        if (at < 0) {
          this.consume(Math.max(0, buf.length - d.length + 1));
          if (final) this.state = 'done';
          return out;
        }
        this.consume(at + d.length);
        this.state = 'after';
        continue;
      }
      if (this.state === 'after') {
        // `--` closes the body; otherwise the rest of the delimiter line is skipped
        if (buf.length < 2 && !final) return out;
        if (buf[0] === 45 && buf[1] === 45) {
          this.state = 'done';
          continue;
        }
        const lineEnd = buf.indexOf(10);
        if (lineEnd < 0) {
          if (final) this.state = 'done';
          return out;
        }
        this.consume(lineEnd + 1);
        this.state = 'headers';
        continue;
      }
      if (this.state === 'headers') {
        // the first empty line (CRLF or LF) after any line feed, as `splitMultipart` finds it
        const crlf = buf.indexOf('\n\r\n', 0, 'latin1');
        const lf = buf.indexOf('\n\n', 0, 'latin1');
        // a blank line right away: the header block is empty
        const blank = buf[0] === 10 ? 1 : buf[0] === 13 && buf[1] === 10 ? 2 : -1;
        const cut = blank > 0 ? blank : crlf >= 0 && (lf < 0 || crlf < lf) ? crlf + 3 : lf >= 0 ? lf + 2 : -1;
        if (cut < 0) {
          if (buf.length > MAX_HEADERS || final) this.state = final ? 'done' : 'preamble';
          return out;
        }
        const headers = buf.subarray(0, cut).toString('latin1');
        this.consume(cut);
        out.push({ kind: 'part', start: this.base, ...partHeaders(headers) });
        this.state = 'content';
        continue;
      }
      // content: pass on everything that cannot be the start of "\r\n--boundary"
      const at = buf.indexOf(d);
      if (at >= 0) {
        let end = at;
        if (buf[end - 1] === 10) end--;
        if (buf[end - 1] === 13) end--;
        if (end > 0) out.push({ kind: 'data', bytes: Buffer.from(buf.subarray(0, end)), start: this.base });
        out.push({ kind: 'end', end: this.base + end });
        this.consume(at + d.length);
        this.state = 'after';
        continue;
      }
      const keep = final ? 0 : Math.min(buf.length, d.length + 1);
      if (buf.length - keep > 0) {
        out.push({ kind: 'data', bytes: Buffer.from(buf.subarray(0, buf.length - keep)), start: this.base });
        this.consume(buf.length - keep);
      }
      if (final) {
        out.push({ kind: 'end', end: this.base });
        this.state = 'done';
      }
      return out;
    }
  }
}
