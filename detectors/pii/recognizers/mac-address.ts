import { Gate, hasRun, type Recognizer, type Verdict } from '../types.js';

/** Rejects the all-zero and broadcast placeholders. */
export function validateMac(m: RegExpExecArray): Verdict {
  const hex = m[0].replace(/[:.-]/g, '').toUpperCase();
  if (hex === '000000000000' || hex === 'FFFFFFFFFFFF') return false;
  return { normalized: hex };
}

/** MAC address (EUI-48) in colon, dash or Cisco dot notation: a device identifier. */
export const macAddress: Recognizer = {
  id: 'mac-address',
  type: 'MAC_ADDRESS',
  fineType: 'MAC',
  description: 'MAC address: a device identifier that singles out a person’s device (online identifier).',
  // hex pairs (2-character runs) between 5 colons or dashes, or 4-character groups between dots
  gate: (f) =>
    f.len >= 14 &&
    (((f.colons >= 5 || f.dashes >= 5) && hasRun(f.alnumRuns, 2)) || (f.dots >= 2 && hasRun(f.alnumRuns, 4)))
      ? Gate.YES
      : Gate.NO,
  pattern:
    /(?<![0-9A-Za-z:.-])(?:[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4})(?![0-9A-Za-z:-]|\.[0-9A-Za-z])/,
  validate: validateMac,
  context: ['mac', 'hardware', 'ether', 'hwaddr', 'bssid'],
  requiresContext: false,
  confidence: 0.85,
  examples: {
    match: ['00:1A:2B:3C:4D:5E', 'AA-BB-CC-DD-EE-FF', 'mac 0012.3456.789A'],
    noMatch: [
      { text: 'Broadcast: FF:FF:FF:FF:FF:FF', why: 'broadcast placeholder' },
      { text: 'Mixed 10:2F:33-AC-29-C3', why: 'mixed separators' },
      { text: 'Not a MAC: 00:1A:2B:3C:4D', why: 'five octets' },
    ],
  },
};
