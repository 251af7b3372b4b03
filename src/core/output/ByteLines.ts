import { grown } from '../grown.ts';

const encoder = new TextEncoder();
/** Characters gathered before they are encoded at once: one call per line costs more than the copy. */
const BATCH_CHARS = 1 << 14;

/**
 * Lines of text kept as UTF-8 bytes in one growing buffer, with where each ends. Kept this way
 * between a chunk's two steps, they cost the garbage collector nothing: a million small strings
 * would be copied by every young-generation collection. Lines are encoded in batches; call
 * flush() before reading them.
 */
export class ByteLines {
  bytes: Uint8Array;
  used = 0;
  private ends = new Int32Array(1 << 10);
  count = 0;
  private batch = '';
  /** Lines in the batch, whose ends hold their end in characters of the batch until it is encoded. */
  private batched = 0;

  /** `capacity`: the bytes expected, so that the buffer seldom grows (each growth is a copy). */
  constructor(capacity = 1 << 16) {
    this.bytes = new Uint8Array(capacity);
  }

  push(text: string): void {
    this.batch += text;
    this.ends = grown(this.ends, this.count + 1);
    this.ends[this.count++] = this.batch.length;
    this.batched++;
    if (this.batch.length >= BATCH_CHARS) this.flush();
  }

  flush(): void {
    if (this.batched === 0) return;
    const batch = this.batch;
    // A UTF-16 unit takes at most three UTF-8 bytes.
    this.bytes = grown(this.bytes, this.used + batch.length * 3);
    const first = this.count - this.batched;
    const { read, written } = encoder.encodeInto(batch, this.bytes.subarray(this.used));
    if (read === written) {
      // All ASCII: a character is a byte, so the ends move by where the batch starts.
      for (let i = first; i < this.count; i++) this.ends[i]! += this.used;
      this.used += written;
    } else {
      let start = 0;
      for (let i = first; i < this.count; i++) {
        const end = this.ends[i]!;
        this.used += encoder.encodeInto(batch.slice(start, end), this.bytes.subarray(this.used)).written;
        this.ends[i] = this.used;
        start = end;
      }
    }
    this.batch = '';
    this.batched = 0;
  }

  start(line: number): number {
    return line === 0 ? 0 : this.ends[line - 1]!;
  }

  end(line: number): number {
    return this.ends[line]!;
  }
}
