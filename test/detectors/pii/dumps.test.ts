import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createScanner } from '../../../detectors/pii/index.js';
import { found, luhn, sameWhenChunked, sqliteCustomers } from '../../support/pii-tables.js';

describe('scanning a PostgreSQL dump', () => {
  const dump = [
    '--',
    '-- PostgreSQL database dump',
    '--',
    'SET statement_timeout = 0;',
    '',
    'COPY public.orders (id, sku, qty) FROM stdin;',
    `1\tSKU-1\t${luhn('4', 16, 7)}`,
    '\\.',
    '',
    'COPY public.customers (id, first_name, last_name, card_number, ssn, notes) FROM stdin;',
    `1\tJane\tDoe\t${luhn('4', 16, 1)}\t536-22-1234\tpaid\\tby card`,
    `2\tRen\\351e\tO'Neill\t${luhn('5', 16, 2)}\t536-22-4321\t\\N`,
    `3\t\\N\t\\N\t${luhn('4', 16, 3)}\t\\N\t`,
    '\\.',
    '',
    `SELECT pg_catalog.setval('public.customers_id_seq', 3, true);`,
    `-- ${luhn('4', 16, 4)}`,
    '',
  ].join('\n');

  it("reads each COPY block's rows by its column list, and nothing after the block's end", () => {
    expect(found(dump)).toEqual([
      'PERSON_NAME Jane',
      'PERSON_NAME Doe',
      `CREDIT_CARD ${luhn('4', 16, 1)}`,
      'US_SSN 536-22-1234',
      'PERSON_NAME Ren\\351e',
      "PERSON_NAME O'Neill",
      `CREDIT_CARD ${luhn('5', 16, 2)}`,
      'US_SSN 536-22-4321',
      `CREDIT_CARD ${luhn('4', 16, 3)}`,
    ]);
  });

  it('finds a COPY line however the input is cut around it, inside its first word too', () => {
    const bytes = Buffer.from(dump, 'latin1');
    const line = bytes.indexOf('COPY public.customers');
    for (let cut = line - 2; cut < line + 90; cut++) sameWhenChunked(bytes, [cut]);
    for (let cut = line - 2; cut < line + 90; cut += 7) sameWhenChunked(bytes, [cut, cut + 3, cut + 200]);
  });

  const copyCell = fc.oneof(
    fc.constantFrom('Ada', 'Grace Hopper', '\\N', '536-22-1234', 'x\\ty', ''),
    fc.nat(40).map((i) => luhn(i % 2 ? '4' : '5', 16, i)),
    fc.uint8Array({ maxLength: 12 }).map((b) => Buffer.from(b).toString('latin1')),
  );
  const block = fc
    .tuple(
      fc.shuffledSubarray(['first_name', 'card_number', 'notes', 'sku', '"Street"'], { minLength: 1 }),
      fc.nat(60),
      fc.array(fc.array(copyCell, { minLength: 5, maxLength: 5 }), { maxLength: 5 }),
    )
    .map(([names, wide, rows]) => {
      // a wide table's COPY line runs past what the scanner keeps of a chunk for field values
      const columns = [...names, ...Array.from({ length: wide }, (_, i) => `extra_column_${i}`)];
      const lines = rows.map((r) => r.slice(0, names.length).join('\t'));
      return [`COPY public.t (${columns.join(', ')}) FROM stdin;`, ...lines, '\\.', ''].join('\n');
    });
  const dumps = fc
    .array(fc.oneof(block, fc.constantFrom('SET x = 1;\n', '\n', `-- ${luhn('4', 16, 9)}\n`, 'COPY\n')), {
      maxLength: 5,
    })
    .map((parts) => Buffer.from(parts.join(''), 'latin1'));

  it('reports the same detections however a dump is chunked, whatever its cells hold', () => {
    fc.assert(fc.property(dumps, fc.array(fc.nat(), { maxLength: 6 }), sameWhenChunked), { numRuns: 300 });
  });
});

describe('scanning a SQL dump', () => {
  const [first, second, third] = [1, 2, 3].map((i) => luhn(i % 2 ? '4' : '5', 16, i));
  const mysql = [
    '-- MySQL dump 10.13',
    'DROP TABLE IF EXISTS `customers`;',
    'CREATE TABLE `customers` (',
    '  `id` int NOT NULL AUTO_INCREMENT,',
    '  `first_name` varchar(64) DEFAULT NULL,',
    '  `card_number` varchar(19) DEFAULT NULL,',
    '  `notes` text,',
    '  PRIMARY KEY (`id`)',
    ') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;',
    'LOCK TABLES `customers` WRITE;',
    `INSERT INTO \`customers\` VALUES (1,'Jane','${first}','paid, by (card)'),(2,'O\\'Neill','${second}',NULL),(3,'Ren''ee','${third}','x');`,
    'UNLOCK TABLES;',
    `INSERT INTO public.orders (id, sku, ref) VALUES (1, 'SKU-1', '${luhn('4', 16, 8)}');`,
    "INSERT INTO public.people (id, last_name, iban) VALUES (1, 'Doe', 'GB82WEST12345698765432');",
    `-- ${luhn('4', 16, 9)}`,
    '',
  ].join('\n');

  it("reads INSERT rows by the statement's column list, or by its table's CREATE TABLE", () => {
    expect(found(mysql)).toEqual([
      'PERSON_NAME Jane',
      `CREDIT_CARD ${first}`,
      "PERSON_NAME O\\'Neill",
      `CREDIT_CARD ${second}`,
      "PERSON_NAME Ren''ee",
      `CREDIT_CARD ${third}`,
      'PERSON_NAME Doe',
      'IBAN GB82WEST12345698765432',
    ]);
  });

  it('finds INSERT and CREATE TABLE statements however the input is cut around them', () => {
    const bytes = Buffer.from(mysql, 'latin1');
    for (const statement of ['CREATE TABLE', 'INSERT INTO `customers`', 'INSERT INTO public.people']) {
      const at = bytes.indexOf(statement);
      for (let cut = at - 2; cut < at + 60; cut++) sameWhenChunked(bytes, [cut]);
    }
  });

  it('reads a SQLite `.dump`: a CREATE TABLE on one line, a quoted name with a space, rows with no column list', () => {
    const sqlite = readFileSync(new URL('../../fixtures/pii/customers.sqlite-dump.sql', import.meta.url), 'latin1');
    expect(found(sqlite)).toEqual(sqliteCustomers("O''Neill"));
    const bytes = Buffer.from(sqlite, 'latin1');
    for (let cut = sqlite.indexOf('CREATE'); cut < sqlite.indexOf('INSERT'); cut += 3) sameWhenChunked(bytes, [cut]);
  });

  it('reads the columns of a CREATE TABLE by its own parentheses, commas inside types and defaults skipped', () => {
    const card = luhn('4', 16, 6);
    const row = `INSERT INTO \`t\` VALUES (1,'Ada','${card}');\n`;
    for (const create of [
      'CREATE TABLE `t` (`id` int, `first_name` varchar(50), `card_number` varchar(20));',
      "CREATE TABLE t (id decimal(10,2) DEFAULT '1,5', first_name enum('a','b'), card_number text, KEY k (id, first_name));",
      'CREATE TABLE IF NOT EXISTS "t"(id, first_name, card_number)',
      // quoted: a paren and a comma in a default, a MySQL backslash escape before them
      "CREATE TABLE t (id int DEFAULT '(none', first_name text COMMENT 'it\\'s, a (', card_number text);",
    ])
      expect(found(`${create}\n${row}`), create).toEqual(['PERSON_NAME Ada', `CREDIT_CARD ${card}`]);
    // no column list: nothing is remembered, and nothing waits for one
    expect(found(`CREATE TABLE t AS SELECT 1;\n${row}`)).toEqual([]);
    const scanner = createScanner({ fingerprintKey: 'breachwatch-test-fingerprint-key' });
    const first = scanner.write(
      Buffer.from(`{}\nCREATE TABLE t AS SELECT 1;\nmail ada@example.com ${'x '.repeat(400)}`),
    );
    expect(first.map((d) => d.type)).toEqual(['EMAIL']);
  });

  it('holds back windows after a statement whose end is not in view: they may be rows of a table', () => {
    // an unfinished CREATE TABLE (no closing line): the INSERT after it is only known once its `;` arrives
    const card = luhn('4', 16, 5);
    const sql = `CREATE TABLE \`t\` (\n  \`x\` text\nINSERT INTO \`u\` (notes, card_number, more) VALUES ('${'x'.repeat(60)}', '${card}', '${'x'.repeat(200)}');\n`;
    expect(found(sql)).toEqual([`CREDIT_CARD ${card}`]);
    const bytes = Buffer.from(sql, 'latin1');
    const afterCreate = sql.indexOf('INSERT');
    for (let cut = afterCreate; cut < sql.length; cut += 5) sameWhenChunked(bytes, [afterCreate - 3, cut]);
  });

  const value = fc.oneof(
    fc.constantFrom("'Ada'", "'Grace Hopper'", 'NULL', '42', "'O\\'Neill'", "'it''s'", "ST_GeomFromText('POINT(1 2)')"),
    fc.nat(40).map((i) => `'${luhn(i % 2 ? '4' : '5', 16, i)}'`),
    fc.string({ maxLength: 10 }).map((s) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "''")}, (${s})'`),
    fc.uint8Array({ maxLength: 12 }).map((b) => Buffer.from(b).toString('latin1')),
  );
  const statement = fc.oneof(
    fc
      .array(fc.array(value, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 4 })
      .map((rows) => `INSERT INTO \`t\` VALUES ${rows.map((r) => `(${r.join(',')})`).join(',')};\n`),
    fc
      .array(value, { minLength: 3, maxLength: 3 })
      .map((r) => `INSERT INTO public.t2 (first_name, notes, card_number) VALUES (${r.join(', ')});\n`),
    fc.constant('CREATE TABLE `t` (\n  `card_number` text,\n  `first_name` text,\n  `notes` text\n);\n'),
    fc.constant('CREATE TABLE "t"(card_number TEXT, first_name TEXT, notes TEXT);\n'),
    fc.array(value, { minLength: 3, maxLength: 3 }).map((r) => `INSERT INTO "t" VALUES(${r.join(',')});\n`),
    fc.constantFrom('SET NAMES utf8mb4;\n', '\n', `-- ${luhn('4', 16, 9)}\n`, 'INSERT INTO\n'),
  );
  const dumps = fc.array(statement, { maxLength: 6 }).map((parts) => Buffer.from(parts.join(''), 'latin1'));

  it('reports the same detections however a SQL dump is chunked, whatever its values hold', () => {
    fc.assert(fc.property(dumps, fc.array(fc.nat(), { maxLength: 6 }), sameWhenChunked), { numRuns: 300 });
  });
});
