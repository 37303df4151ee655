import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ThriftError, thriftStruct } from '../../../detectors/pii/thrift-compact.js';
import { thrift } from '../../support/parquet-writer.js';

describe('thriftStruct', () => {
  it('reads structs, lists, binaries and integers by field id, long ids and long lists too', () => {
    const names = Array.from({ length: 20 }, (_, i): ['bin', Buffer] => ['bin', Buffer.from(`c${i}`)]);
    const bytes = thrift([
      'struct',
      [
        [1, ['i32', -7]],
        [2, ['i64', 2 ** 40]],
        [4, ['list', 'bin', names]],
        [5, ['struct', [[1, ['i32', 3]]]]],
        [40, ['bin', Buffer.from('far')]],
      ],
    ]);
    const { value, end } = thriftStruct(bytes, 0, bytes.length);
    expect(end).toBe(bytes.length);
    expect([value.get(1), value.get(2)]).toEqual([-7, 2 ** 40]);
    const list = value.get(4) as { start: number; end: number }[];
    expect(list.map((b) => bytes.toString('latin1', b.start, b.end))).toEqual(names.map((n) => n[1].toString()));
    expect((value.get(5) as Map<number, number>).get(1)).toBe(3);
    const far = value.get(40) as { start: number; end: number };
    expect(bytes.toString('latin1', far.start, far.end)).toBe('far');
  });

  it('reads booleans, bytes, doubles and maps', () => {
    // field 1 true, 2 false, 3 byte 9, 4 double 1.5, 5 map {i32 1: i32 2}, stop
    const double = Buffer.alloc(8);
    double.writeDoubleLE(1.5);
    const bytes = Buffer.concat([
      Buffer.from([0x11, 0x12, 0x13, 9, 0x17]),
      double,
      Buffer.from([0x1b, 1, 0x55, 2, 4, 0]),
    ]);
    const { value } = thriftStruct(bytes, 0, bytes.length);
    expect([...value.entries()]).toEqual([
      [1, true],
      [2, false],
      [3, 9],
      [4, 1.5],
      [5, [1, 2]],
    ]);
  });

  it('throws its own error past the end of its bytes or nested past 32 (never overflowing the stack)', () => {
    const bytes = thrift(['struct', [[1, ['bin', Buffer.from('abc')]]]]);
    expect(() => thriftStruct(bytes, 0, bytes.length - 2)).toThrow(ThriftError);
    expect(() => thriftStruct(Buffer.from([0x19, 0xf8, 0x7f, 0]), 0, 4)).toThrow(ThriftError);
    expect(() => thriftStruct(Buffer.alloc(100_000, 0x1c), 0, 100_000)).toThrow(ThriftError);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        try {
          thriftStruct(b, 0, b.length);
        } catch (e) {
          expect(e).toBeInstanceOf(ThriftError);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
