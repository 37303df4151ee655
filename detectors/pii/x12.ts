/**
 * ANSI X12 interchanges (HIPAA's 837 claims, 834 enrolments, 270/271 eligibility checks, as US providers send them to
 * payers and clearinghouses): a patient's name stands in an NM1 segment's numbered elements, the address, birth date,
 * phone and SSN in the N3, N4, DMG, PER and REF segments after it, with no name beside them. Each person's segments
 * are read as a row of a table whose columns name those fields, and the table is read by column (rendered-tables.ts).
 */
import { type BodyCell, compactDate, pieces, type RenderedTable, renderRows } from './rendered-tables.js';

/** An interchange's first bytes: `ISA` and its element separator (any byte but a letter, digit or space). */
const ISA = /^\s{0,4}ISA([^A-Za-z0-9\s])/;

/** Where the interchange header puts its segment terminator: ISA is 106 bytes long, the terminator its last. */
const ISA_TERMINATOR = 105;

/** @internal True when `head` starts an X12 interchange. */
export function looksLikeX12(head: Uint8Array): boolean {
  return ISA.test(Buffer.from(head.buffer, head.byteOffset, Math.min(head.length, 8)).toString('latin1'));
}

/** The table's columns, as the field recognizers and context words know them. */
const COLUMNS = ['last_name', 'first_name', 'middle_name', 'date_of_birth', 'street', 'postcode', 'phone', 'email'];
const [FAMILY, GIVEN, MIDDLE, BIRTH, STREET, ZIP, PHONE, EMAIL] = [0, 1, 2, 3, 4, 5, 6, 7] as const;
/** Columns after `COLUMNS` for the identifiers a REF or an NM1 names by qualifier, and the qualifiers. */
const ID_COLUMNS = ['ssn', 'mbi'];
const SSN = COLUMNS.length;
const MBI = SSN + 1;
/** REF01 `SY` is an SSN; an NM1's `MI` (member identification) is a Medicare beneficiary's MBI on Medicare claims. */
const REF_SSN = 'SY';
const MEMBER_ID = 'MI';
/** PER's communication qualifiers: telephone, e-mail. */
const PER_PHONE = 'TE';
const PER_EMAIL = 'EM';

/**
 * @internal The people of the X12 interchange `text` (latin1) as a table, one row each: an NM1 naming a person (NM102
 * `1`) starts a row, and the N3, N4, DMG, PER and REF segments after it fill it until the next NM1. An organisation's
 * NM1 (a payer, a billing provider) starts none, so its address is no one's. Every cell is placed at its text in the
 * interchange; undefined when there is no person.
 */
export function x12Table(text: string): RenderedTable | undefined {
  const m = ISA.exec(text);
  if (!m) return undefined;
  const element = m[1] as string;
  const isa = m.index + m[0].length - 4;
  const declared = text[isa + ISA_TERMINATOR];
  const terminator = declared !== undefined && declared !== element && !/[A-Za-z0-9 ]/.test(declared) ? declared : '~';
  const columns = [...COLUMNS, ...ID_COLUMNS];
  const rows: (BodyCell | undefined)[][] = [];
  let row: (BodyCell | undefined)[] | undefined;
  for (const [s, e] of pieces(text, terminator, 0)) {
    const segment = text.slice(s, e);
    // segments are often one to a line: a line break after the terminator is no element's
    const lead = segment.length - segment.trimStart().length;
    const elements = pieces(segment.slice(lead), element, s + lead);
    const at = (n: number): BodyCell | undefined => {
      const range = elements[n];
      return range && range[1] > range[0] ? [range[0], range[1], text.slice(range[0], range[1])] : undefined;
    };
    const id = at(0)?.[2];
    if (id === 'NM1') {
      row = at(2)?.[2] === '1' ? new Array(columns.length).fill(undefined) : undefined;
      if (!row) continue;
      rows.push(row);
      row[FAMILY] = at(3);
      row[GIVEN] = at(4);
      row[MIDDLE] = at(5);
      if (at(8)?.[2] === MEMBER_ID) row[MBI] = at(9);
      continue;
    }
    if (!row) continue;
    if (id === 'N3') row[STREET] ??= at(1);
    else if (id === 'N4') row[ZIP] ??= at(3);
    // DMG*D8*19851210: a birth date as a compact date
    else if (id === 'DMG' && at(1)?.[2] === 'D8') row[BIRTH] ??= compactDate(at(2));
    else if (id === 'REF' && at(1)?.[2] === REF_SSN) row[SSN] ??= at(2);
    else if (id === 'PER')
      for (let q = 3; q < elements.length; q += 2) {
        const qualifier = at(q)?.[2];
        if (qualifier === PER_PHONE) row[PHONE] ??= at(q + 1);
        else if (qualifier === PER_EMAIL) row[EMAIL] ??= at(q + 1);
      }
  }
  return renderRows(columns, rows);
}
