/**
 * Deterministic generator of realistic outbound traffic for the PII benchmark: JSON API bodies, form
 * posts, access/app logs, base64 and gzip+base64 parts, full of PII-free look-alikes (order ids, ISO
 * timestamps, epoch millis, version strings, UUIDs, hex trace ids, prices) with sparse planted FAKE
 * values (test card numbers, generated IBANs, example.com e-mails…) whose byte spans are recorded.
 */
import { gzipSync } from 'node:zlib';
import { prng } from './support.js';

/** A planted value: its type and byte span (for encoded parts, the span of the encoded block). */
export interface Planted {
  type: string;
  start: number;
  end: number;
}

/** The seeded PRNG shared by the benches' generators. */
export const rng = prng;

type Rand = () => number;
const int = (r: Rand, n: number): number => Math.floor(r() * n);
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[int(r, xs.length)] as T;
const hex = (r: Rand, n: number): string => Array.from({ length: n }, () => '0123456789abcdef'[int(r, 16)]).join('');
const digits = (r: Rand, n: number): string => Array.from({ length: n }, () => String(int(r, 10))).join('');
const uuid = (r: Rand): string => `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-a${hex(r, 3)}-${hex(r, 12)}`;
const iso = (r: Rand): string =>
  `2024-0${1 + int(r, 9)}-1${int(r, 10)}T${10 + int(r, 14)}:${10 + int(r, 50)}:${10 + int(r, 50)}.${digits(r, 3)}Z`;

function luhnComplete(prefix: string, length: number, r: Rand): string {
  let body = prefix + digits(r, length - prefix.length - 1);
  for (let c = 0; c < 10; c++) {
    const candidate = body + c;
    let sum = 0;
    for (let i = 0; i < candidate.length; i++) {
      let d = Number(candidate[candidate.length - 1 - i]);
      if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    if (sum % 10 === 0) return candidate;
  }
  body = '';
  return body;
}

function gbIban(r: Rand): string {
  const bban = `WEST${digits(r, 14)}`;
  const numeric = `${bban}GB00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  const check = 98 - Number(BigInt(numeric) % 97n);
  return `GB${String(check).padStart(2, '0')}${bban}`;
}

const FIRST = ['Jane', 'John', 'Ada', 'Grace', 'Alan', 'Marie', 'Linus', 'Sofia', 'Lukas', 'Emma'];
const LAST = ['Doe', 'Lovelace', 'Hopper', 'Turing', 'Curie', 'Schmidt', 'Rossi', 'Garcia', 'Novak', 'Smith'];
const STATUS = ['shipped', 'pending', 'delivered', 'cancelled', 'processing'];
const PATHS = [
  '/api/v2/orders',
  '/api/v1/catalog/items',
  '/healthz',
  '/api/v2/cart',
  '/static/app.js',
  '/api/v3/search',
];
const UA = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0.6099.109',
  'okhttp/4.12.0',
  'aws-sdk-js/3.1162.0',
];

/** One PII-free record. */
function freeRecord(r: Rand): string {
  switch (int(r, 5)) {
    case 0:
      return `{"order_id":"ORD-2024-${digits(r, 6)}","created_at":"${iso(r)}","request_id":"${uuid(r)}","sku":"SKU-${digits(r, 5)}","qty":${1 + int(r, 9)},"price":${int(r, 900)}.${digits(r, 2)},"status":"${pick(r, STATUS)}","version":"${int(r, 9)}.${int(r, 30)}.${int(r, 20)}","trace":"${hex(r, 32)}","ts":${1700000000000 + int(r, 1e9)},"tracking":"${digits(r, 16)}"}\n`;
    case 1:
      return `action=update&item_id=${digits(r, 7)}&qty=${int(r, 9)}&session=${hex(r, 24)}&ts=${1700000000 + int(r, 1e7)}&ref=ORD-${digits(r, 8)}&lang=en-GB\n`;
    case 2:
      return `${iso(r)} INFO [worker-${int(r, 16)}] GET ${pick(r, PATHS)}/${digits(r, 7)} 200 ${int(r, 900)}ms build=${int(r, 5)}.${int(r, 40)}.${int(r, 99)} req=${uuid(r)} ua="${pick(r, UA)}"\n`;
    case 3:
      return `{"event":"checkout.completed","id":"evt_${hex(r, 24)}","amount":${int(r, 99999)},"currency":"EUR","items":[{"sku":"SKU-${digits(r, 5)}","name":"Widget ${hex(r, 4)}"}],"at":"${iso(r)}"}\n`;
    default:
      return `${iso(r)} DEBUG cache hit key=catalog:${digits(r, 9)} ttl=${int(r, 3600)}s etag="W/${hex(r, 16)}" ratio=${int(r, 100)}/${int(r, 100)} v${int(r, 9)}.${int(r, 9)}.${int(r, 9)}\n`;
  }
}

/** One record with planted fake values; returns its text and each value's span inside it. */
function plantedRecord(r: Rand, n: number): { text: string; spans: { type: string; start: number; end: number }[] } {
  const f = pick(r, FIRST);
  const l = pick(r, LAST);
  const values: [string, string, string][] = [
    ['first_name', f, 'PERSON_NAME'],
    ['email', `${f.toLowerCase()}.${l.toLowerCase()}${n}@example.com`, 'EMAIL'],
    ['phone', `+44 20 7946 ${String(int(r, 10000)).padStart(4, '0')}`, 'PHONE'],
    ['card_number', luhnComplete('4', 16, r), 'CREDIT_CARD'],
    ['iban', gbIban(r), 'IBAN'],
    ['ssn', `078-05-${String(1121 + int(r, 8000))}`, 'US_SSN'],
    ['client_ip', `81.2.${int(r, 200)}.${1 + int(r, 250)}`, 'IP_ADDRESS'],
  ];
  const chosen = values.filter(() => r() < 0.6);
  if (chosen.length === 0) chosen.push(values[1] as [string, string, string]);
  let text = `{"order_id":"ORD-2024-${digits(r, 6)}","created_at":"${iso(r)}","customer":{`;
  const spans: { type: string; start: number; end: number }[] = [];
  chosen.forEach(([k, v, type], i) => {
    text += `${i ? ',' : ''}"${k}":"`;
    spans.push({ type, start: text.length, end: text.length + v.length });
    text += `${v}"`;
  });
  return { text: `${text}}}\n`, spans };
}

/** Generated corpus: bytes, planted spans, and the byte count of PII-free records. */
export interface Corpus {
  bytes: Buffer;
  planted: Planted[];
  freeBytes: number;
}

/**
 * Builds about `sizeBytes` of traffic with seed `seed`: ~1 in 150 records carries planted values; 5 % of
 * records are wrapped as base64 parts and 2 % as gzip+base64 parts (planted spans then cover the block).
 */
export function generateCorpus(sizeBytes: number, seed = 42): Corpus {
  const r = rng(seed);
  const parts: Buffer[] = [];
  const planted: Planted[] = [];
  let size = 0;
  let freeBytes = 0;
  let n = 0;
  while (size < sizeBytes) {
    n++;
    const plant = r() < 1 / 150;
    const rec = plant ? plantedRecord(r, n) : { text: freeRecord(r), spans: [] };
    const wrap = r();
    let out: string;
    if (wrap < 0.02) out = `part=gz:${gzipSync(rec.text).toString('base64')}\n`;
    else if (wrap < 0.07) out = `{"payload":"${Buffer.from(rec.text).toString('base64')}"}\n`;
    else out = rec.text;
    if (out !== rec.text) {
      const s = out.indexOf(':') + (out.startsWith('{') ? 2 : 1);
      const e = out.lastIndexOf(out.startsWith('{') ? '"' : '\n');
      for (const sp of rec.spans) planted.push({ type: sp.type, start: size + s, end: size + e });
    } else for (const sp of rec.spans) planted.push({ type: sp.type, start: size + sp.start, end: size + sp.end });
    const buf = Buffer.from(out, 'latin1');
    parts.push(buf);
    size += buf.length;
    if (!plant) freeBytes += buf.length;
  }
  return { bytes: Buffer.concat(parts), planted, freeBytes };
}

/** How `generateTable` writes its rows: a CSV export, a pg_dump COPY block, or mysqldump's CREATE TABLE and INSERTs. */
export type TableFormat = 'csv' | 'copy' | 'sql';

/**
 * A customer table of `rows` rows as a CSV export or a pg_dump COPY block: every cell of the personal-data
 * columns is a planted value far below its header; `order_ref` holds Luhn-valid 16-digit look-alikes and
 * `created_at` timestamps, which no column header vouches for.
 */
export function generateTable(rows: number, format: TableFormat, seed = 7): Corpus {
  const r = rng(seed);
  const columns: [string, string | undefined, (i: number) => string][] = [
    ['id', undefined, (i) => String(i + 1)],
    ['first_name', 'PERSON_NAME', () => pick(r, FIRST)],
    ['last_name', 'PERSON_NAME', () => pick(r, LAST)],
    ['email', 'EMAIL', (i) => `${pick(r, FIRST).toLowerCase()}${i}@example.com`],
    ['phone', 'PHONE', () => `+44 20 7946 ${String(int(r, 10000)).padStart(4, '0')}`],
    ['card_number', 'CREDIT_CARD', () => luhnComplete('4', 16, r)],
    ['iban', 'IBAN', () => gbIban(r)],
    ['ssn', 'US_SSN', () => `078-05-${String(1121 + int(r, 8000))}`],
    ['street_address', 'STREET_ADDRESS', () => `${1 + int(r, 200)} High Street`],
    ['dob', 'DATE_OF_BIRTH', () => `19${50 + int(r, 50)}-0${1 + int(r, 9)}-1${int(r, 10)}`],
    ['order_ref', undefined, () => luhnComplete('4', 16, r)],
    ['created_at', undefined, () => iso(r)],
  ];
  const names = columns.map(([name]) => name);
  const heads: Record<TableFormat, string> = {
    csv: `${names.join(',')}\n`,
    copy: `COPY public.customers (${names.join(', ')}) FROM stdin;\n`,
    sql: `CREATE TABLE \`customers\` (\n${names.map((n) => `  \`${n}\` varchar(64) DEFAULT NULL,`).join('\n')}\n  PRIMARY KEY (\`id\`)\n) ENGINE=InnoDB;\n`,
  };
  // mysqldump's extended INSERTs: 1,000 rows per statement, each row in parentheses, strings quoted
  const [rowOpen, cellQuote, cellGap, rowEnd] =
    format === 'sql' ? ['(', "'", ',', '),'] : ['', '', format === 'csv' ? ',' : '\t', '\n'];
  let text = heads[format];
  const planted: Planted[] = [];
  for (let i = 0; i < rows; i++) {
    if (format === 'sql' && i % 1000 === 0) text += 'INSERT INTO `customers` VALUES ';
    text += rowOpen;
    columns.forEach(([, type, value], c) => {
      const v = value(i);
      text += cellQuote;
      if (type) planted.push({ type, start: text.length, end: text.length + v.length });
      text += v + cellQuote + (c === columns.length - 1 ? '' : cellGap);
    });
    text += format === 'sql' && (i % 1000 === 999 || i === rows - 1) ? ');\n' : rowEnd;
  }
  if (format === 'copy') text += '\\.\n';
  return { bytes: Buffer.from(text, 'latin1'), planted, freeBytes: 0 };
}
