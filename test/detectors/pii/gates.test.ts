import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RECOGNIZERS } from '../../../detectors/pii/registry.js';
import { Gate, type Recognizer } from '../../../detectors/pii/types.js';
import { measure } from '../../../detectors/pii/window-features.js';

/** The pattern without its lookarounds, anchored: what fast-check can generate strings from. */
function core(pattern: RegExp): RegExp {
  const src = pattern.source;
  let out = '';
  let i = 0;
  while (i < src.length) {
    if (/^\(\?(?:<[!=]|[!=])/.test(src.slice(i, i + 4))) i = groupEnd(src, i) + 1;
    else {
      const step = src[i] === '\\' ? 2 : 1;
      out += src.slice(i, i + step);
      i += step;
    }
  }
  return new RegExp(`^(?:${out})$`, pattern.flags.replace(/[gy]/g, ''));
}

/** Index of the `)` closing the group opened at `start`, skipping escapes and character classes. */
function groupEnd(src: string, start: number): number {
  let depth = 0;
  for (let i = start; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      i++;
    } else if (c === '[') {
      while (src[i] !== ']') i += src[i] === '\\' ? 2 : 1;
    } else if (c === '(') {
      depth++;
    } else if (c === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return src.length;
}

const byId = (id: string): Recognizer => {
  const r = RECOGNIZERS.find((x) => x.id === id);
  if (!r) throw new Error(`no recognizer ${id}`);
  return r;
};

// Gates derived from the pattern alone. The others also encode what their validator requires (an AWS key's
// upper-case count, a licence's letters): those are checked by each recognizer's examples instead.
const EXACT = [
  'at-svnr',
  'au-medicare',
  'au-tfn',
  'bank-account',
  'bank-routing',
  'be-national-number',
  'ca-sin',
  'crypto-wallet',
  'de-driving-licence',
  'de-id-card',
  'de-kvnr',
  'de-social-security',
  'de-tax-number',
  'email',
  'es-dni-nie',
  'fi-hetu',
  'fr-nir',
  'hr-oib',
  'ie-ppsn',
  'in-aadhaar',
  'in-pan',
  'in-voter',
  'ip-address',
  'it-codice-fiscale',
  'it-driving-licence',
  'it-identity-card',
  'kr-driving-licence',
  'kr-rrn',
  'ng-nin',
  'passport',
  'passport-mrz',
  'pl-pesel',
  'private-key',
  'ro-cnp',
  'se-personnummer',
  'service-key',
  'sg-nric',
  'th-tnin',
  'tr-tckn',
  'uk-postcode',
  'us-itin',
  'za-id',
];

describe('recognizer gates', () => {
  it.each(EXACT)('%s: the gate passes every window that is one match of the pattern', (id) => {
    const r = byId(id);
    fc.assert(
      fc.property(fc.stringMatching(core(r.pattern)), (s) => {
        const bytes = Buffer.from(s, 'latin1');
        expect(r.gate(measure(bytes, 0, bytes.length))).not.toBe(Gate.NO);
      }),
      { numRuns: 500 },
    );
  });

  it.each(RECOGNIZERS.filter((r) => r.keywords).map((r) => r.id))('%s: every match holds one of its keywords', (id) => {
    const r = byId(id);
    fc.assert(
      fc.property(fc.stringMatching(core(r.pattern)), (s) => {
        expect(r.keywords?.some((k) => s.includes(k))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
