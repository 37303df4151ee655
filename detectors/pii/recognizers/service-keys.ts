import { Gate, hasRun, type Recognizer, type Verdict } from '../types.js';

/** The service each key prefix belongs to, as its fine type. */
const SERVICES: readonly [string, string][] = [
  ['sk_live_', 'STRIPE_SECRET_KEY'],
  ['rk_live_', 'STRIPE_RESTRICTED_KEY'],
  ['AIza', 'GOOGLE_API_KEY'],
  ['glpat-', 'GITLAB_TOKEN'],
  ['npm_', 'NPM_TOKEN'],
  ['SG.', 'SENDGRID_API_KEY'],
];

/** The fine type of a key by its prefix; placeholders (one character repeated) are no key. */
export function validateServiceKey(m: RegExpExecArray): Verdict {
  const key = m[0];
  const service = SERVICES.find(([prefix]) => key.startsWith(prefix));
  const body = key.slice(service?.[0].length ?? 0);
  if (!service || /^(.)\1+$/.test(body.replace(/[._-]/g, ''))) return false;
  return { normalized: key, fineType: service[1] };
}

/**
 * API keys of services that hold customer data (Stripe live keys, Google API keys, GitLab, npm and SendGrid
 * tokens), by their documented prefixes and lengths: each opens an account full of other people's data.
 */
export const serviceKey: Recognizer = {
  id: 'service-key',
  type: 'CREDENTIAL',
  fineType: 'API_TOKEN',
  description: 'Service API key (Stripe, Google, GitLab, npm, SendGrid): access to the data a service holds.',
  // runs of letters and digits: Stripe `sk`, `live` and 24 or more; npm `npm` and 36; GitLab `glpat`, a dash and
  // 20 more; a Google key is 39 characters, `AI` upper-case; a SendGrid key 69, with two dots
  gate: (f) =>
    f.len >= 24 &&
    ((f.maxAlnum >= 24 && (hasRun(f.alnumRuns, 2) || hasRun(f.alnumRuns, 3))) ||
      (f.dashes > 0 && f.len >= 26 && hasRun(f.alnumRuns, 5)) ||
      (f.len >= 39 && f.upper >= 2) ||
      (f.dots >= 2 && f.len >= 69))
      ? Gate.YES
      : Gate.NO,
  keywords: ['sk_live_', 'rk_live_', 'AIza', 'glpat-', 'npm_', 'SG.'],
  pattern:
    /(?<![A-Za-z0-9_-])(?:[sr]k_live_[0-9A-Za-z]{24,99}|AIza[0-9A-Za-z_-]{35}|glpat-[0-9A-Za-z_-]{20}|npm_[0-9A-Za-z]{36}|SG\.[0-9A-Za-z_-]{22}\.[0-9A-Za-z_-]{43})(?![A-Za-z0-9_-])/,
  validate: validateServiceKey,
  context: ['key', 'token', 'secret', 'stripe', 'google', 'gitlab', 'npm', 'sendgrid'],
  requiresContext: false,
  confidence: 0.9,
  examples: {
    match: [
      'STRIPE_KEY=sk_live_51H8cVbKq2sJ3aXcN7wP0aZ9x',
      '{"key":"AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY"}',
      'PRIVATE-TOKEN: glpat-xQ7c9LmB2vN4kR8sT1wZ',
      '//registry.npmjs.org/:_authToken=npm_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8',
    ],
    noMatch: [
      { text: 'sk_test_51H8cVbKq2sJ3aXcN7wP0aZ9x', why: 'a Stripe test key reaches no real customer' },
      { text: 'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx', why: 'placeholder' },
      { text: 'AIzaSyD-9tSrke72PouQMnMX', why: 'too short for a Google API key' },
    ],
  },
};

/** A URL's password is no placeholder: not empty, not masked, not a template variable. */
export function validateUrlCredential(m: RegExpExecArray): Verdict {
  const password = m[2] ?? '';
  if (/^(?:\*+|x+|password|passwd|pass|secret|changeme|<.*>|\$\{.*\}|\{\{.*\}\}|%.*%)$/i.test(password)) return false;
  return { normalized: `${m[1] ?? ''}:${password}`, fineType: 'URL_PASSWORD' };
}

/** A user name and password inside a URL (`postgres://app:S3cret@db:5432/app`, `https://user:pass@host/`). */
export const urlCredential: Recognizer = {
  id: 'url-credential',
  type: 'CREDENTIAL',
  fineType: 'URL_PASSWORD',
  description: 'Password in a URL (database, broker or HTTP basic credentials): access to the system it names.',
  // scheme://user:password@host: two colons, two slashes and an @ in one token
  gate: (f) => (f.at >= 1 && f.colons >= 2 && f.slashes >= 2 ? Gate.YES : Gate.NO),
  literal: '://',
  pattern: /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,20}:\/\/([^/\s:@]{1,64}):([^/\s@]{1,128})@[A-Za-z0-9.-]+/,
  validate: validateUrlCredential,
  context: [],
  requiresContext: false,
  confidence: 0.9,
  examples: {
    match: ['DATABASE_URL=postgres://app:S3cretPassw0rd@db.internal:5432/app', 'amqp://guest:k9Lm2Xq@broker:5672/'],
    noMatch: [
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal placeholder, as configuration files hold it
      { text: 'postgres://app:${DB_PASSWORD}@db:5432/app', why: 'a template variable' },
      { text: 'https://user:****@example.com/', why: 'masked' },
      { text: 'https://example.com/a:b/c', why: 'no credentials' },
    ],
  },
};
