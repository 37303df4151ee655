/**
 * HL7 v2 messages (ADT, ORM, ORU… as hospital systems send them to labs, billing and registries, over MLLP or in
 * batch files): a patient's name, birth date, address and phone stand in numbered fields of the PID segment, a next
 * of kin's in NK1, a guarantor's in GT1, with no name beside them. Each such segment is read as a row of a table whose
 * columns name those fields, and the table is read by column (rendered-tables.ts).
 */
import { type BodyCell, compactDate, pieces, type RenderedTable, renderRows } from './rendered-tables.js';

/** A message's first bytes: an MLLP start block (0x0B) at most, then `MSH` and its field separator. */
const MSH = /^\x0b?(?:FHS|BHS|MSH)([|^~\\&#])/;

/** @internal True when `head` starts an HL7 v2 message or batch. */
export function looksLikeHl7(head: Uint8Array): boolean {
  return MSH.test(Buffer.from(head.buffer, head.byteOffset, Math.min(head.length, 8)).toString('latin1'));
}

/** The table's columns, as the field recognizers and context words know them. */
const COLUMNS = ['last_name', 'first_name', 'middle_name', 'date_of_birth', 'street', 'postcode', 'phone', 'ssn'];
const [FAMILY, GIVEN, MIDDLE, BIRTH, STREET, ZIP, PHONE, SSN] = [0, 1, 2, 3, 4, 5, 6, 7] as const;

/**
 * Where each segment keeps what a column reads (HL7 v2.5 field numbers): its person's name (XPN: family, given,
 * middle), birth date (TS), address (XAD: street first, postcode fifth), phone (XTN) and SSN.
 */
const SEGMENTS: Readonly<
  Record<string, { name: number; birth?: number; address: number; phone: number; ssn?: number }>
> = {
  PID: { name: 5, birth: 7, address: 11, phone: 13, ssn: 19 },
  NK1: { name: 2, address: 4, phone: 5 },
  GT1: { name: 3, birth: 8, address: 5, phone: 6, ssn: 12 },
};

/**
 * @internal The PID, NK1 and GT1 segments of the HL7 v2 message `text` (latin1) as a table, one row each, every cell
 * placed at its text in the message; undefined when there is none.
 */
export function hl7Table(text: string): RenderedTable | undefined {
  const m = MSH.exec(text);
  if (!m) return undefined;
  const fieldSep = m[1] as string;
  const encoding = text.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 4);
  const [component = '^', repetition = '~', , subcomponent = '&'] = encoding;
  const rows: (BodyCell | undefined)[][] = [];
  for (const seg of /[^\r\n]+/g[Symbol.matchAll](text)) {
    const spec = SEGMENTS[seg[0].slice(0, 3)];
    if (!spec || seg[0][3] !== fieldSep) continue;
    const fields = pieces(seg[0], fieldSep, seg.index ?? 0);
    const row: (BodyCell | undefined)[] = new Array(COLUMNS.length).fill(undefined);
    const first = (n: number | undefined): [number, number] | undefined => {
      const f = n === undefined ? undefined : fields[n];
      return f && pieces(text.slice(f[0], f[1]), repetition, f[0])[0];
    };
    const part = (n: number | undefined, k: number): BodyCell | undefined => {
      const f = first(n);
      const c = f && pieces(text.slice(f[0], f[1]), component, f[0])[k];
      const s = c && pieces(text.slice(c[0], c[1]), subcomponent, c[0])[0];
      return s && s[1] > s[0] ? [s[0], s[1], text.slice(s[0], s[1])] : undefined;
    };
    row[FAMILY] = part(spec.name, 0);
    row[GIVEN] = part(spec.name, 1);
    row[MIDDLE] = part(spec.name, 2);
    // a TS is YYYYMMDD[HHMM…]
    row[BIRTH] = compactDate(part(spec.birth, 0));
    row[STREET] = part(spec.address, 0);
    row[ZIP] = part(spec.address, 4);
    row[PHONE] = part(spec.phone, 0);
    row[SSN] = part(spec.ssn, 0);
    rows.push(row);
  }
  return renderRows(COLUMNS, rows);
}
