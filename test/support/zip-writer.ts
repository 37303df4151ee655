/** A minimal ZIP writer for tests (PKWARE APPNOTE 4.3): stored or deflated entries, central directory optional. */
import { deflateRawSync } from 'node:zlib';

/** One file to put in an archive. */
export interface ZipFile {
  name: string;
  data: Buffer;
  deflate?: boolean;
  /** General-purpose flags as written (bit 0: encrypted, bit 3: sizes after the data). */
  flags?: number;
  /** Compression method written instead of stored/deflated (12 = bzip2). */
  method?: number;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const b of data) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** The archive holding `files`, with its central directory unless `central` is false (a truncated capture). */
export function zipOf(files: readonly ZipFile[], central = true): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const body = file.deflate ? deflateRawSync(file.data) : file.data;
    const method = file.method ?? (file.deflate ? 8 : 0);
    const flags = file.flags ?? 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc32(file.data), 14);
    local.writeUInt32LE(flags & 8 ? 0 : body.length, 18);
    local.writeUInt32LE(flags & 8 ? 0 : file.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(flags, 8);
    record.writeUInt16LE(method, 10);
    record.writeUInt32LE(crc32(file.data), 16);
    record.writeUInt32LE(body.length, 20);
    record.writeUInt32LE(file.data.length, 24);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(record, name);
    offset += local.length + name.length + body.length;
  }
  if (!central) return Buffer.concat(locals);
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
