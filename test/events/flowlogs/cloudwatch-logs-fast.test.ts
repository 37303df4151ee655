import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeCloudWatchLogsData,
  FlowEnvelopeError,
  type FlowRecord,
  parseCloudWatchLogsData,
  parseCloudWatchLogsFlows,
  toFlowRecord,
} from '../../../events/flowlogs/index.js';
import { loadJson } from '../../support/fixtures.js';

/** Both paths over the same data: records and statistics. */
function both(data: string) {
  const fast: FlowRecord[] = [];
  const slow: FlowRecord[] = [];
  const fastStats = parseCloudWatchLogsData(data, {}, (s) => fast.push(toFlowRecord(s)));
  const slowStats = parseCloudWatchLogsFlows(decodeCloudWatchLogsData(data), {}, (s) => slow.push(toFlowRecord(s)));
  return { fast, slow, fastStats, slowStats };
}

const encode = (json: string) => gzipSync(json).toString('base64');

describe('parseCloudWatchLogsData (in-place scan)', () => {
  it.each([
    'flowlogs/cwl-subscription-vpcflow-constructed.json',
    'flowlogs/cwl-subscription-aws-sample-event.json',
    'flowlogs/cwl-control-message.json',
  ])('agrees with JSON.parse on %s', (name) => {
    const { fast, slow, fastStats, slowStats } = both(loadJson<{ awslogs: { data: string } }>(name).awslogs.data);
    expect(fast).toEqual(slow);
    expect(fastStats).toEqual(slowStats);
  });

  it('agrees with JSON.parse on generated payloads: escapes, key orders, spacing (property)', () => {
    const line = fc.oneof(
      fc.constant('2 123456789012 eni-0a 10.0.0.5 203.0.113.7 50000 443 6 10 1000 1773100000 1773100060 ACCEPT OK'),
      fc.constant('2 123456789012 eni-0b - - - - - - - 1773100000 1773100060 - NODATA'),
      fc.string({ maxLength: 30 }),
    );
    const event = fc.record({ id: fc.string({ maxLength: 5 }), timestamp: fc.nat(), message: line });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 20 }), fc.boolean(), fc.nat(2), (events, eventsFirst, indent) => {
        const shell = {
          messageType: 'DATA_MESSAGE',
          owner: '1',
          logGroup: 'g',
          logStream: 's',
          subscriptionFilters: [],
        };
        const body = eventsFirst ? { logEvents: events, ...shell } : { ...shell, logEvents: events };
        const { fast, slow, fastStats, slowStats } = both(encode(JSON.stringify(body, null, indent)));
        expect(fast).toEqual(slow);
        expect(fastStats).toEqual(slowStats);
      }),
      { numRuns: 400 },
    );
  });

  it('raises our typed error for a payload that is not CloudWatch Logs', () => {
    expect(() => parseCloudWatchLogsData(encode('{"logEvents":[]}'), {}, () => {})).toThrow(FlowEnvelopeError);
    expect(() => parseCloudWatchLogsData('bm90IGd6aXA=', {}, () => {})).toThrow(/not valid gzip/);
  });
});
