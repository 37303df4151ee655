/**
 * A minimal PDF writer for tests (ISO 32000-1 §7.5): numbered objects, streams deflated or not, objects packed in
 * an object stream, a cross-reference table and trailer. Enough to draw text the ways producers do.
 */
import { deflateSync } from 'node:zlib';

/** One object: a dictionary (or other value) as text, and the stream after it if any. */
export interface PdfPart {
  id: number;
  dict: string;
  stream?: Buffer | string;
  /** Deflate the stream (`/Filter /FlateDecode`), the default; `false` writes it as it is. */
  deflate?: boolean;
  /** Pack this (stream-less) object into the file's object stream. */
  packed?: boolean;
}

/** The file holding `parts`, its catalog the object `root` and its trailer extended with `trailer`. */
export function pdfOf(parts: readonly PdfPart[], root: number, trailer = ''): Buffer {
  const chunks: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let size = chunks[0]?.length ?? 0;
  const offsets = new Map<number, number>();
  const add = (b: Buffer): void => {
    chunks.push(b);
    size += b.length;
  };
  const packed = parts.filter((p) => p.packed);
  const loose = parts.filter((p) => !p.packed);
  if (packed.length > 0) {
    const bodies = packed.map((p) => `${p.dict}\n`);
    let at = 0;
    const header = packed
      .map((p, k) => {
        const pair = `${p.id} ${at}`;
        at += (bodies[k] as string).length;
        return pair;
      })
      .join(' ');
    const id = Math.max(...parts.map((p) => p.id)) + 1;
    loose.push({
      id,
      dict: `<< /Type /ObjStm /N ${packed.length} /First ${header.length + 1} >>`,
      stream: `${header}\n${bodies.join('')}`,
    });
  }
  for (const p of loose) {
    offsets.set(p.id, size);
    if (p.stream === undefined) {
      add(Buffer.from(`${p.id} 0 obj\n${p.dict}\nendobj\n`, 'latin1'));
      continue;
    }
    const raw = typeof p.stream === 'string' ? Buffer.from(p.stream, 'latin1') : p.stream;
    const data = p.deflate === false ? raw : deflateSync(raw);
    const filter = p.deflate === false ? '' : ' /Filter /FlateDecode';
    const dict = p.dict.replace(/>>\s*$/, `${filter} /Length ${data.length} >>`);
    add(Buffer.from(`${p.id} 0 obj\n${dict}\nstream\n`, 'latin1'));
    add(data);
    add(Buffer.from('\nendstream\nendobj\n', 'latin1'));
  }
  const ids = [...offsets.keys()].sort((a, b) => a - b);
  const xref = size;
  const rows = ids.map((id) => `${id} 1\n${String(offsets.get(id)).padStart(10, '0')} 00000 n \n`).join('');
  add(
    Buffer.from(
      `xref\n0 1\n0000000000 65535 f \n${rows}trailer\n<< /Size ${(ids.at(-1) ?? 0) + 1} /Root ${root} 0 R${trailer} >>\nstartxref\n${xref}\n%%EOF\n`,
      'latin1',
    ),
  );
  return Buffer.concat(chunks);
}

/** A ToUnicode CMap with two-byte codes: `chars` maps code → text, `ranges` [first, last, text of first]. */
export function toUnicode(chars: [number, string][], ranges: [number, number, string][] = []): string {
  const hex = (n: number): string => n.toString(16).padStart(4, '0').toUpperCase();
  const utf16 = (s: string): string => Buffer.from(s, 'utf16le').swap16().toString('hex').toUpperCase();
  return [
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
    '1 begincodespacerange <0000> <FFFF> endcodespacerange',
    `${chars.length} beginbfchar`,
    ...chars.map(([code, text]) => `<${hex(code)}> <${utf16(text)}>`),
    'endbfchar',
    `${ranges.length} beginbfrange`,
    ...ranges.map(([lo, hi, text]) => `<${hex(lo)}> <${hex(hi)}> <${utf16(text)}>`),
    'endbfrange endcmap CMapName currentdict /CMap defineresource pop end end',
  ].join('\n');
}

/** A one-page document drawing `content` with the fonts `fonts` (resource name → object id), plus `extra` objects. */
export function pageOf(
  content: string,
  fonts: Record<string, number>,
  extra: PdfPart[] = [],
  options: { packed?: boolean; deflate?: boolean } = {},
): Buffer {
  const names = Object.entries(fonts)
    .map(([name, id]) => `/${name} ${id} 0 R`)
    .join(' ');
  return pdfOf(
    [
      { id: 1, dict: '<< /Type /Catalog /Pages 2 0 R >>', packed: options.packed },
      {
        id: 2,
        dict: `<< /Type /Pages /Kids [3 0 R] /Count 1 /Resources << /Font << ${names} >> >> >>`,
        packed: options.packed,
      },
      {
        id: 3,
        dict: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>',
        packed: options.packed,
      },
      { id: 4, dict: '<< >>', stream: content, deflate: options.deflate },
      ...extra,
    ],
    1,
  );
}

/** A standard (simple) font without widths: its codes are Latin-1. */
export const HELVETICA = (id: number, packed = false): PdfPart => ({
  id,
  dict: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  packed,
});

/** ASCII base-85 as PostScript writes it (the inverse of the PDF filter), `~>` at the end. */
export function ascii85(data: Buffer): string {
  let out = '';
  for (let k = 0; k < data.length; k += 4) {
    const chunk = Buffer.alloc(4);
    data.copy(chunk, 0, k, Math.min(k + 4, data.length));
    let group = chunk.readUInt32BE(0);
    const n = Math.min(4, data.length - k);
    if (group === 0 && n === 4) {
      out += 'z';
      continue;
    }
    const chars: string[] = [];
    for (let i = 0; i < 5; i++) {
      chars.unshift(String.fromCharCode(33 + (group % 85)));
      group = Math.floor(group / 85);
    }
    out += chars.slice(0, n + 1).join('');
  }
  return `${out}~>`;
}
