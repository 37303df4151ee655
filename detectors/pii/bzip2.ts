/**
 * bzip2 (`.bz2` files, `tar cjf` exports, `mysqldump | bzip2`, pbzip2's concatenated streams), decoded by seek-bzip (pure
 * JS) into a capped output: a block's bytes come once its CRC checks, so a cut file yields its whole blocks.
 */
import Bunzip from 'seek-bzip';
import { CappedOutput, type DecodeEnd } from './capped-output.js';

/** Thrown from the decoder's input past the data's end, and from its output once `max` bytes are kept. */
class Cut extends Error {}
class Full extends Error {}

/** @internal The bytes the bzip2 streams of `input` hold, at most `max` of them, and how decoding ended. */
export function unbzip2(input: Uint8Array, max: number): { bytes: Buffer; end: DecodeEnd } {
  const out = new CappedOutput(max);
  let position = 0;
  const source = {
    readByte: (): number => {
      if (position >= input.length) throw new Cut();
      return input[position++] as number;
    },
    read: (into: Uint8Array, at: number, length: number): number => {
      for (let k = 0; k < length; k++) into[at + k] = source.readByte();
      return length;
    },
    seek: (to: number): void => {
      position = to;
    },
    eof: (): boolean => position >= input.length,
  };
  const sink = {
    writeByte: (byte: number): void => {
      if (!out.push(byte)) throw new Full();
    },
  };
  try {
    Bunzip.decode(source, sink, true);
    return out.result('whole');
  } catch (error) {
    return out.result(error instanceof Full ? 'full' : error instanceof Cut ? 'cut' : 'corrupt');
  }
}
