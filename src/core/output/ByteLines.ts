import { grown } from '../grown.ts';

const encoder = new TextEncoder();
const DIGIT_0 = 0x30;

/**
 * Lines of text kept as UTF-8 bytes in one growing buffer, with where each ends. Kept this way
 * between a chunk's two steps, they cost the garbage collector nothing: a million small strings
 * would be copied by every young-generation collection.
 */
export class ByteLines {
  bytes: Uint8Array;
  used = 0;
  private ends = new Int32Array(1 << 10);
  count = 0;

  /** `capacity`: the bytes expected, so that the buffer seldom grows (each growth is a copy). */
  constructor(capacity = 1 << 16) {
    this.bytes = new Uint8Array(capacity);
  }

  push(text: string): void {
    // A UTF-16 unit takes at most three UTF-8 bytes.
    this.bytes = grown(this.bytes, this.used + text.length * 3);
    this.used += encoder.encodeInto(text, this.bytes.subarray(this.used)).written;
    this.ends = grown(this.ends, this.count + 1);
    this.ends[this.count++] = this.used;
  }

  start(line: number): number {
    return line === 0 ? 0 : this.ends[line - 1]!;
  }

  end(line: number): number {
    return this.ends[line]!;
  }
}

/** Writes numbered lines: each line's row number in ASCII, then its bytes. */
export class NumberedLines {
  private bytes: Uint8Array;
  private used = 0;

  constructor(capacity: number) {
    this.bytes = new Uint8Array(capacity);
  }

  add(rowNumber: number, lines: ByteLines, line: number): void {
    const start = lines.start(line);
    const end = lines.end(line);
    // 16 bytes are room for any row number's digits.
    this.bytes = grown(this.bytes, this.used + 16 + end - start);
    let digits = 1;
    for (let n = rowNumber; n >= 10; n = Math.floor(n / 10)) digits++;
    for (let i = digits - 1, n = rowNumber; i >= 0; i--, n = Math.floor(n / 10)) this.bytes[this.used + i] = DIGIT_0 + (n % 10);
    this.used += digits;
    this.bytes.set(lines.bytes.subarray(start, end), this.used);
    this.used += end - start;
  }

  /** The bytes written: a view of this writer's buffer, which is the caller's from now on. */
  take(): Uint8Array {
    return this.bytes.subarray(0, this.used);
  }
}
