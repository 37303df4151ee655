import { createHash } from 'node:crypto';
import { Gate, hasRunIn, type Recognizer } from '../types.js';

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

/** Base58Check: decode, then the last 4 bytes equal the first 4 of SHA-256(SHA-256(payload)). */
export function base58Check(text: string): boolean {
  let n = 0n;
  for (const ch of text) {
    const v = B58.indexOf(ch);
    if (v < 0) return false;
    n = n * 58n + BigInt(v);
  }
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  const lead = /^1*/.exec(text)?.[0].length ?? 0;
  const bytes = Buffer.concat([Buffer.alloc(lead), Buffer.from(hex === '00' ? '' : hex, 'hex')]);
  if (bytes.length !== 25) return false;
  const payload = bytes.subarray(0, 21);
  const sum = createHash('sha256').update(createHash('sha256').update(payload).digest()).digest();
  return sum.subarray(0, 4).equals(bytes.subarray(21));
}

/** BIP 173/350: Bech32 (constant 1) or Bech32m (0x2bc830a3) checksum over the human-readable part and data. */
export function bech32Check(text: string): boolean {
  const lower = text.toLowerCase();
  const sep = lower.lastIndexOf('1');
  const values: number[] = [];
  for (const ch of lower.slice(0, sep)) values.push(ch.charCodeAt(0) >> 5);
  values.push(0);
  for (const ch of lower.slice(0, sep)) values.push(ch.charCodeAt(0) & 31);
  for (const ch of lower.slice(sep + 1)) {
    const v = BECH32.indexOf(ch);
    if (v < 0) return false;
    values.push(v);
  }
  const gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = (((chk & 0x1ffffff) << 5) ^ v) >>> 0;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk = (chk ^ (gen[i] ?? 0)) >>> 0;
  }
  return chk === 1 || chk === 0x2bc830a3;
}

const walletContext = ['wallet', 'bitcoin', 'btc', 'address', 'crypto'];

/**
 * Bitcoin address, P2PKH/P2SH (Base58Check). Bech32 addresses are `cryptoWalletBech32`: each shape has
 * its own gate, so a 24-character hex id (`evt_7f228a3c…`) runs neither regex.
 */
export const cryptoWallet: Recognizer = {
  id: 'crypto-wallet',
  type: 'CRYPTO_WALLET',
  fineType: 'BTC_BASE58',
  description: 'Bitcoin wallet address: financial identifier linkable to a person.',
  // one 26–35-character run
  gate: (f) => (f.len >= 26 && f.letters >= 10 && f.digits >= 1 && hasRunIn(f.alnumRuns, 26, 35) ? Gate.YES : Gate.NO),
  pattern: /(?<![A-Za-z0-9])[13][1-9A-HJ-NP-Za-km-z]{25,34}(?![A-Za-z0-9])/,
  validate: (m) => (base58Check(m[0]) ? { normalized: m[0] } : false),
  context: walletContext,
  requiresContext: false,
  confidence: 0.9,
  examples: {
    match: ['16Yeky6GMjeNkAiNcBY7ZhrLoMSgg1BoyZ', '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy'],
    noMatch: [{ text: 'wallet 16Yeky6GMjeNkAiNcBY7ZhrLoMSgg1BoyZ2', why: 'one character too many: checksum fails' }],
  },
};

/** Bitcoin address, SegWit (Bech32/Bech32m): `bc1` and 11–71 characters. */
export const cryptoWalletBech32: Recognizer = {
  id: 'crypto-wallet-bech32',
  type: 'CRYPTO_WALLET',
  fineType: 'BTC_BECH32',
  description: 'Bitcoin wallet address: financial identifier linkable to a person.',
  // one 14–74-character run holding `bc1`
  gate: (f) => (f.len >= 26 && f.letters >= 10 && f.digits >= 1 && hasRunIn(f.alnumRuns, 14, 74) ? Gate.YES : Gate.NO),
  keywords: ['bc1'],
  pattern: /(?<![A-Za-z0-9])bc1[02-9ac-hj-np-z]{11,71}(?![A-Za-z0-9])/,
  validate: (m) => (bech32Check(m[0]) ? { normalized: m[0] } : false),
  context: walletContext,
  requiresContext: false,
  confidence: 0.9,
  examples: {
    match: ['bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'],
    noMatch: [{ text: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdr', why: 'bech32 checksum fails' }],
  },
};
