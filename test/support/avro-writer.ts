import { crc32, deflateRaw } from 'node:zlib';
import avro from 'avsc';
import snappyjs from 'snappyjs';
import { zstdFrame } from './zstd-writer.js';

/** An Avro object container file of `records` under `schema` (written as given, logical types too), as avsc writes it. */
export function avroFile(
  schema: object,
  records: readonly unknown[],
  {
    codec = 'null',
    blockSize,
  }: { codec?: 'null' | 'deflate' | 'snappy' | 'zstandard' | 'lzo'; blockSize?: number } = {},
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const codecs = {
    null: (b: Buffer, cb: (e: Error | null, out?: Buffer) => void) => cb(null, b),
    deflate: deflateRaw,
    // as the Java library writes a block: compressed, then the CRC-32 of the uncompressed bytes, big-endian
    snappy: (b: Buffer, cb: (e: Error | null, out?: Buffer) => void) => {
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(crc32(b));
      cb(null, Buffer.concat([Buffer.from(snappyjs.compress(b)), crc]));
    },
    zstandard: (b: Buffer, cb: (e: Error | null, out?: Buffer) => void) => cb(null, zstdFrame(b)),
    // not compressed, only labelled: the reader must refuse a codec it cannot undo
    lzo: (b: Buffer, cb: (e: Error | null, out?: Buffer) => void) => cb(null, b),
  };
  const encoder = new avro.streams.BlockEncoder(schema as avro.Schema, { codec, codecs, blockSize } as never);
  return new Promise((resolve, reject) => {
    encoder.on('data', (c: Buffer) => chunks.push(c));
    encoder.on('end', () => resolve(Buffer.concat(chunks)));
    encoder.on('error', reject);
    for (const r of records) encoder.write(r);
    encoder.end();
  });
}
