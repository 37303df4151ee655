/** Binary record formats read as the JSON they hold: MessagePack (msgpack.ts), BSON (bson.ts) and Avro (avro.ts). */
import { avroText, looksLikeAvro } from './avro.js';
import { bsonText, looksLikeBson } from './bson.js';
import type { RenderedJson } from './json-render.js';
import { looksLikeMsgpack, msgpackText } from './msgpack.js';

/** @internal True when a body with this head (and `Content-Type`) is MessagePack, BSON or an Avro container file. */
export function looksLikeRecords(head: Uint8Array, contentType: string | undefined): boolean {
  return looksLikeAvro(head) || looksLikeMsgpack(head, contentType) || looksLikeBson(head, contentType);
}

/**
 * @internal The JSON text the MessagePack, BSON or Avro body holds (an Avro file's blocks inflated up to `maxDecoded`
 * bytes); undefined when it is none of them or does not decode.
 */
export function recordsText(
  body: Uint8Array,
  head: Uint8Array,
  contentType: string | undefined,
  maxDecoded: number,
): RenderedJson | undefined {
  if (looksLikeAvro(head)) return avroText(body, maxDecoded);
  if (looksLikeMsgpack(head, contentType)) return msgpackText(body);
  return looksLikeBson(head, contentType) ? bsonText(body) : undefined;
}
