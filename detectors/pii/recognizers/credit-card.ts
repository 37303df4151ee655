import { luhn } from '../checksums.js';
import { Gate, type Recognizer, type Verdict } from '../types.js';

/** Issuer prefixes (IIN ranges) and allowed lengths, per ISO/IEC 7812 brand tables. */
const BRANDS: readonly { name: string; test: (d: string) => boolean; lengths: readonly number[] }[] = [
  { name: 'AMEX', test: (d) => /^3[47]/.test(d), lengths: [15] },
  { name: 'VISA', test: (d) => d.startsWith('4'), lengths: [13, 16, 19] },
  { name: 'MASTERCARD', test: (d) => /^(5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)/.test(d), lengths: [16] },
  { name: 'DISCOVER', test: (d) => /^(6011|64[4-9]|65)/.test(d), lengths: [16, 17, 18, 19] },
  { name: 'JCB', test: (d) => /^35(2[89]|[3-8]\d)/.test(d), lengths: [16, 17, 18, 19] },
  { name: 'DINERS', test: (d) => /^(30[0-5]|3095|36|3[89])/.test(d), lengths: [14, 15, 16, 17, 18, 19] },
  { name: 'UNIONPAY', test: (d) => d.startsWith('62'), lengths: [16, 17, 18, 19] },
  { name: 'MAESTRO', test: (d) => /^(5[06-9]|6\d)/.test(d), lengths: [12, 13, 14, 15, 16, 17, 18, 19] },
];

/** Luhn + issuer prefix + length; bare digit runs need context (about 1 in 10 random numbers pass Luhn). */
export function validateCard(m: RegExpExecArray): Verdict {
  const digits = m[0].replace(/[ -]/g, '');
  const brand = BRANDS.find((b) => b.test(digits) && b.lengths.includes(digits.length));
  if (!brand || !luhn(digits) || /^(\d)\1+$/.test(digits) || inGroupRun(m)) return false;
  return { fineType: brand.name, normalized: digits, requiresContext: digits.length === m[0].length };
}

/**
 * True when a grouped number has another four-digit group beside it, with its separator: one stretch of a table of
 * numbers (`6282 6319 6357 6394 6432 6469 …`), where some four groups pass Luhn by chance.
 */
function inGroupRun(m: RegExpExecArray): boolean {
  const separator = m[1];
  if (separator === undefined) return false;
  const text = m.input;
  const end = m.index + m[0].length;
  return (
    (text[m.index - 1] === separator && groupAt(text, m.index - 5)) ||
    (text[end] === separator && groupAt(text, end + 1))
  );
}

/** Four digits with no digit on either side, read where `lastIndex` puts it. */
const GROUP = /(?<![0-9])[0-9]{4}(?![0-9])/y;

/** True when `text[at, at + 4)` is a group of four digits (see `GROUP`). */
function groupAt(text: string, at: number): boolean {
  GROUP.lastIndex = at;
  return at >= 0 && GROUP.test(text);
}

/** Payment card number (PAN). */
export const creditCard: Recognizer = {
  id: 'credit-card',
  type: 'CREDIT_CARD',
  fineType: 'CREDIT_CARD',
  description: 'Payment card number (PAN): financial data, fraud risk if leaked.',
  gate: (f) =>
    f.digits < 12
      ? Gate.NO
      : f.maxRun >= 12
        ? Gate.CONTEXT
        : f.spaces + f.dashes >= 2 && f.maxRun <= 6
          ? Gate.YES
          : Gate.NO,
  pattern:
    /(?<![0-9A-Za-z.,_-])(?:\d{4}([ -])\d{4}\1\d{4}\1\d{4}|\d{4}([ -])\d{6}\2\d{4,5}|\d{12,19})(?![0-9A-Za-z]|[.,-]\d)/,
  validate: validateCard,
  context: [
    'card',
    'credit',
    'visa',
    'mastercard',
    'amex',
    'pan',
    'cc_num',
    'ccnum',
    'kreditkarte',
    'tarjeta',
    'carte',
    // what a card's number stands beside in a payment request (Adyen's `"number": …, "expiryMonth": …`), before it or
    // as the next word
    'expiry',
    'cvc',
    'cvv',
  ],
  requiresContext: true,
  confidence: 0.9,
  examples: {
    match: [
      '4012 8888 8888 1881',
      '4012-8888-8888-1881',
      'card_number=4012888888881881',
      'Card: 378282246310005',
      '4012888888881881 (card)', // a keyword shortly after counts too
      'card 4012 8888 8888 1881 10115', // a postcode after it is no fifth group
      '"paymentMethod":{"type":"scheme","number":"4012888888881881","expiryMonth":"03","cvc":"737"}',
    ],
    noMatch: [
      { text: '4012 8888 8888 1882', why: 'Luhn fails' },
      { text: 'id 4012888888881881', why: 'bare 16 digits without a card keyword' },
      { text: 'id 4012888888881881 and much later a card', why: 'the keyword starts more than 12 bytes after it' },
      { text: 'id 4012888888881881 a card', why: 'a keyword after it counts only as the next word' },
      { text: 'card 1748503543012', why: 'no issuer starts with 1' },
      { text: 'card 4444 4444 4444 4444', why: 'repeated digit placeholder' },
      { text: '6282 6319 6357 6394 6432 6469 6507 6545 6583 6621', why: 'four groups of a longer table of numbers' },
      { text: 'ids 1111 2222 3333 4444 4012 8888 8888 1881', why: 'four more groups before it: a table of numbers' },
      { text: 'ids 4012 8888 8888 1881 1234', why: 'a fifth group after it' },
      { text: '"id":"4012888888881881","expires_in":3600', why: '"expires" is no card expiry' },
    ],
  },
};
