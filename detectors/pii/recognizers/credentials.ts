import { Gate, hasRun, type Recognizer, type Verdict } from '../types.js';

/** Decodes the JWT header (base64url JSON) and requires an `alg`: random `eyJ…` strings do not pass. */
export function validateJwt(m: RegExpExecArray): Verdict {
  const [header = '', payload = ''] = m[0].split('.');
  try {
    const head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as unknown;
    JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof head !== 'object' || head === null || !('alg' in head)) return false;
  } catch {
    return false;
  }
  return { normalized: m[0], fineType: 'JWT' };
}

/** AWS access key id (`AKIA` long-term, `ASIA` temporary); base32 body. */
export const awsAccessKey: Recognizer = {
  id: 'aws-access-key',
  type: 'CREDENTIAL',
  fineType: 'AWS_ACCESS_KEY_ID',
  description: 'AWS access key id: with its secret, full access to an AWS account and the personal data in it.',
  // AKIA/ASIA and 16 more: one 20-character run
  gate: (f) => (f.upper >= 12 && hasRun(f.alnumRuns, 20) ? Gate.YES : Gate.NO),
  pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z2-7]{16}(?![A-Za-z0-9])/,
  validate: (m) => (/^(?:AKIA|ASIA)(.)\1{15}$/.test(m[0]) ? false : { normalized: m[0] }),
  context: ['aws', 'access_key', 'key_id'],
  requiresContext: false,
  confidence: 0.9,
  examples: {
    match: ['aws_access_key_id=AKIAQWERTY234567ABCD', 'ASIAY34FZKBOKMUTVV7A'],
    noMatch: [
      { text: 'AKIAAAAAAAAAAAAAAAAA', why: 'placeholder, low entropy' },
      { text: 'AKIA1234567890123456', why: 'digits 0, 1, 8, 9 are not base32' },
    ],
  },
};

/** PEM private key block header: the key material follows it. */
export const privateKey: Recognizer = {
  id: 'private-key',
  type: 'CREDENTIAL',
  fineType: 'PRIVATE_KEY',
  description: 'PEM private key: lets its holder impersonate a server or a user.',
  // "-----BEGIN PRIVATE KEY-----": two spaces at least, so a base64 blob never runs the regex
  gate: (f) => (f.len >= 27 && f.spaces >= 2 ? Gate.YES : Gate.NO),
  literal: '-----BEGIN',
  pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----/,
  validate: (m) => ({ normalized: m[0] }),
  context: [],
  requiresContext: false,
  confidence: 0.95,
  examples: {
    match: ['-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA'],
    noMatch: [{ text: '-----BEGIN CERTIFICATE-----', why: 'a certificate is public' }],
  },
};

/** JSON Web Token, confirmed by decoding its header and payload. */
export const jwt: Recognizer = {
  id: 'jwt',
  type: 'CREDENTIAL',
  fineType: 'JWT',
  description: 'JSON Web Token: a bearer credential, often carrying identity claims.',
  gate: (f) => (f.dots >= 2 && f.len >= 30 ? Gate.YES : Gate.NO),
  literal: 'eyJ',
  pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*(?![A-Za-z0-9_-])/,
  validate: validateJwt,
  context: ['bearer', 'token', 'authorization'],
  requiresContext: false,
  confidence: 0.9,
  examples: {
    match: [
      'Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    ],
    noMatch: [{ text: 'eyJhbGciOiJIUzI1NiJ9x.eyJzdWIiOiIxMjM0.abc', why: 'header does not decode to JSON' }],
  },
};

/** GitHub tokens (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_) and Slack tokens (xoxb-, xoxp-, …). */
export const platformToken: Recognizer = {
  id: 'platform-token',
  type: 'CREDENTIAL',
  fineType: 'API_TOKEN',
  description: 'GitHub or Slack token: access to code, messages and the personal data in them.',
  // gh?_ + 36 (a 3-run and a long run), github_pat_ (6- and 3-runs), xox?- (a 4-run and a dash)
  gate: (f) =>
    f.len >= 15 &&
    f.letters >= 8 &&
    ((hasRun(f.alnumRuns, 3) && (hasRun(f.alnumRuns, 31) || hasRun(f.alnumRuns, 6))) ||
      (hasRun(f.alnumRuns, 4) && f.dashes > 0))
      ? Gate.YES
      : Gate.NO,
  keywords: ['gh', 'github_pat_', 'xox'],
  pattern:
    /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{60,90}|xox[abposr]-[0-9A-Za-z-]{10,80})(?![A-Za-z0-9_])/,
  validate: (m) => ({ normalized: m[0], fineType: m[0].startsWith('xox') ? 'SLACK_TOKEN' : 'GITHUB_TOKEN' }),
  context: ['token', 'github', 'slack'],
  requiresContext: false,
  confidence: 0.9,
  examples: {
    match: [
      'token ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8',
      'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx',
    ],
    noMatch: [{ text: 'ghp_short123', why: 'too short for a GitHub token' }],
  },
};
