import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BreachwatchError } from '../../../events/errors.js';
import {
  DEFAULT_FLOW_FORMAT,
  FLOW_FIELDS,
  FlowFormatError,
  FlowTextParser,
  MalformedFlowRecordError,
  parseFlowFormat,
  parseFlowInput,
  parseFlowLine,
  parseFlowText,
  toFlowRecord,
} from '../../../events/flowlogs/index.js';

const v2 =
  '2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK';

/** A custom format string as AWS writes it: `${version} ${srcaddr} …`. */
const fields = (...names: string[]) => names.map((n) => `$\{${n}}`).join(' ');

describe('parseFlowFormat', () => {
  it('reads a custom format string and a header line alike', () => {
    const a = parseFlowFormat(fields('version', 'vpc-id', 'reject-reason', 'ecs-task-id'));
    const b = parseFlowFormat('version vpc-id reject-reason ecs-task-id');
    expect(a).toEqual(b);
    expect(a.names).toEqual(['version', 'vpc-id', 'reject-reason', 'ecs-task-id']);
  });

  it('knows every published field of versions 2 to 8', () => {
    const all = parseFlowFormat(FLOW_FIELDS.map((f) => `\${${f.name}}`).join(' '));
    expect(all.fieldIds).toHaveLength(40);
    expect(Math.max(...FLOW_FIELDS.map((f) => f.since))).toBe(8);
  });

  it('refuses an unknown field, naming its position but not echoing odd input', () => {
    expect(() => parseFlowFormat(fields('version', 'bogus'))).toThrow(/field 2 "bogus" is not a published field/);
    expect(() => parseFlowFormat(`${fields('version')} 10.0.0.1`)).toThrow(FlowFormatError);
    expect(() => parseFlowFormat(`${fields('version')} 10.0.0.1`)).not.toThrow(/10\.0\.0\.1/);
    expect(() => parseFlowFormat('version version')).toThrow(/appears twice/);
    expect(() => parseFlowFormat('  ')).toThrow(/at least one field/);
  });
});

describe('parseFlowLine', () => {
  it('parses the default format', () => {
    expect(parseFlowLine(v2)).toMatchObject({
      srcAddr: '172.31.16.139',
      bytes: 4249,
      action: 'ACCEPT',
      logStatus: 'OK',
    });
  });

  it('parses every field in a custom order, absent "-" omitted', () => {
    const format = parseFlowFormat(
      fields('reject-reason', 'bytes', 'ecs-cluster-name', 'flow-direction', 'srcaddr', 'traffic-path'),
    );
    expect(parseFlowLine('BPA 99 - egress 2001:db8::1 -', format)).toEqual({
      rejectReason: 'BPA',
      bytes: 99,
      flowDirection: 'egress',
      srcAddr: '2001:db8::1',
    });
  });

  it.each([
    ['2 1 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1 1 1 ACCEPT', 'FIELD_COUNT'],
    [`${v2} extra`, 'FIELD_COUNT'],
    ['2 1 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1x 1 1 ACCEPT OK', 'NOT_A_NUMBER'],
    ['2 1 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 12345678901234567 1 1 ACCEPT OK', 'NUMBER_TOO_LARGE'],
    ['2 1 eni-1 10.0.0.256 10.0.0.2 1 2 6 1 1 1 1 ACCEPT OK', 'BAD_ADDRESS'],
    ['2 1 eni-1 10.0.0 10.0.0.2 1 2 6 1 1 1 1 ACCEPT OK', 'BAD_ADDRESS'],
    ['2 1 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1 1 1 ALLOW OK', 'BAD_ACTION'],
    ['2 1 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1 1 1 ACCEPT FINE', 'BAD_LOG_STATUS'],
    ['2 1 eni-\u00e9 10.0.0.1 10.0.0.2 1 2 6 1 1 1 1 ACCEPT OK', 'BAD_CHARACTER'],
  ])('rejects %s as %s without echoing it', (line, reason) => {
    try {
      parseFlowLine(line, DEFAULT_FLOW_FORMAT, 17);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(MalformedFlowRecordError);
      expect(error).toBeInstanceOf(BreachwatchError);
      expect((error as MalformedFlowRecordError).reason).toBe(reason);
      expect((error as Error).message).toMatch(/^line 17: /);
      expect((error as Error).message).not.toContain('10.0.0');
    }
  });

  it('tolerates CRLF, tabs and repeated spaces between fields', () => {
    expect(parseFlowLine(`${v2.replace(/ /g, ' \t ')}\r`)).toEqual(parseFlowLine(v2));
  });
});

describe('FlowTextParser', () => {
  it('counts a malformed line by number and reason and goes on', () => {
    const text = Buffer.from(`${v2}\nnot a record\n\n${v2}\n`);
    let n = 0;
    const stats = parseFlowText(text, {}, () => n++);
    expect(n).toBe(2);
    expect(stats.malformedLines).toEqual([{ unit: 'line', position: 2, reason: 'NOT_A_NUMBER', field: 'version' }]);
  });

  it('gives the same records whatever the chunking (property)', () => {
    const lines = [
      v2,
      parseFlowLineText(),
      '2 1 eni-2 - - - - - - - 1 2 - NODATA',
      'garbage',
      v2.replace('ACCEPT', 'REJECT'),
    ];
    const text = Buffer.from(
      `version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n${lines.join('\n')}`,
    );
    const whole: unknown[] = [];
    const expected = parseFlowText(text, {}, (s) => whole.push(toFlowRecord(s)));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: text.length }), { maxLength: 12 }), (cuts) => {
        const got: unknown[] = [];
        const parser = new FlowTextParser({}, (s) => got.push(toFlowRecord(s)));
        let from = 0;
        for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
          parser.push(text.subarray(from, cut));
          from = cut;
        }
        parser.push(text.subarray(from));
        expect(parser.end()).toEqual(expected);
        expect(got).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });
});

function parseFlowLineText(): string {
  return '2 123456789010 eni-0a 2001:db8::1 2001:db8::2 443 50000 6 3 300 1418530010 1418530070 ACCEPT OK';
}

describe('fuzzing', () => {
  const token = fc.oneof(
    fc.constantFrom(
      '-',
      'ACCEPT',
      'REJECT',
      'OK',
      'NODATA',
      'SKIPDATA',
      'eni-0a1b',
      '10.0.0.1',
      '::1',
      'fe80::1:2',
      '255.255.255.255',
    ),
    fc.integer({ min: 0, max: 2 ** 40 }).map(String),
    fc.string({ maxLength: 12 }),
  );

  it('never throws on fuzzed lines: each parses or raises our typed error', () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 20 }), (tokens) => {
        try {
          parseFlowLine(tokens.join(' '));
        } catch (error) {
          expect(error).toBeInstanceOf(MalformedFlowRecordError);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('never throws on arbitrary bytes as text: every line is a record or counted', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        let records = 0;
        const stats = parseFlowText(Buffer.from(bytes), {}, () => records++);
        expect(stats.records).toBe(records);
      }),
      { numRuns: 2000 },
    );
  });

  it('arbitrary bytes as any input either parse or raise a BreachwatchError', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 500 }),
          fc.json().map((j) => new TextEncoder().encode(j)),
          fc.uint8Array({ maxLength: 300 }).map((b) => Uint8Array.from([0x1f, 0x8b, ...b])),
        ),
        async (bytes) => {
          try {
            await parseFlowInput(
              (async function* () {
                yield Buffer.from(bytes);
              })(),
              {},
              () => {},
            );
          } catch (error) {
            expect(error).toBeInstanceOf(BreachwatchError);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });
});
