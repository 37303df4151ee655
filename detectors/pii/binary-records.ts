/** Binary record formats read as the JSON they hold: MessagePack (msgpack.ts) and BSON (bson.ts). */
import { bsonText, looksLikeBson } from './bson.js';
import type { RenderedJson } from './json-render.js';
import { looksLikeMsgpack, msgpackText } from './msgpack.js';

/** @internal True when a body with this head (and `Content-Type`) is MessagePack or BSON. */
export function looksLikeRecords(head: Uint8Array, contentType: string | undefined): boolean {
  return looksLikeMsgpack(head, contentType) || looksLikeBson(head, contentType);
}

/** @internal The JSON text the MessagePack or BSON body holds; undefined when it is neither or does not decode. */
export function recordsText(
  body: Uint8Array,
  head: Uint8Array,
  contentType: string | undefined,
): RenderedJson | undefined {
  if (looksLikeMsgpack(head, contentType)) return msgpackText(body);
  return looksLikeBson(head, contentType) ? bsonText(body) : undefined;
}
