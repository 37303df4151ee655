import { domainToASCII } from 'node:url';
import { parse } from 'tldts';
import { Gate, type Recognizer } from '../types.js';

/** Bytes beyond ASCII in a window read as latin1. */
const NON_ASCII = /[\x80-\xff]/;

/** E-mail address whose domain ends in an ICANN public suffix (tldts), so `info@presidio.` and `a@b.local` do not count. */
export const email: Recognizer = {
  id: 'email',
  type: 'EMAIL',
  fineType: 'EMAIL',
  description: 'E-mail address: contact data identifying a person or reaching them.',
  gate: (f) => (f.at > 0 && f.dots > 0 ? Gate.YES : Gate.NO),

  // the window's bytes as latin1: \x80-\xff are the UTF-8 bytes of letters beyond ASCII (RFC 6531 local parts, IDNs)
  pattern:
    /(?<![A-Za-z0-9._%+\x80-\xff-])[A-Za-z0-9_%+\x80-\xff-](?:[A-Za-z0-9._%+\x80-\xff-]{0,62}[A-Za-z0-9_%+\x80-\xff-])?@(?:[A-Za-z0-9\x80-\xff](?:[A-Za-z0-9\x80-\xff-]{0,61}[A-Za-z0-9\x80-\xff])?\.){1,8}[A-Za-z\x80-\xff][A-Za-z0-9\x80-\xff-]{1,62}(?![A-Za-z0-9\x80-\xff-]|\.[A-Za-z0-9\x80-\xff])/,
  validate: (m) => {
    const address = m[0];
    if (!NON_ASCII.test(address)) {
      const info = parse(address.slice(address.indexOf('@') + 1), { allowPrivateDomains: false });
      return info.isIcann === true && info.domainWithoutSuffix ? { normalized: address.toLowerCase() } : false;
    }
    // an internationalised address: its domain checked as the A-labels DNS knows it (`xn--mnchen-3ya.de`)
    const text = Buffer.from(address, 'latin1').toString('utf8');
    if (text.includes('\ufffd')) return false;
    const at = text.lastIndexOf('@');
    const domain = domainToASCII(text.slice(at + 1));
    const info = domain === '' ? undefined : parse(domain, { allowPrivateDomains: false });
    if (info?.isIcann !== true || !info.domainWithoutSuffix) return false;
    return { normalized: Buffer.from(`${text.slice(0, at).toLowerCase()}@${domain}`, 'utf8').toString('latin1') };
  },
  context: ['email', 'e-mail', 'mail'],
  requiresContext: false,
  confidence: 0.9,
  examples: {
    match: [
      'info@presidio.site',
      'a@xn--d1acufc.xn--p1ai',
      'jane.doe+news@example.co.uk',
      'contact: josé.garcía@correo.es',
      'ada@münchen.de',
      '用户@例子.中国',
      'почта@пример.рф',
    ],
    noMatch: [
      { text: 'my email is info@presidio.', why: 'no public suffix after the dot' },
      { text: 'root@localhost.localdomain', why: 'localdomain is not an ICANN suffix' },
      { text: 'git@ssh.invalidtld', why: 'unknown top-level domain' },
      { text: 'ada@münchen.invalidtld', why: 'unknown top-level domain, beyond ASCII too' },
    ],
  },
};
