/** A minimal Protocol Buffers encoder for tests: each field written by hand, in the order given (no schema). */
import { gzipSync } from 'node:zlib';

/** `value` as a varint (a negative one as its 64-bit two's complement, ten bytes, as protobuf writes an `int64`). */
export function varint(value: number | bigint): Buffer {
  let n = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  for (; n >= 0x80n; n >>= 7n) out.push(Number(n & 0x7fn) | 0x80);
  out.push(Number(n));
  return Buffer.from(out);
}

/** A field's tag: its number and wire type (0 varint, 1 fixed64, 2 length-delimited, 3/4 group, 5 fixed32). */
export function tag(field: number, wire: number): Buffer {
  return varint(field * 8 + wire);
}

/** A varint field (`int32`, `int64`, `uint64`, `bool`, an enum). */
export function int(field: number, value: number | bigint): Buffer {
  return Buffer.concat([tag(field, 0), varint(value)]);
}

/** A length-delimited field: a string, bytes, or (`Buffer`s of fields) a message. */
export function bytes(field: number, value: string | Buffer): Buffer {
  const data = typeof value === 'string' ? Buffer.from(value) : value;
  return Buffer.concat([tag(field, 2), varint(data.length), data]);
}

/** A message field made of `fields`. */
export function nested(field: number, ...fields: Buffer[]): Buffer {
  return bytes(field, Buffer.concat(fields));
}

/** A `fixed64` field (a `double` or nanoseconds since the epoch). */
export function fixed64(field: number, value: bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(value);
  return Buffer.concat([tag(field, 1), b]);
}

/** A `fixed32` field (a `float`). */
export function fixed32(field: number, value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value);
  return Buffer.concat([tag(field, 5), b]);
}

/** A gRPC frame: a flag byte (1: compressed, 0x80: gRPC-Web trailers), a big-endian size, the message. */
export function grpcFrame(message: Buffer, flag = 0): Buffer {
  const head = Buffer.alloc(5);
  head[0] = flag;
  head.writeUInt32BE(message.length, 1);
  return Buffer.concat([head, message]);
}

/** A gRPC frame holding `message` gzipped (flag 1, `grpc-encoding: gzip`). */
export function gzipFrame(message: Buffer): Buffer {
  return grpcFrame(gzipSync(message), 1);
}
