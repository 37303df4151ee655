import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanBuffer } from '../../../detectors/pii/index.js';
import { looksLikeResultSet, RESULT_MAX, resultTable } from '../../../detectors/pii/json-tables.js';
import { detectionKey, streamedKeys } from '../../support/streamed.js';

const KEY = 'breachwatch-test-fingerprint-key';
const found = (text: string, maxDepth?: number): string[] => {
  const body = Buffer.from(text);
  return scanBuffer(body, { fingerprintKey: KEY, maxDepth }).detections.map(
    (d) => `${d.type} ${body.toString('utf8', d.start, d.end)}`,
  );
};

// the shapes of the API references: one row of two customers' columns each, a NULL where the API writes one
const athena = {
  UpdateCount: 0,
  ResultSet: {
    Rows: [
      { Data: [{ VarCharValue: 'first_name' }, { VarCharValue: 'card_number' }, { VarCharValue: 'dob' }] },
      { Data: [{ VarCharValue: 'Ada' }, { VarCharValue: '4111111111111111' }, { VarCharValue: '1985-12-10' }] },
      { Data: [{}, { VarCharValue: '5500005555555559' }, { VarCharValue: '1906-12-09' }] },
    ],
    ResultSetMetadata: {
      ColumnInfo: ['first_name', 'card_number', 'dob'].map((Name) => ({ CatalogName: 'hive', Name, Type: 'varchar' })),
    },
  },
};
const dataApi = {
  numberOfRecordsUpdated: 0,
  records: [
    [{ stringValue: 'Ada' }, { stringValue: '4111111111111111' }, { longValue: 1 }],
    [{ isNull: true }, { stringValue: '5500005555555559' }, { longValue: 2 }],
  ],
  columnMetadata: ['first_name', 'card_number', 'id'].map((name) => ({ name, label: name, typeName: 'varchar' })),
};
const sheets = {
  range: 'Customers!A1:B3',
  majorDimension: 'ROWS',
  values: [
    ['first_name', 'card_number'],
    ['Ada', '4111111111111111'],
    ['Grace', '5500005555555559'],
  ],
};
const bigquery = {
  kind: 'bigquery#queryResponse',
  schema: {
    fields: [
      { name: 'last_name', type: 'STRING' },
      { name: 'card_number', type: 'STRING' },
    ],
  },
  rows: [{ f: [{ v: 'Lovelace' }, { v: '4111111111111111' }] }],
  totalRows: '1',
  jobComplete: true,
};

describe('looksLikeResultSet', () => {
  it('knows Athena, Data API, Sheets and BigQuery results by their head, compact or printed by the AWS CLI', () => {
    for (const result of [athena, dataApi, sheets, bigquery])
      for (const text of [JSON.stringify(result), JSON.stringify(result, null, 4)])
        expect(looksLikeResultSet(Buffer.from(text).subarray(0, 512)), text.slice(0, 40)).toBe(true);
    for (const text of [
      '{"records":[{"data":"eyJhIjoxfQ=="}]}',
      '{"values":[1,2]}',
      '["ResultSet"]',
      'ResultSet: {"ResultSet":{}}',
    ])
      expect(looksLikeResultSet(Buffer.from(text)), text).toBe(false);
  });
});

describe('scanning query results', () => {
  it('reads each column by its name, reports a value once at its bytes, and skips NULLs and numbers', () => {
    expect(found(JSON.stringify(athena))).toEqual([
      'PERSON_NAME Ada',
      'CREDIT_CARD 4111111111111111',
      'DATE_OF_BIRTH 1985-12-10',
      'CREDIT_CARD 5500005555555559',
      'DATE_OF_BIRTH 1906-12-09',
    ]);
    expect(found(JSON.stringify(dataApi))).toEqual([
      'PERSON_NAME Ada',
      'CREDIT_CARD 4111111111111111',
      'CREDIT_CARD 5500005555555559',
    ]);
    expect(found(JSON.stringify(sheets, null, 2)).sort()).toEqual([
      'CREDIT_CARD 4111111111111111',
      'CREDIT_CARD 5500005555555559',
      'PERSON_NAME Ada',
      'PERSON_NAME Grace',
    ]);
    expect(found(JSON.stringify(bigquery)).sort()).toEqual(['CREDIT_CARD 4111111111111111', 'PERSON_NAME Lovelace']);
  });

  it("takes Athena's column names from its metadata: a later page repeats no header row, a first one is no row", () => {
    const columns = ['Surname', 'card_number'].map((Name) => ({ Name }));
    const row = (a: string, b: string) => ({ Data: [{ VarCharValue: a }, { VarCharValue: b }] });
    const page = (rows: object[]) =>
      JSON.stringify({ ResultSet: { Rows: rows, ResultSetMetadata: { ColumnInfo: columns } } });
    expect(found(page([row('Lovelace', '4111111111111111')]))).toEqual([
      'PERSON_NAME Lovelace',
      'CREDIT_CARD 4111111111111111',
    ]);
    // the header row's `Surname` is a column's name, not a surname
    expect(found(page([row('Surname', 'card_number'), row('Hopper', '5500005555555559')]))).toEqual([
      'PERSON_NAME Hopper',
      'CREDIT_CARD 5500005555555559',
    ]);
  });

  it('places a value repeated in the rows at each of its cells, and one the text read found too once', () => {
    const twice = {
      majorDimension: 'ROWS',
      values: [
        ['first_name', 'card_number'],
        ['Ada', '4111111111111111'],
        ['Ada', '4111111111111111'],
      ],
    };
    const text = JSON.stringify(twice);
    const body = Buffer.from(text);
    const at = (d: { start: number }) => d.start;
    const ds = scanBuffer(body, { fingerprintKey: KEY }).detections;
    // the first card is near enough its column's name for the text read to find it: it is reported once
    expect(
      ds
        .filter((d) => d.type === 'CREDIT_CARD')
        .map(at)
        .sort((a, b) => a - b),
    ).toEqual([text.indexOf('4111'), text.lastIndexOf('4111')]);
    expect(ds.filter((d) => d.type === 'PERSON_NAME').map(at)).toEqual([text.indexOf('Ada'), text.lastIndexOf('Ada')]);
  });

  it('reads what the plain text read misses only: without depth left, just the values with their own context', () => {
    // a card far from its column's name has no context of its own
    expect(found(JSON.stringify(athena), 0)).toEqual([]);
  });

  it('places a cell written with escapes the parser undid at the whole body', () => {
    const text = JSON.stringify(sheets).replace('"Grace"', '"Gr\\u0061ce"');
    const body = Buffer.from(text);
    const name = scanBuffer(body, { fingerprintKey: KEY }).detections.filter((d) => d.type === 'PERSON_NAME');
    expect(name.map((d) => [d.start, d.end])).toEqual([
      [text.indexOf('Ada'), text.indexOf('Ada') + 3],
      [0, body.length],
    ]);
  });

  it('reads results streamed in pieces as whole ones', async () => {
    for (const result of [athena, dataApi, sheets, bigquery]) {
      const body = Buffer.from(JSON.stringify(result, null, 4));
      const whole = scanBuffer(body, { fingerprintKey: KEY }).detections.map(detectionKey).sort();
      for (const cuts of [[1], [100, 101], [body.length >> 1]])
        expect(await streamedKeys(body, cuts, { fingerprintKey: KEY })).toEqual(whole);
    }
  });

  it('reads a result larger than RESULT_MAX as text only: parsed, it would take several times its size', () => {
    const text = JSON.stringify(sheets);
    const padded = Buffer.from(`${text.slice(0, -1)},"pad":"${'x'.repeat(RESULT_MAX)}"}`);
    expect(resultTable(Buffer.from(text))).toBeDefined();
    expect(resultTable(padded)).toBeUndefined();
  });

  it('never throws on mangled results, and places every cell inside the body', () => {
    const cell = fc.oneof(fc.string(), fc.constant(null), fc.integer(), fc.constantFrom('Ada', '4111111111111111'));
    const shapes = fc.oneof(
      fc.array(fc.array(cell)).map((values) => ({ majorDimension: 'ROWS', values })),
      fc
        .array(fc.array(cell))
        .map((rows) => ({ ResultSet: { Rows: rows.map((r) => ({ Data: r.map((v) => ({ VarCharValue: v })) })) } })),
      fc.array(fc.array(cell)).map((records) => ({
        records: records.map((r) => r.map((stringValue) => ({ stringValue }))),
        columnMetadata: [{ name: 'first_name' }, { label: 'card_number' }, null],
      })),
    );
    fc.assert(
      fc.property(shapes, fc.boolean(), (result, cut) => {
        const text = JSON.stringify(result);
        const body = Buffer.from(cut ? text.slice(0, -1) : text);
        for (const c of resultTable(body)?.cells ?? []) expect(c.start >= 0 && c.end <= body.length).toBe(true);
        scanBuffer(body, { fingerprintKey: KEY });
      }),
    );
  });
});
