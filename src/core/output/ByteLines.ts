import { grown } from '../grown.ts';

const encoder = new TextEncoder();
const DIGIT_0 = 0x30;

/**
 * Lines of text written straight into one growing UTF-8 buffer, with where each ends. Kept this
 * way between a chunk's two steps, they cost the garbage collector nothing (a million small
 * strings would be copied by every young-generation collection), and writing ASCII a character
 * at a time skips building a string per line and encoding it.
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

  /** Room for `n` more bytes. */
  private room(n: number): Uint8Array {
    return (this.bytes = grown(this.bytes, this.used + n));
  }

  /** A whole line. */
  push(text: string): void {
    this.text(text);
    this.endLine();
  }

  text(text: string): void {
    // A UTF-16 unit takes at most three UTF-8 bytes.
    const out = this.room(text.length * 3);
    let at = this.used;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) {
        this.used = at + encoder.encodeInto(text.slice(i), out.subarray(at)).written;
        return;
      }
      out[at++] = c;
    }
    this.used = at;
  }

  /** Bytes already encoded (a cell that repeats, say). */
  raw(bytes: Uint8Array): void {
    const out = this.room(bytes.length);
    if (bytes.length > 32) out.set(bytes, this.used);
    else for (let i = 0, at = this.used; i < bytes.length; i++) out[at++] = bytes[i]!;
    this.used += bytes.length;
  }

  byte(b: number): void {
    this.room(1)[this.used++] = b;
  }

  /** An integer in decimal. */
  integer(n: number): void {
    if (n < 0) {
      this.byte(0x2d);
      n = -n;
    }
    let digits = 1;
    for (let power = 10; n >= power; power *= 10) digits++;
    const out = this.room(digits);
    let at = (this.used += digits);
    do {
      out[--at] = DIGIT_0 + (n % 10);
      n = Math.floor(n / 10);
    } while (n > 0);
  }

  endLine(): void {
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
