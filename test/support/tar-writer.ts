/** A minimal tar writer for tests (POSIX ustar, with GNU long names, pax records and GNU base-256 sizes). */

/** One member to put in an archive. */
export interface TarFile {
  name: string;
  data?: Buffer;
  /** Type flag: '0' file (default), '5' directory, '2' symlink, 'L' GNU long name, 'x' pax header. */
  type?: string;
  /** The size field as written, when it should differ from the data's length (a pax `size=` overrides it). */
  sizeField?: number;
  /** Writes the size field in GNU's base-256 form. */
  base256?: boolean;
  /** Magic and version: POSIX `ustar\0` + `00` (default) or GNU's `ustar  \0`. */
  gnu?: boolean;
  /** A link's target (the `linkname` field). */
  linkName?: string;
  /** The ustar `prefix` field: a long path's leading directories, joined to `name` with a '/'. */
  prefix?: string;
  /** Added to the computed checksum (a header that does not add up). */
  checksumOffset?: number;
}

/** A header block for `file`. */
export function tarHeader(file: TarFile): Buffer {
  const h = Buffer.alloc(512);
  h.write(file.name.slice(0, 100), 0, 'utf8');
  h.write('0000644\0', 100, 'latin1');
  h.write('0000000\0', 108, 'latin1');
  h.write('0000000\0', 116, 'latin1');
  const size = file.sizeField ?? file.data?.length ?? 0;
  if (file.base256) {
    h[124] = 0x80;
    h.writeUIntBE(size, 136 - 6, 6);
  } else h.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  h.write('15123456700\0', 136, 'latin1');
  h.write(file.type ?? '0', 156, 'latin1');
  if (file.linkName) h.write(file.linkName.slice(0, 100), 157, 'utf8');
  if (file.prefix) h.write(file.prefix.slice(0, 155), 345, 'utf8');
  h.write(file.gnu ? 'ustar  \0' : 'ustar\u000000', 257, 'latin1');
  h.fill(32, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${(sum + (file.checksumOffset ?? 0)).toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return h;
}

/** `data` padded to a whole number of 512-byte blocks. */
function padded(data: Buffer): Buffer {
  return Buffer.concat([data, Buffer.alloc((512 - (data.length % 512)) % 512)]);
}

/** A pax record (`"%d %s=%s\n"`, the length counting itself). */
export function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = body.length + 1;
  while (String(length).length + body.length !== length) length++;
  return `${length}${body}`;
}

/** The archive holding `files`, closed by two zero blocks unless `close` is false. */
export function tarOf(files: readonly TarFile[], close = true): Buffer {
  const blocks = files.flatMap((f) => [tarHeader(f), padded(f.data ?? Buffer.alloc(0))]);
  return Buffer.concat([...blocks, Buffer.alloc(close ? 1024 : 0)]);
}
