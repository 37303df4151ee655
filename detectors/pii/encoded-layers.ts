/**
 * Windows that hold other text, encoded: a base64 block (a line, or a file wrapped in lines), a hex run, an escaped
 * window. Each is decoded within the decoded-size cap and scanned as a layer of its own, its finds reported at the
 * range of the encoded bytes.
 */
import { sniffCompression, sniffUtf16, TextShape, textShape, utf16ToUtf8 } from './decoders.js';
import { CONTEXT_LOOKBACK, type Hit } from './engine.js';
import { inflateCapped } from './inflate.js';
import { LimitKind, type ScanState } from './scan-state.js';
import { scanWindows } from './text-scanner.js';

/** @internal Decodes and scans a base64 block; true when what it held is plain ASCII text (so the block is no value itself). */
export function base64Layer(st: ScanState, parent: Buffer, ws: number, we: number, depth: number, out: Hit[]): boolean {
  const token = parent.toString('latin1', ws, we);
  // Node's base64 decoder reads the URL-safe alphabet (`-`, `_`) too
  let bytes: Buffer = Buffer.from(token, 'base64');
  if (!reserve(st, bytes.length, ws, we)) return false;
  // unverified: a block that does not inflate is still matched as the token it is, and a verifying inflater per
  // gzip part costs 13 % of the bench corpus's scan
  const kind = sniffCompression(bytes, undefined, false);
  if (kind) {
    const room = Math.min(Math.max(0, st.budget.left), Math.max(1 << 20, bytes.length * 200));
    const inflated = inflateCapped(bytes, kind, room);
    if (!inflated.ok) {
      st.limits.push({ kind: inflated.reason === 'bomb' ? LimitKind.BOMB : LimitKind.CORRUPT, start: ws, end: we });
      return false;
    }
    if (!reserve(st, inflated.bytes.length, ws, we)) return false;
    bytes = inflated.bytes;
  }
  // UTF-16 text inside base64 (PowerShell's -EncodedCommand) is no text byte by byte
  const utf16 = sniffUtf16(bytes);
  if (utf16) {
    bytes = utf16ToUtf8(bytes, utf16);
    if (!reserve(st, bytes.length, ws, we)) return false;
  }
  const shape = textShape(bytes);
  if (!kind && !utf16 && shape === TextShape.NONE) return false;
  scanDecoded(st, bytes, parent, ws, we, depth, out);
  return shape === TextShape.ASCII;
}

/**
 * @internal Where a JSON Web Token's payload (`eyJ…`, its second segment) lies in the window `bytes[ws, we)` when the
 * window is a token (`eyJ…` header, payload, signature); [-1, -1] otherwise.
 */
export function jwtPayload(bytes: Uint8Array, ws: number, we: number): [number, number] {
  if (!startsJson(bytes, ws)) return NO_PAYLOAD;
  const ps = bytes.indexOf(46, ws) + 1;
  if (ps <= 0 || ps >= we || !startsJson(bytes, ps)) return NO_PAYLOAD;
  const pe = bytes.indexOf(46, ps);
  return pe < 0 || pe >= we ? NO_PAYLOAD : [ps, pe];
}

const NO_PAYLOAD: [number, number] = [-1, -1];

/** `eyJ`: base64 of `{"`, how a JWT's header and payload start. */
function startsJson(bytes: Uint8Array, at: number): boolean {
  return bytes[at] === 101 && bytes[at + 1] === 121 && bytes[at + 2] === 74;
}

/** @internal Shortest hex run read as text, in hex digits (8 bytes: an e-mail address or a card number is longer). */
export const HEX_TEXT_MIN = 16;

/** @internal Decodes and scans hex-encoded text (see `isHexText`), within the decoded-size cap. */
export function hexLayer(st: ScanState, parent: Buffer, ws: number, we: number, depth: number, out: Hit[]): void {
  const decoded = Buffer.from(parent.toString('latin1', ws, we), 'hex');
  if (reserve(st, decoded.length, ws, we)) scanDecoded(st, decoded, parent, ws, we, depth, out);
}

/** Counts `bytes` more decoded bytes against the cap; false (and reported) when they would pass it. */
function reserve(st: ScanState, bytes: number, start: number, end: number): boolean {
  if (bytes > st.budget.left) {
    st.limits.push({ kind: LimitKind.DECODED_SIZE, start, end });
    return false;
  }
  st.budget.left -= bytes;
  return true;
}

const LAYER_START = Buffer.from('\n', 'latin1');

/**
 * @internal Scans a decoded layer whole (it is bounded by MAX_WINDOW or the decoded-size cap) and reports
 * every hit at the offsets of the encoded block `[ws, we)`, or, given `offsets` (the parent offset of each decoded
 * byte, and of its end), at its own bytes; the parent's bytes before it give context.
 */
export function scanDecoded(
  st: ScanState,
  decoded: Buffer,
  parent: Buffer,
  ws: number,
  we: number,
  depth: number,
  out: Hit[],
  offsets?: Int32Array,
): void {
  if (depth + 1 > st.maxDepth) {
    st.limits.push({ kind: LimitKind.DEPTH, start: ws, end: we });
    return;
  }
  // the layer is a text of its own: a line break after the parent's bytes makes a key at its start one at a line's
  // start (`first_name=Ada&…` posted base64-encoded, a YAML or .env file's first line), never run on into the parent
  const prefix = parent.subarray(Math.max(0, ws - CONTEXT_LOOKBACK), ws);
  const bytes = Buffer.concat([prefix, LAYER_START, decoded]);
  const start = prefix.length + LAYER_START.length;
  const inner: Hit[] = [];
  scanWindows(st, bytes, start, start, true, depth + 1, inner, start);
  for (const h of inner) {
    h.start = offsets ? (offsets[h.start - start] as number) : ws;
    h.end = offsets ? (offsets[h.end - start] as number) : we;
    out.push(h);
  }
}
