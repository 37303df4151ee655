/**
 * The part every incremental reader shares (the multipart and tar splitters, the dechunker): the bytes held since
 * the last decision, fed chunk by chunk and consumed from the front. A reader decides in `run` with what it holds,
 * and waits for more unless the input has ended.
 */
export abstract class HeldBytes<Out> {
  /** Bytes not yet consumed; copied from the chunks (the caller may reuse a chunk's memory once `write` returns). */
  protected held: Buffer = Buffer.alloc(0);
  /** Offset of `held[0]` in the whole input. */
  protected base = 0;

  /** Feeds the next chunk; returns what it completes. */
  write(chunk: Uint8Array): Out[] {
    this.held = this.held.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.held, chunk]);
    return this.run(false);
  }

  /** Ends the input: what is still held is decided as it is. */
  end(): Out[] {
    return this.run(true);
  }

  /** Consumes the first `n` held bytes and returns them (a view: valid until the next write). */
  protected consume(n: number): Buffer {
    const taken = this.held.subarray(0, n);
    this.held = this.held.subarray(n);
    this.base += n;
    return taken;
  }

  /** Decides what it can with the held bytes; `final` once no more input will come. */
  protected abstract run(final: boolean): Out[];
}
