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
}

/** What a part's (or a message's) header block says of its content. */
export type PartHeaders = Pick<MultipartPart, 'transferEncoding' | 'contentEncoding' | 'contentType'>;

/** Reads a MIME header block (RFC 5322 §2.2.3: a line starting with a space or tab continues the one before). */
export function partHeaders(block: string): PartHeaders {
  const text = block.replace(/\r?\n(?=[ \t])/g, '');
  return {
    transferEncoding: /^content-transfer-encoding:\s*([\w-]+)/im.exec(text)?.[1]?.toLowerCase(),
    contentEncoding: /^content-encoding:\s*([\w-]+)/im.exec(text)?.[1]?.toLowerCase(),
    contentType: /^content-type:[ \t]*([^\r\n]*)/im.exec(text)?.[1]?.trim(),
  };
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
    const headersEnd =
      body.indexOf('\r\n\r\n', lineEnd) >= 0
        ? body.indexOf('\r\n\r\n', lineEnd) + 4
        : body.indexOf('\n\n', lineEnd) + 2;
    if (headersEnd < 2) break;
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

/** How far into a body its header block may end for the body to be read as an e-mail message. */
export const MESSAGE_HEADERS_MAX = 64 * 1024;

/** Header fields an e-mail message (RFC 5322) or a MIME entity starts with, as a mail transfer or a `.eml` file has it. */
const MESSAGE_START =
  /^(?:received|return-path|from|to|cc|subject|date|message-id|mime-version|content-type|delivered-to|reply-to|sender|dkim-signature|arc-seal|x-[a-z0-9-]+):[ \t]/i;

/** True when a body's first bytes are the first header line of an e-mail message. */
export function looksLikeMessage(head: Uint8Array): boolean {
  return MESSAGE_START.test(Buffer.from(head.buffer, head.byteOffset, Math.min(head.length, 64)).toString('latin1'));
}

/**
 * The header block of an e-mail message (`From:`, `Content-Type: multipart/mixed; boundary=…` …, up to the first
 * blank line), what it says of the body, and where the block and the body start; undefined for any other body.
 */
export function messageHeaders(body: Buffer): (PartHeaders & { blockEnd: number; bodyStart: number }) | undefined {
  if (!looksLikeMessage(body)) return undefined;
  const text = body.toString('latin1', 0, Math.min(body.length, MESSAGE_HEADERS_MAX));
  const blank = /\r?\n\r?\n/.exec(text);
  if (!blank) return undefined;
  return {
    ...partHeaders(text.slice(0, blank.index)),
    blockEnd: blank.index,
    bodyStart: blank.index + blank[0].length,
  };
}
