/** The parts of the `brotli` package's JavaScript decoder that `inflate.ts` uses (the package ships no types). */
declare module 'brotli/dec/streams.js' {
  /** Reads a whole compressed buffer. */
  export class BrotliInput {
    constructor(buffer: Uint8Array);
  }
}

declare module 'brotli/dec/decode.js' {
  /** Where the decoder writes: each ring-buffer flush, `count` bytes of `piece`. */
  export interface BrotliOutputLike {
    buffer: Uint8Array;
    pos: number;
    write(piece: Uint8Array, count: number): number;
  }
  /** Decodes `input` into `output`, throwing on a corrupt stream (and on whatever `output.write` throws). */
  export function BrotliDecompress(input: import('brotli/dec/streams.js').BrotliInput, output: BrotliOutputLike): void;
}
