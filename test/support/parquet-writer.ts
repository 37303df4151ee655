import { gzipSync } from 'node:zlib';

/**
 * A minimal Parquet writer for tests of what hyparquet-writer does not write: version 1 data pages (as parquet-mr, so
 * Spark, Athena and Glue, write them), each column one PLAIN page, gzip or no codec.
 */

/** A Thrift compact-protocol value: [type, value]; a struct is a list of [field id, value]. */
type Field = [id: number, value: Thrift];
type Thrift = ['i32' | 'i64', number] | ['bin', Buffer] | ['list', 'struct' | 'bin', Thrift[]] | ['struct', Field[]];

const TYPE = { i32: 5, i64: 6, bin: 8, list: 9, struct: 12 } as const;

function varint(n: number): number[] {
  const out: number[] = [];
  for (; n >= 0x80; n = Math.floor(n / 128)) out.push((n % 128) | 0x80);
  out.push(n);
  return out;
}

const zigzag = (n: number): number => (n < 0 ? -2 * n - 1 : 2 * n);

/** `value` in the compact protocol. */
export function thrift(value: Thrift): Buffer {
  switch (value[0]) {
    case 'i32':
    case 'i64':
      return Buffer.from(varint(zigzag(value[1])));
    case 'bin':
      return Buffer.concat([Buffer.from(varint(value[1].length)), value[1]]);
    case 'list': {
      const [, of, items] = value;
      const head = items.length < 15 ? [(items.length << 4) | TYPE[of]] : [0xf0 | TYPE[of], ...varint(items.length)];
      return Buffer.concat([Buffer.from(head), ...items.map(thrift)]);
    }
    case 'struct': {
      const parts: Buffer[] = [];
      let last = 0;
      for (const [id, v] of value[1]) {
        // a field id more than 15 past the last is written whole after the type
        const delta = id - last;
        const head = delta > 0 && delta <= 15 ? [(delta << 4) | TYPE[v[0]]] : [TYPE[v[0]], ...varint(zigzag(id))];
        parts.push(Buffer.from(head), thrift(v));
        last = id;
      }
      return Buffer.concat([...parts, Buffer.from([0])]);
    }
  }
}

const bin = (s: string): Thrift => ['bin', Buffer.from(s)];

/** A column to write: its name, values, and whether it is nullable (its page then holds definition levels). */
export interface V1Column {
  name: string;
  values: readonly (string | number)[];
  type: 'BYTE_ARRAY' | 'INT32';
  /** Parquet's converted type (6 DATE). */
  converted?: number;
  optional?: boolean;
}

/** A Parquet file of one row group, each column one version 1 PLAIN data page. */
export function parquetV1(columns: readonly V1Column[], codec: 'none' | 'gzip' = 'none'): Buffer {
  const parts: Buffer[] = [Buffer.from('PAR1')];
  let at = 4;
  const chunks: Thrift[] = [];
  for (const c of columns) {
    const values = c.values.map((v) => {
      if (typeof v === 'number') {
        const b = Buffer.alloc(4);
        b.writeInt32LE(v);
        return b;
      }
      const s = Buffer.from(v);
      const size = Buffer.alloc(4);
      size.writeUInt32LE(s.length);
      return Buffer.concat([size, s]);
    });
    // every value defined: one RLE run of 1s (bit width 1), its byte length first
    const run = Buffer.from([...varint(c.values.length << 1), 1]);
    const levels = c.optional ? [Buffer.from([run.length, 0, 0, 0]), run] : [];
    const raw = Buffer.concat([...levels, ...values]);
    const data = codec === 'gzip' ? gzipSync(raw) : raw;
    const header = thrift([
      'struct',
      [
        [1, ['i32', 0]],
        [2, ['i32', raw.length]],
        [3, ['i32', data.length]],
        [
          5,
          [
            'struct',
            [
              [1, ['i32', c.values.length]],
              [2, ['i32', 0]],
              [3, ['i32', 3]],
              [4, ['i32', 3]],
            ],
          ],
        ],
      ],
    ]);
    const meta: Field[] = [
      [1, ['i32', c.type === 'INT32' ? 1 : 6]],
      [2, ['list', 'bin', []]],
      [3, ['list', 'bin', [bin(c.name)]]],
      [4, ['i32', codec === 'gzip' ? 2 : 0]],
      [5, ['i64', c.values.length]],
      [6, ['i64', header.length + raw.length]],
      [7, ['i64', header.length + data.length]],
      [9, ['i64', at]],
    ];
    chunks.push([
      'struct',
      [
        [2, ['i64', at]],
        [3, ['struct', meta]],
      ],
    ]);
    parts.push(header, data);
    at += header.length + data.length;
  }
  const schema: Thrift[] = [
    [
      'struct',
      [
        [4, bin('schema')],
        [5, ['i32', columns.length]],
      ],
    ],
    ...columns.map((c): Thrift => {
      const fields: Field[] = [
        [1, ['i32', c.type === 'INT32' ? 1 : 6]],
        [3, ['i32', c.optional ? 1 : 0]],
        [4, bin(c.name)],
      ];
      if (c.converted !== undefined) fields.push([6, ['i32', c.converted]]);
      return ['struct', fields];
    }),
  ];
  const rows = columns[0]?.values.length ?? 0;
  const footer = thrift([
    'struct',
    [
      [1, ['i32', 1]],
      [2, ['list', 'struct', schema]],
      [3, ['i64', rows]],
      [
        4,
        [
          'list',
          'struct',
          [
            [
              'struct',
              [
                [1, ['list', 'struct', chunks]],
                [2, ['i64', at - 4]],
                [3, ['i64', rows]],
              ],
            ],
          ],
        ],
      ],
    ],
  ]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(footer.length);
  return Buffer.concat([...parts, footer, size, Buffer.from('PAR1')]);
}
