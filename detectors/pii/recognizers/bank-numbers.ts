import { weightedSum } from '../checksums.js';
import { Gate, hasRun, hasRunIn, type Recognizer } from '../types.js';

/** ABA routing number: nine digits, weights 3-7-1 sum to a multiple of 10; needs a routing keyword. */
export const bankRouting: Recognizer = {
  id: 'bank-routing',
  type: 'BANK_ROUTING',
  fineType: 'US_ABA',
  description: 'US ABA routing number: identifies the bank of an account (financial data with an account number).',
  // digit runs 9 or 4-4-1
  gate: (f) =>
    f.digits >= 9 && (f.maxRun === 9 || f.maxRun === 4) && (hasRun(f.digitRuns, 9) || hasRun(f.digitRuns, 1))
      ? Gate.CONTEXT
      : Gate.NO,
  pattern: /(?<![0-9A-Za-z-])(?:\d{9}|\d{4}-\d{4}-\d)(?![0-9A-Za-z]|-\d)/,
  validate: (m) => {
    const d = m[0].replace(/-/g, '');
    return weightedSum(d, [3, 7, 1, 3, 7, 1, 3, 7, 1]) % 10 === 0 && !/^0+$/.test(d) ? { normalized: d } : false;
  },
  context: ['routing', 'aba', 'rtn', 'transit'],
  requiresContext: true,
  confidence: 0.8,
  examples: {
    match: ['routing number 121042882', 'aba=0711-0130-7'],
    noMatch: [
      { text: 'routing 1234-0000-0', why: 'checksum fails' },
      { text: 'order 121042882', why: 'no routing keyword' },
    ],
  },
};

/** Bank account number: 6–17 digits right after an account keyword or in an `account_number` field. */
export const bankAccount: Recognizer = {
  id: 'bank-account',
  type: 'BANK_ACCOUNT',
  fineType: 'BANK_ACCOUNT',
  description: 'Bank account number (non-IBAN): financial data.',
  // one run of 6–17 digits, alone between non-alphanumerics
  gate: (f) =>
    f.maxRun >= 6 && f.maxRun <= 17 && hasRunIn(f.digitRuns, 6, 17) && hasRunIn(f.alnumRuns, 6, 17)
      ? Gate.CONTEXT
      : Gate.NO,
  pattern: /(?<![0-9A-Za-z-])\d{6,17}(?![0-9A-Za-z]|-\d)/,
  validate: (m) => ({ normalized: m[0], validated: false }),
  context: [
    'account number',
    'account_number',
    'accountnumber',
    'acct',
    'account no',
    'kontonummer',
    'bank account',
    'bank_account',
  ],
  requiresContext: true,
  confidence: 0.7,
  examples: {
    match: ['account_number=12345678', 'Kontonummer 0532013000'],
    noMatch: [{ text: 'invoice 12345678', why: 'no account keyword' }],
  },
};
