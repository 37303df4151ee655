/** Writes S3's aws-chunked framing for tests (AWS SigV4 streaming: signed chunks, or unsigned with a trailer). */

/** `data` framed in chunks of `size` bytes: signed (`;chunk-signature=…` on each size line) or with a CRC32 trailer. */
export function awsChunkedOf(data: Buffer, size: number, signed = true): Buffer {
  const out: Buffer[] = [];
  let n = 0;
  // the signatures chain in real uploads; the scanner reads none, so any 64 hex digits do
  const signature = (): string => `;chunk-signature=${(n++ % 256).toString(16).padStart(2, '0').repeat(32)}`;
  for (let at = 0; at < data.length; at += size) {
    const chunk = data.subarray(at, at + size);
    out.push(Buffer.from(`${chunk.length.toString(16)}${signed ? signature() : ''}\r\n`), chunk, Buffer.from('\r\n'));
  }
  out.push(Buffer.from(signed ? `0${signature()}\r\n\r\n` : '0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n'));
  return Buffer.concat(out);
}
