/**
 * Binary record formats read as the JSON they hold: CBOR (cbor.ts), MessagePack (msgpack.ts), BSON (bson.ts), Avro
 * (avro.ts), Parquet (parquet.ts) and Protocol Buffers or gRPC, declared so by `Content-Type` (protobuf.ts).
 */
import { avroText, looksLikeAvro } from './avro.js';
import { bsonText, looksLikeBson } from './bson.js';
import { cborText, looksLikeCbor } from './cbor.js';
import type { RenderedJson } from './json-render.js';
import { looksLikeMsgpack, msgpackText } from './msgpack.js';
import { looksLikeParquet, parquetText } from './parquet.js';
import { looksLikeProtobuf, protobufText } from './protobuf.js';

/**
 * @internal True when a body with this head (and `Content-Type`) is CBOR, MessagePack, BSON, Avro, Parquet or
 * protobuf.
 */
export function looksLikeRecords(head: Uint8Array, contentType: string | undefined): boolean {
  return (
    looksLikeAvro(head) ||
    looksLikeParquet(head) ||
    looksLikeCbor(head, contentType) ||
    looksLikeMsgpack(head, contentType) ||
    looksLikeBson(head, contentType) ||
    looksLikeProtobuf(head, contentType)
  );
}

/**
 * @internal The JSON text the CBOR, MessagePack, BSON, Avro, Parquet or protobuf body holds (an Avro file's blocks, a Parquet
 * file's pages and gzip-compressed gRPC frames decompressed up to `maxDecoded` bytes); undefined when it is none of
 * them or does not decode.
 */
export function recordsText(
  body: Uint8Array,
  head: Uint8Array,
  contentType: string | undefined,
  maxDecoded: number,
): RenderedJson | undefined {
  if (looksLikeAvro(head)) return avroText(body, maxDecoded);
  if (looksLikeParquet(head)) return parquetText(body, maxDecoded);
  // before MessagePack's sniff: a CBOR array of maps (`81 a4 6a…`) opens as a MessagePack map with a string key
  if (looksLikeCbor(head, contentType)) return cborText(body);
  if (looksLikeMsgpack(head, contentType)) return msgpackText(body);
  if (looksLikeBson(head, contentType)) return bsonText(body);
  return looksLikeProtobuf(head, contentType) ? protobufText(body, contentType, maxDecoded) : undefined;
}
