import fc from 'fast-check';
import snappyjs from 'snappyjs';
import { describe, expect, it } from 'vitest';
import { scanBuffer } from '../../../detectors/pii/index.js';
import { looksLikeProtobuf, protobufText } from '../../../detectors/pii/protobuf.js';
import {
  bytes,
  fixed32,
  fixed64,
  grpcFrame,
  gzipFrame,
  int,
  nested,
  tag,
  varint,
} from '../../support/protobuf-writer.js';
import { expectSafeRendering, mangled, spanOf } from '../../support/rendered-json.js';
import { detectionKey, streamedKeys } from '../../support/streamed.js';

const KEY = 'breachwatch-test-fingerprint-key';
const PROTOBUF = 'application/x-protobuf';
const GRPC_WEB = 'application/grpc-web+proto';

/** OTLP's `AnyValue` holding a string (`string_value = 1`), as field `field`. */
const anyString = (field: number, value: string): Buffer => nested(field, bytes(1, value));
/** OTLP's `KeyValue` (`key = 1`, `value = 2` an `AnyValue`), as field `field`. */
const attribute = (field: number, key: string, value: string): Buffer =>
  nested(field, bytes(1, key), anyString(2, value));

/**
 * An OTLP/HTTP `ExportLogsServiceRequest` as an SDK posts it to an observability vendor: resource_logs (1) → resource
 * (1) and scope_logs (2) → scope (1) and log_records (2), a record with time_unix_nano (1, fixed64), severity (2, 3),
 * body (5), attributes (6), trace_id (9) and span_id (10).
 */
const logRecord = nested(
  2,
  fixed64(1, 1_700_000_000_000_000_000n),
  int(2, 9),
  bytes(3, 'INFO'),
  anyString(5, 'user ada@example.org logged in'),
  attribute(6, 'user.full_name', 'Ada Lovelace'),
  attribute(6, 'user.phone', '+44 20 7946 0958'),
  bytes(9, Buffer.from('5b8efff798038103d269b633813fc60c', 'hex')),
  bytes(10, Buffer.from('eee19b7ec3c1b174', 'hex')),
);
const otlpLogs = nested(
  1,
  nested(1, attribute(1, 'service.name', 'checkout')),
  nested(2, nested(1, bytes(1, 'io.opentelemetry.example')), logRecord),
);

/** A gRPC-Web exchange: a payment message, a gzip-compressed profile update, then the trailers. */
const grpcBody = Buffer.concat([
  grpcFrame(nested(3, bytes(1, 'card_number'), bytes(2, '4111 1111 1111 1111'))),
  gzipFrame(nested(1, bytes(1, 'email'), bytes(2, 'grace@example.org'))),
  grpcFrame(Buffer.from('grpc-status: 0\r\n'), 0x80),
]);

/** What `scanBuffer` finds in `body`: type and the body's bytes at its offsets, sorted. */
function found(body: Buffer, contentType?: string): string[] {
  return scanBuffer(body, { fingerprintKey: KEY, contentType })
    .detections.map((d) => `${d.type} ${body.toString('latin1', d.start, d.end)}`)
    .sort();
}

/** The rendered text of a protobuf body. */
function rendered(body: Buffer, contentType = PROTOBUF): string | undefined {
  return protobufText(body, contentType, 1 << 20)?.text.toString('latin1');
}

describe('looksLikeProtobuf', () => {
  it('takes protobuf and gRPC content types at their word, parameters and any case allowed', () => {
    for (const type of [
      'application/x-protobuf',
      'application/protobuf',
      'application/x-google-protobuf',
      'application/vnd.google.protobuf',
      'Application/X-Protobuf; messageType="opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest"',
      'application/grpc',
      'application/grpc+proto',
      'application/grpc-web',
      'application/grpc-web+proto; charset=binary',
    ])
      expect(looksLikeProtobuf(Buffer.from('{}'), type), type).toBe(true);
  });

  it('never sniffs a body, and leaves JSON and base64 gRPC-Web to the text scan', () => {
    for (const type of ['application/grpc+json', 'application/grpc-web-text', 'application/json', 'text/plain'])
      expect(looksLikeProtobuf(otlpLogs, type), type).toBe(false);
    expect(looksLikeProtobuf(otlpLogs, undefined)).toBe(false);
  });
});

describe('protobufText', () => {
  it('writes a message as an object keyed by field number, an attribute by its own key, its AnyValue unwrapped', () => {
    expect(rendered(otlpLogs)).toBe(
      '{"1":{"1":{"1":{"service.name":"checkout"}},"2":{"1":{"1":"io.opentelemetry.example"},"2":{"1":null,"2":9,' +
        '"3":"INFO","5":{"1":"user ada@example.org logged in"},"6":{"user.full_name":"Ada Lovelace"},' +
        '"6":{"user.phone":"+44 20 7946 0958"},"9":"[\x8e\xff\xf7\x98\\u0003\x81\\u0003\xd2i\xb63\x81?\xc6\\u000c",' +
        '"10":"\xee\xe1\x9b~\xc3\xc1\xb1t"}}}}\n',
    );
  });

  it('places each string at its bytes, a key at its own, a number at its varint and a fixed value at its bytes', () => {
    const text = protobufText(otlpLogs, PROTOBUF, 1 << 20);
    if (!text) throw new Error('not rendered');
    for (const value of ['ada@example.org', 'Ada Lovelace', '+44 20 7946 0958', 'user.full_name', 'INFO']) {
      const [start, end] = spanOf(text, value);
      expect(otlpLogs.toString('latin1', start, end)).toBe(value);
    }
    const [start, end] = spanOf(text, 'null');
    expect(otlpLogs.readBigUInt64LE(start)).toBe(1_700_000_000_000_000_000n);
    expect(end - start).toBe(8);
    // synthesized field numbers stand for no byte
    const at = text.text.indexOf('"6":');
    expect(text.ends[at + 1]).toBe(text.starts[at + 1]);
  });

  it('writes varints as unsigned 64-bit numbers (a negative int64 as ten bytes), fixed32 as null', () => {
    const body = Buffer.concat([int(1, 2n ** 63n), int(2, -1), int(3, 300), fixed32(4, 0x3fc00000), int(5, 0)]);
    expect(rendered(body)).toBe('{"1":9223372036854775808,"2":18446744073709551615,"3":300,"4":null,"5":0}\n');
    const text = protobufText(body, PROTOBUF, 1 << 20);
    if (!text) throw new Error('not rendered');
    const [start, end] = spanOf(text, '18446744073709551615');
    expect(end - start).toBe(10);
    expect(body.subarray(start, end)).toEqual(varint(-1));
  });

  it('unwraps a value of one number or text field only: a list, a message of two fields stay messages', () => {
    const values = Buffer.concat([
      // OTLP's array_value (5): an ArrayValue of AnyValues
      nested(6, bytes(1, 'tags'), nested(2, nested(5, nested(1, bytes(1, 'x'))))),
      nested(6, bytes(1, 'pair'), nested(2, bytes(1, 'a b'), int(2, 7))),
      // field 4's tag and value are printable (` A`): the value is still two fields, not the text "ab A"
      nested(6, bytes(1, 'odd'), nested(2, bytes(1, 'ab'), int(4, 65))),
    ]);
    expect(rendered(values)).toBe(
      '{"6":{"tags":{"5":{"1":{"1":"x"}}}},"6":{"pair":{"1":"a b","2":7}},"6":{"odd":{"1":"ab","4":65}}}\n',
    );
  });

  it('keeps a part whose last field would pass its end a string of its bytes, not a message read into the next', () => {
    const body = Buffer.concat([nested(1, Buffer.from([0x0a, 0x05, 0x61, 0x62])), bytes(2, 'ada@example.org')]);
    expect(rendered(body)).toBe('{"1":"\\u000a\\u0005ab","2":"ada@example.org"}\n');
  });

  it('writes map entries by their keys, and a wrapper of one number as that number', () => {
    const entries = Buffer.concat([
      nested(3, bytes(1, 'first_name'), bytes(2, 'Ada')),
      nested(3, bytes(1, 'street'), bytes(2, '12 High Street')),
      nested(4, bytes(1, 'visits'), int(2, 12)),
      nested(5, bytes(1, 'age'), nested(2, int(3, 36))),
      nested(6, bytes(1, 'has space'), bytes(2, 'x')),
    ]);
    expect(rendered(entries)).toBe(
      '{"3":{"first_name":"Ada"},"3":{"street":"12 High Street"},"4":{"visits":12},"5":{"age":36},' +
        '"6":{"1":"has space","2":"x"}}\n',
    );
  });

  it('keeps a printable string whose bytes happen to parse as a message a string, and empty ones ""', () => {
    // "hi" is 68 69: field 13, a varint of 105
    expect(rendered(Buffer.concat([bytes(1, 'hi'), bytes(2, '')]))).toBe('{"1":"hi","2":""}\n');
  });

  it('writes a part that is neither text nor a message as a string of its bytes, and nesting past 64 so', () => {
    // a group tag (wire type 3) inside: no message; a line break: no text
    expect(rendered(bytes(1, Buffer.from([0x0b, 0x41, 0x0c])))).toBe('{"1":"\\u000bA\\u000c"}\n');
    expect(rendered(bytes(1, 'line one\nline two'))).toBe('{"1":"line one\\u000aline two"}\n');
    let deep = int(1, 7);
    for (let d = 0; d < 66; d++) deep = nested(1, deep);
    // the top message and 64 levels in it; the 65th is a string of its bytes (field 1, 2 bytes, field 1, 7)
    const text = rendered(deep);
    expect(text?.split('{').length).toBe(1 + 65);
    expect(text).toContain('{"1":"\\u000a\\u0002\\u0008\\u0007"}}');
  });

  it('reads a body cut short as far as it goes', () => {
    const cut = otlpLogs.subarray(0, otlpLogs.indexOf('+44 20') + 3);
    expect(rendered(cut)?.endsWith('"6":{"user.full_name":"Ada Lovelace"},"6":{"user.phone":"+44"')).toBe(true);
    // cut inside a varint (its field's bytes kept from the tag), a fixed64, a tag
    expect(rendered(Buffer.concat([int(1, 5), Buffer.from([0x10, 0x80])]))).toBe('{"1":5\n"\\u0010\x80"');
    expect(rendered(fixed64(1, 1n).subarray(0, 5))).toBe('{\n"\\u0009\\u0001\\u0000\\u0000\\u0000"');
    expect(rendered(Buffer.from([0x80]))).toBe('{\n"\x80"');
  });

  it('refuses groups and wire types no field has at the top, and text declared protobuf', () => {
    expect(rendered(Buffer.concat([tag(1, 3), bytes(2, 'ada@example.org'), tag(1, 4)]))).toBeUndefined();
    expect(rendered(Buffer.concat([int(1, 1), tag(2, 6)]))).toBeUndefined();
    expect(rendered(Buffer.concat([tag(0, 0), varint(1)]))).toBeUndefined();
    expect(rendered(Buffer.from('{"email":"ada@example.org"}'))).toBeUndefined();
    expect(rendered(Buffer.alloc(0))).toBe('{}\n');
  });

  it('writes gRPC frames one per line: a message, a gzipped one inflated, gRPC-Web trailers as a string', () => {
    expect(rendered(grpcBody, GRPC_WEB)).toBe(
      '{"3":{"card_number":"4111 1111 1111 1111"}}\n{"1":{"email":"grace@example.org"}}\n' +
        '"grpc-status: 0\\u000d\\u000a"\n',
    );
    // compressed other than by gzip (snappy, deflate): its bytes as a string; an unknown flag bit: no gRPC
    expect(rendered(grpcFrame(Buffer.from('xyz'), 1), 'application/grpc')).toBe('"xyz"\n');
    expect(rendered(grpcFrame(Buffer.from('xyz'), 2), 'application/grpc')).toBeUndefined();
    expect(rendered(grpcFrame(Buffer.from([0x0b])), 'application/grpc')).toBe('"\\u000b"\n');
  });

  it('inflates gzipped frames within the decoded-size cap, and says where it stopped', () => {
    const text = protobufText(grpcBody, GRPC_WEB, 10);
    expect(text?.text.toString('latin1')).toBe('{"3":{"card_number":"4111 1111 1111 1111"}}\n\n');
    // from the gzipped frame's bytes, after its flag and size
    expect(text?.capped).toEqual({ start: grpcBody.indexOf(Buffer.from([0x1f, 0x8b])), end: grpcBody.length });
  });

  it('never throws on random or mangled bodies, and maps every text byte inside the body, in order', () => {
    const random = fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a));
    const bodies = fc.oneof(mangled([otlpLogs]), random);
    expectSafeRendering(bodies, (b) => protobufText(b, PROTOBUF, 1 << 20), true, PROTOBUF);
    const frames = fc.oneof(mangled([grpcBody], { head: 5 }), random);
    expectSafeRendering(frames, (b) => protobufText(b, GRPC_WEB, 1 << 20), true, GRPC_WEB);
  });
});

describe('protobuf bodies', () => {
  it('in an OTLP log export are read by their attribute keys, each find at its bytes', () => {
    const report = scanBuffer(otlpLogs, { fingerprintKey: KEY, contentType: PROTOBUF }).detections;
    const text = protobufText(otlpLogs, PROTOBUF, 1 << 20);
    if (!text) throw new Error('not rendered');
    const at = (value: string): string => spanOf(text, value).join('-');
    expect(report.map((d) => `${d.type} ${d.start}-${d.end}`).sort()).toEqual(
      [`EMAIL ${at('ada@example.org')}`, `PERSON_NAME ${at('Ada Lovelace')}`, `PHONE ${at('+44 20 7946 0958')}`].sort(),
    );
    expect(found(otlpLogs, PROTOBUF)).toEqual([
      'EMAIL ada@example.org',
      'PERSON_NAME Ada Lovelace',
      'PHONE +44 20 7946 0958',
    ]);
  });

  it('are read so streamed too, at any chunking', async () => {
    const options = { fingerprintKey: KEY, contentType: PROTOBUF };
    const whole = scanBuffer(otlpLogs, options).detections.map(detectionKey).sort();
    expect(whole).toHaveLength(3);
    for (const cut of [1, 7, otlpLogs.indexOf('Ada'), otlpLogs.length >> 1, otlpLogs.length - 1])
      expect(await streamedKeys(otlpLogs, [cut], options), `cut at ${cut}`).toEqual(whole);
    expect(await streamedKeys(otlpLogs, [3, 40, 41, 100, 150], options)).toEqual(whole);
  });

  it('are not sniffed: undeclared, the same bytes are read as text (a name loses its key)', () => {
    expect(found(otlpLogs)).toEqual(['EMAIL ada@example.org']);
  });

  it('in gRPC frames are read frame by frame, a gzipped frame reporting its find at the whole frame', () => {
    const second = grpcBody.indexOf(Buffer.from([0x1f, 0x8b]));
    const size = grpcBody.readUInt32BE(second - 4);
    for (const type of ['application/grpc', GRPC_WEB]) {
      const report = scanBuffer(grpcBody, { fingerprintKey: KEY, contentType: type }).detections;
      const card = report.find((d) => d.type === 'CREDIT_CARD');
      expect(grpcBody.toString('latin1', card?.start, card?.end)).toBe('4111 1111 1111 1111');
      const email = report.find((d) => d.type === 'EMAIL');
      expect([email?.start, email?.end]).toEqual([second, second + size]);
    }
  });

  it('with a gzipped frame past the decoded-size cap read that far, said to be, and the rest read as bytes', () => {
    const report = scanBuffer(grpcBody, { fingerprintKey: KEY, contentType: GRPC_WEB, maxDecodedBytes: 10 });
    expect(report.limits.map((l) => l.kind)).toEqual(['decoded-size']);
    expect(report.detections.map((d) => d.type)).toEqual(['CREDIT_CARD']);
  });

  it('hold phone numbers as integers: a map entry keyed "phone" is read as one, at its varint', () => {
    const body = nested(1, bytes(1, 'phone'), int(2, 12_025_550_143));
    const phone = scanBuffer(body, { fingerprintKey: KEY, contentType: PROTOBUF }).detections;
    expect(phone.map((d) => [d.type, d.start, d.end])).toEqual([['PHONE', body.length - 5, body.length]]);
    expect(body.subarray(-5)).toEqual(varint(12_025_550_143));
  });

  it('cut short keep what came before', () => {
    const cut = otlpLogs.subarray(0, otlpLogs.indexOf('user.phone') + 4);
    expect(found(cut, PROTOBUF)).toEqual(['EMAIL ada@example.org', 'PERSON_NAME Ada Lovelace']);
  });

  it('that are no message (a group at the top, text declared protobuf) are read as text, losing nothing', () => {
    const grouped = Buffer.concat([tag(1, 3), bytes(2, 'ada@example.org'), tag(1, 4)]);
    expect(found(grouped, PROTOBUF)).toEqual(['EMAIL ada@example.org']);
    expect(found(Buffer.from('{"email":"ada@example.org"}'), PROTOBUF)).toEqual(['EMAIL ada@example.org']);
  });

  it("as Loki's push API takes them, Snappy-coded: each log line read, a label's value by its name", () => {
    // PushRequest: streams (1) → labels (1, Prometheus text) and entries (2) → timestamp (1) and line (2)
    const push = nested(
      1,
      bytes(1, '{app="checkout", customer_email="grace@example.org"}'),
      nested(
        2,
        nested(1, int(1, 1_700_000_000), int(2, 5)),
        bytes(2, 'refund for Ada Lovelace, card 4111 1111 1111 1111'),
      ),
    );
    const body = Buffer.from(snappyjs.compress(push));
    const report = scanBuffer(body, { fingerprintKey: KEY, contentType: PROTOBUF, contentEncoding: 'snappy' });
    expect(report.detections.map((d) => [d.type, d.start, d.end])).toEqual([
      ['EMAIL', 0, body.length],
      ['CREDIT_CARD', 0, body.length],
    ]);
    expect(report.limits).toEqual([]);
  });
});
