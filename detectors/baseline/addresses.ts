/**
 * Address classes that decide egress when a record has no `flow-direction`: private (RFC 1918, CGNAT
 * 100.64/10, link-local, loopback) on the entity's side and public on the peer's side.
 */

/** Whether an IPv4 address (as uint32) is private, shared, link-local or loopback. */
export function isPrivateV4(a: number): boolean {
  const o1 = a >>> 24;
  const o2 = (a >>> 16) & 255;
  return (
    o1 === 10 ||
    o1 === 127 ||
    (o1 === 172 && o2 >= 16 && o2 <= 31) ||
    (o1 === 192 && o2 === 168) ||
    (o1 === 169 && o2 === 254) ||
    (o1 === 100 && o2 >= 64 && o2 <= 127)
  );
}

/** Whether an IPv6 address is unique-local (fc00::/7), link-local (fe80::/10) or loopback. */
export function isPrivateV6(a: string): boolean {
  const head = a.slice(0, 4).toLowerCase();
  return head.startsWith('fc') || head.startsWith('fd') || /^fe[89ab]/.test(head) || a === '::1';
}

/** Dotted quad of a uint32. */
export function v4ToString(a: number): string {
  return `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;
}

/** The /24 (IPv4) or /48 (IPv6) network of an address: the unit of destination novelty. */
export function networkOf(peer: string): string {
  if (peer.includes(':')) {
    const groups = expandV6(peer).slice(0, 3);
    return `${groups.join(':')}::/48`;
  }
  const dot = peer.lastIndexOf('.');
  return `${peer.slice(0, dot)}.0/24`;
}

function expandV6(a: string): string[] {
  const [head = '', tail] = a.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = Array.from({ length: Math.max(0, 8 - left.length - right.length) }, () => '0');
  return [...left, ...(tail === undefined ? [] : fill), ...right].map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''));
}
