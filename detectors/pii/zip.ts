/**
 * ZIP archives (and the formats built on them: XLSX, DOCX, ODS…): a zipped export is how a table often leaves.
 * The entries are found through the central directory at the end of the archive, or, when it is missing (a
 * truncated capture), by walking the local headers from the start.
 */

/** @internal The first bytes of a ZIP archive (a local file header). */
export const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const LOCAL_SIZE = 30;
const CENTRAL_SIZE = 46;
const END_SIZE = 22;

/** @internal How an entry's bytes are stored. */
export const ZipMethod = { STORED: 0, DEFLATED: 8, BZIP2: 12, ZSTD: 93, XZ: 95 } as const;

/** @internal One file of an archive: its name, how it is stored, and where its (compressed) bytes are. */
export interface ZipEntry {
  name: string;
  method: number;
  encrypted: boolean;
  /** Offsets of the entry's data in the archive. */
  start: number;
  end: number;
}

/** True when `bytes` starts like a ZIP archive. */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && ZIP_MAGIC.every((b, i) => bytes[i] === b);
}

/**
 * @internal The file entries of the archive in `zip` (directories left out), in archive order. Entries whose
 * data would run past the end of the input are cut at it.
 */
export function zipEntries(zip: Buffer): ZipEntry[] {
  return centralEntries(zip) ?? localEntries(zip);
}

/** Entries listed by the central directory; undefined when there is none to read. */
function centralEntries(zip: Buffer): ZipEntry[] | undefined {
  const end = endRecord(zip);
  if (end < 0) return undefined;
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + CENTRAL_SIZE > zip.length || zip.readUInt32LE(at) !== CENTRAL) return undefined;
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const header = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + CENTRAL_SIZE, at + CENTRAL_SIZE + nameLength);
    at += CENTRAL_SIZE + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    if (header + LOCAL_SIZE > zip.length || zip.readUInt32LE(header) !== LOCAL) continue;
    const start = header + LOCAL_SIZE + zip.readUInt16LE(header + 26) + zip.readUInt16LE(header + 28);
    if (!name.endsWith('/')) entries.push(entry(name, method, flags, start, start + size, zip.length));
  }
  return entries;
}

/** Offset of the end-of-central-directory record (searched back over a comment of up to 64 KiB); -1 if none. */
function endRecord(zip: Buffer): number {
  for (let at = zip.length - END_SIZE; at >= 0 && at >= zip.length - END_SIZE - 0xffff; at--)
    if (zip.readUInt32LE(at) === END) return at;
  return -1;
}

/** Entries found by walking local headers from the start, up to one whose size is only known after its data. */
function localEntries(zip: Buffer): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let at = 0;
  while (at + LOCAL_SIZE <= zip.length && zip.readUInt32LE(at) === LOCAL) {
    const flags = zip.readUInt16LE(at + 6);
    const method = zip.readUInt16LE(at + 8);
    const size = zip.readUInt32LE(at + 18);
    const nameLength = zip.readUInt16LE(at + 26);
    const name = zip.toString('utf8', at + LOCAL_SIZE, at + LOCAL_SIZE + nameLength);
    const start = at + LOCAL_SIZE + nameLength + zip.readUInt16LE(at + 28);
    // bit 3: the sizes follow the data; a deflated entry still ends where its stream does, so it is read to the end
    const sizeUnknown = (flags & 8) !== 0;
    const end = sizeUnknown ? zip.length : start + size;
    if (!name.endsWith('/')) entries.push(entry(name, method, flags, start, end, zip.length));
    if (sizeUnknown) break;
    at = end;
  }
  return entries;
}

function entry(name: string, method: number, flags: number, start: number, end: number, length: number): ZipEntry {
  return { name, method, encrypted: (flags & 1) !== 0, start: Math.min(start, length), end: Math.min(end, length) };
}
