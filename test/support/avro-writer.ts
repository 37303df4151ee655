import { deflateRaw } from 'node:zlib';
import avro from 'avsc';

/** An Avro object container file of `records` under `schema` (written as given, logical types too), as avsc writes it. */
export function avroFile(
  schema: object,
  records: readonly unknown[],
  { codec = 'null', blockSize }: { codec?: 'null' | 'deflate' | 'snappy'; blockSize?: number } = {},
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const codecs = {
    null: (b: Buffer, cb: (e: Error | null, out?: Buffer) => void) => cb(null, b),
    deflate: deflateRaw,
    // not compressed, only labelled: the reader must refuse a codec it cannot undo
    snappy: (b: Buffer, cb: (e: Error | null, out?: Buffer) => void) => cb(null, b),
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
