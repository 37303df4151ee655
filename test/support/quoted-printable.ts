/**
 * Quoted-printable encoding as a mail client writes it (RFC 2045 §6.7): `=`, controls and bytes beyond ASCII as
 * `=XX`, lines wrapped at `width` columns with a soft break (`=` and `eol`) wherever they fall, mid-value too.
 */
export function quotedPrintable(bytes: Uint8Array, eol = '\r\n', width = 76): Buffer {
  let out = '';
  let line = '';
  for (const b of bytes) {
    const token =
      (b >= 33 && b <= 126 && b !== 61) || b === 32
        ? String.fromCharCode(b)
        : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
    if (line.length + token.length > width - 1) {
      out += `${line}=${eol}`;
      line = '';
    }
    line += token;
  }
  return Buffer.from(out + line, 'latin1');
}
