/** The part of the `seek-bzip` package that `bzip2.ts` uses (the package ships no types). */
declare module 'seek-bzip' {
  /** Where the decoder reads: byte by byte, from a position it may set. */
  interface BzipInput {
    readByte(): number;
    read(into: Uint8Array, at: number, length: number): number;
    seek(position: number): void;
    eof(): boolean;
  }
  /** Where the decoder writes: each block's bytes, one by one, once its CRC is computed. */
  interface BzipOutput {
    writeByte(byte: number): void;
  }
  /** Decodes every bzip2 stream of `input` into `output` (`multistream`: several concatenated, as pbzip2 writes). */
  function decode(input: BzipInput, output: BzipOutput, multistream: boolean): void;
  const Bunzip: { decode: typeof decode };
  export default Bunzip;
}
