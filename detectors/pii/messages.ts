/**
 * Bodies that are whole messages, headers first: an e-mail (an SMTP transfer, a `.eml` file) or a raw HTTP/1.x
 * request or response (a proxy's record, a mirrored capture). Their headers say how the body is encoded.
 */
import { contentCodings } from './decoders.js';
import { looksLikeHtml } from './html.js';
import { isTransferEncoded, multipartBoundary, type PartHeaders, partHeaders } from './multipart.js';

/** How far into a body its header block may end for the body to be read as a message. */
export const MESSAGE_HEADERS_MAX = 64 * 1024;

/** Header fields an e-mail message (RFC 5322) or a MIME entity starts with. */
const MAIL_START =
  /^(?:received|return-path|from|to|cc|subject|date|message-id|mime-version|content-type|delivered-to|reply-to|sender|dkim-signature|arc-seal|x-[a-z0-9-]+):[ \t]/i;
/** An HTTP/1.x request line or status line. */
const HTTP_START = /^(?:(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \S|HTTP\/1\.[01] \d{3})/;

/** True when a body's first bytes start a message: a mail header line, an HTTP request or status line. */
export function looksLikeMessage(head: Uint8Array): boolean {
  // most bodies start with '{', '<', a digit or a quote: no string, no regex
  const first = (head[0] ?? 0) | 32;
  if (first < 97 || first > 122) return false;
  const text = Buffer.from(head.buffer, head.byteOffset, Math.min(head.length, 64)).toString('latin1');
  return MAIL_START.test(text) || HTTP_START.test(text);
}

/** What a message's header block says of its body, and where the block and the body start. */
export interface MessageHeaders extends PartHeaders {
  /** `Transfer-Encoding: chunked` (HTTP/1.1): the body comes in sized chunks. */
  chunked: boolean;
  blockEnd: number;
  bodyStart: number;
}

/**
 * The header block of a message (its start line and fields, up to the first blank line within
 * `MESSAGE_HEADERS_MAX` bytes) and what it says of the body; undefined for any other body.
 */
export function messageHeaders(body: Buffer): MessageHeaders | undefined {
  if (!looksLikeMessage(body)) return undefined;
  const text = body.toString('latin1', 0, Math.min(body.length, MESSAGE_HEADERS_MAX));
  const blank = /\r?\n\r?\n/.exec(text);
  if (!blank) return undefined;
  const block = text.slice(0, blank.index);
  return {
    ...partHeaders(block),
    chunked: /^transfer-encoding:[^\r\n]*\bchunked\b/im.test(block),
    blockEnd: blank.index,
    bodyStart: blank.index + blank[0].length,
  };
}

/** No bytes: a message's HTML body is known by its content type alone. */
const EMPTY = new Uint8Array(0);

/** True when a message's body must be split, dechunked or decoded (an HTML body's references too) before it is read. */
export function needsDecoding(headers: MessageHeaders): boolean {
  return (
    headers.chunked ||
    multipartBoundary(headers.contentType) !== undefined ||
    isTransferEncoded(headers.transferEncoding) ||
    contentCodings(headers.contentEncoding).length > 0 ||
    looksLikeHtml(EMPTY, headers.contentType)
  );
}
