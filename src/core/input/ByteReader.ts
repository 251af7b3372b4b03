/** Reads an async byte stream with a look at its head first (to sniff it) and a count of bytes. */
export class ByteReader {
  private readonly iterator: AsyncIterator<Uint8Array>;
  private head: Uint8Array[] = [];
  /** Bytes taken from the underlying stream so far. */
  bytesRead = 0;

  constructor(stream: AsyncIterable<Uint8Array>) {
    this.iterator = stream[Symbol.asyncIterator]();
  }

  /** At least `n` bytes from the start (fewer at the end of the stream), kept for reading again. */
  async peek(n: number): Promise<Uint8Array> {
    let have = this.head.reduce((sum, b) => sum + b.length, 0);
    while (have < n) {
      const next = await this.iterator.next();
      if (next.done) break;
      this.bytesRead += next.value.length;
      this.head.push(next.value);
      have += next.value.length;
    }
    const joined = new Uint8Array(have);
    let at = 0;
    for (const b of this.head) {
      joined.set(b, at);
      at += b.length;
    }
    this.head = [joined];
    return joined;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    const head = this.head;
    this.head = [];
    try {
      for (const b of head) if (b.length > 0) yield b;
      for (;;) {
        const next = await this.iterator.next();
        if (next.done) return;
        this.bytesRead += next.value.length;
        yield next.value;
      }
    } finally {
      // Stopped early (cancel, an error, a sample): let the underlying stream close its file.
      await this.iterator.return?.();
    }
  }
}
