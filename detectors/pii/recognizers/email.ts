import { parse } from 'tldts';
import { Gate, type Recognizer } from '../types.js';

/** E-mail address whose domain ends in an ICANN public suffix (tldts), so `info@presidio.` and `a@b.local` do not count. */
export const email: Recognizer = {
  id: 'email',
  type: 'EMAIL',
  fineType: 'EMAIL',
  description: 'E-mail address: contact data identifying a person or reaching them.',
  gate: (f) => (f.at > 0 && f.dots > 0 ? Gate.YES : Gate.NO),

  pattern:
    /(?<![A-Za-z0-9._%+-])[A-Za-z0-9_%+-](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z][A-Za-z0-9-]{1,62}(?![A-Za-z0-9-]|\.[A-Za-z0-9])/,
  validate: (m) => {
    const at = m[0].indexOf('@');
    const info = parse(m[0].slice(at + 1), { allowPrivateDomains: false });
    if (info.isIcann !== true || !info.domainWithoutSuffix) return false;
    return { normalized: m[0].toLowerCase() };
  },
  context: ['email', 'e-mail', 'mail'],
  requiresContext: false,
  confidence: 0.9,
  examples: {
    match: ['info@presidio.site', 'a@xn--d1acufc.xn--p1ai', 'jane.doe+news@example.co.uk'],
    noMatch: [
      { text: 'my email is info@presidio.', why: 'no public suffix after the dot' },
      { text: 'root@localhost.localdomain', why: 'localdomain is not an ICANN suffix' },
      { text: 'git@ssh.invalidtld', why: 'unknown top-level domain' },
    ],
  },
};
