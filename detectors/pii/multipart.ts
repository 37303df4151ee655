import { sniffCompression } from './decoders.js';
import { depthLeft } from './scan-state.js';
/** One part of a multipart body: where its content lies and how it is encoded. */
export interface MultipartPart {
  /** Byte offsets of the part's content (after its headers) in the whole body. */
  start: number;
  end: number;
  /** `content-transfer-encoding` (base64, quoted-printable…), lower-case, if any. */
  transferEncoding?: string;
  /** `content-encoding` (gzip…), lower-case, if any. */
  contentEncoding?: string;
  /** `content-type`, unfolded (a nested `multipart/alternative; boundary=…`, a `charset`), if any. */
  contentType?: string;
  /** The form field a `multipart/form-data` part holds (`content-disposition: form-data; name="…"`), if any. */
  formName?: string;
}

/** What a part's (or a message's) header block says of its content. */
export type PartHeaders = Pick<MultipartPart, 'transferEncoding' | 'contentEncoding' | 'contentType' | 'formName'>;

/** Reads a MIME header block (RFC 5322 §2.2.3: a line starting with a space or tab continues the one before). */
export function partHeaders(block: string): PartHeaders {
  const text = block.replace(/\r?\n(?=[ \t])/g, '');
  return {
    transferEncoding: /^content-transfer-encoding:\s*([\w-]+)/im.exec(text)?.[1]?.toLowerCase(),
    contentEncoding: /^content-encoding:\s*([\w-]+)/im.exec(text)?.[1]?.toLowerCase(),
    contentType: /^content-type:[ \t]*([^\r\n]*)/im.exec(text)?.[1]?.trim(),
    formName: formName(/^content-disposition:[ \t]*form-data\b([^\r\n]*)/im.exec(text)?.[1]),
  };
}

/** The `name` of a form-data disposition's parameters, unless it names a file (a file is no field's value). */
function formName(parameters: string | undefined): string | undefined {
  if (parameters === undefined || /;[ \t]*filename\*?=/i.test(parameters)) return undefined;
  return /;[ \t]*name="([^"]*)"/i.exec(parameters)?.[1];
}

/**
 * @internal A form-data part's field as a `key: value` line's key (`\nfirst_name: `), put before the part's text when
 * it is read, so its value is read as that field's, as `first_name=Ada` is in a form post; undefined for a part that
 * is no form field or whose name is no key. A name in brackets (`user[first_name]`) is its last segment.
 */
export function formFieldKey(part: PartHeaders): Buffer | undefined {
  if (part.formName === undefined || isTransferEncoded(part.transferEncoding)) return undefined;
  const name = /\[([^[\]]+)\]$/.exec(part.formName)?.[1] ?? part.formName;
  return /^[A-Za-z0-9_.-]{1,40}$/.test(name) ? Buffer.from(`\n${name}: `, 'latin1') : undefined;
}

/**
 * A multipart body's first line is its first delimiter (`--` and the boundary, RFC 2046 §5.1.1 bchars), and a part's
 * header field follows it: a body captured without its headers still says its boundary.
 */
const FIRST_DELIMITER =
  /^--([0-9A-Za-z'()+_,./:=? -]{0,69}[0-9A-Za-z'()+_,./:=?-])\r?\n(?:content-[a-z-]+|mime-version):/i;

/**
 * The boundary of a body: the one its `multipart/*` content type declares, else the one its first line shows (a
 * form post or an e-mail body sampled without its headers, `sniffed`); undefined for any other body, and for a body
 * that starts as a compressed stream whatever its type says (sampled without its `content-encoding`: its parts are
 * inside the stream).
 */
export function bodyBoundary(
  head: Uint8Array,
  contentType: string | undefined,
): { boundary: string; sniffed: boolean } | undefined {
  const declared = multipartBoundary(contentType);
  if (declared !== undefined) return sniffCompression(head) ? undefined : { boundary: declared, sniffed: false };
  if (head[0] !== 45 || head[1] !== 45) return undefined;
  const text = Buffer.from(head.buffer, head.byteOffset, Math.min(head.length, 256)).toString('latin1');
  const sniffed = FIRST_DELIMITER.exec(text)?.[1];
  return sniffed === undefined ? undefined : { boundary: sniffed, sniffed: true };
}

/**
 * The options a multipart body's parts are read under: a body known only by its first line takes a level of depth
 * (a body nested in itself that way ends at the cap), a declared one none, as before sniffing.
 */
export function partOptions<T extends { maxDepth?: number }>(options: T, sniffed: boolean): T {
  return sniffed ? { ...options, maxDepth: depthLeft(options) - 1 } : options;
}

/** The boundary of a `multipart/*` content type (RFC 2046 §5.1.1), if it declares one. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^\s*multipart\//i.test(contentType)) return undefined;
  const m = /boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return m?.[1] ?? m?.[2];
}

/**
 * Splits a multipart body into parts with their content ranges and encodings. Pure and tolerant: a
 * missing closing delimiter ends the last part at the end of the body; no part means an empty list.
 */
export function splitMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  const parts: MultipartPart[] = [];
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const lineEnd = body.indexOf('\n', at + delimiter.length);
    if (lineEnd < 0 || body.subarray(at + delimiter.length, at + delimiter.length + 2).toString('latin1') === '--')
      break;
    const headersEnd = blankLineEnd(body, lineEnd);
    if (headersEnd < 0) break;
    const headers = body.subarray(lineEnd + 1, headersEnd).toString('latin1');
    const next = body.indexOf(delimiter, headersEnd);
    let end = next < 0 ? body.length : next;
    if (body[end - 1] === 0x0a) end--;
    if (body[end - 1] === 0x0d) end--;
    parts.push({ start: headersEnd, end: Math.max(headersEnd, end), ...partHeaders(headers) });
    at = next;
  }
  return parts;
}

/**
 * Where the header block after the line feed at `lineEnd` ends: after its first empty line (CRLF or LF). A part
 * without headers has its empty line right after the delimiter line. -1 when there is none.
 */
function blankLineEnd(body: Buffer, lineEnd: number): number {
  const crlf = body.indexOf('\n\r\n', lineEnd);
  const lf = body.indexOf('\n\n', lineEnd);
  if (crlf < 0 && lf < 0) return -1;
  return lf < 0 || (crlf >= 0 && crlf < lf) ? crlf + 3 : lf + 2;
}

/** True for a transfer encoding that must be undone before the text it holds can be read. */
export function isTransferEncoded(transferEncoding: string | undefined): boolean {
  return transferEncoding === 'base64' || transferEncoding === 'quoted-printable';
}
