import { takeBuffer, giveBuffer } from '../bufferPool.ts';
import { putUtf8 } from '../text/shortUtf8.ts';

const DIGIT_0 = 0x30;
const MINUS = 0x2d;

/**
 * Lines of text written straight into one growing UTF-8 buffer, with where each ends. Kept this
 * way between a chunk's two steps, they cost the garbage collector nothing (a million small
 * strings would be copied by every young-generation collection). Hot writers reserve room for a
 * line, write it with the put functions below and end it: no string per line, no encoder call.
 */
export class ByteLines {
  bytes: Uint8Array;
  used = 0;
  private ends: Int32Array;
  count = 0;

  /** `capacity` and `lines`: the bytes and lines expected, so that they seldom grow (each growth is a copy). */
  constructor(capacity = 1 << 16, lines = 1 << 10) {
    this.bytes = takeBuffer(capacity);
    this.ends = int32s(takeBuffer(4 * lines));
  }

  /** The buffer, with room for `n` more bytes after `used`. */
  reserve(n: number): Uint8Array {
    const needed = this.used + n;
    if (needed <= this.bytes.length) return this.bytes;
    const bigger = takeBuffer(Math.max(needed, 2 * this.bytes.length));
    bigger.set(this.bytes.subarray(0, this.used));
    giveBuffer(this.bytes.buffer);
    return (this.bytes = bigger);
  }

  /** A whole line. */
  push(text: string): void {
    this.used = putUtf8(this.reserve(text.length * 3), this.used, text);
    this.endLine();
  }

  /** Ends the line at `used` (set `used` first when writing with the put functions). */
  endLine(): void {
    if (this.count >= this.ends.length) this.growEnds();
    this.ends[this.count++] = this.used;
  }

  private growEnds(): void {
    const bigger = int32s(takeBuffer(8 * Math.max(this.count, 1 << 10)));
    bigger.set(this.ends);
    giveBuffer(this.ends.buffer);
    this.ends = bigger;
  }

  /** Gives the line ends back to the pool: no line can be found after this (the bytes stay). */
  releaseEnds(): void {
    giveBuffer(this.ends.buffer);
    this.ends = new Int32Array(0);
  }

  start(line: number): number {
    return line === 0 ? 0 : this.ends[line - 1]!;
  }

  end(line: number): number {
    return this.ends[line]!;
  }
}

/** All of a pooled buffer as 32-bit integers (its length need not be a multiple of four). */
const int32s = (bytes: Uint8Array): Int32Array => new Int32Array(bytes.buffer, 0, bytes.byteLength >> 2);

/** Copies bytes already encoded (a cell that repeats, say). */
export function putBytes(out: Uint8Array, at: number, bytes: Uint8Array): number {
  if (bytes.length > 32) {
    out.set(bytes, at);
    return at + bytes.length;
  }
  for (let i = 0; i < bytes.length; i++) out[at++] = bytes[i]!;
  return at;
}

/** Writes an integer in decimal (room for 17 bytes). */
export function putInteger(out: Uint8Array, at: number, n: number): number {
  if (n >= 0 && n <= 0x7fffffff) return putInt32(out, at, n | 0);
  if (n < 0) {
    out[at++] = MINUS;
    n = -n;
  }
  let digits = 1;
  for (let power = 10; n >= power; power *= 10) digits++;
  let end = at + digits;
  at = end;
  do {
    out[--end] = DIGIT_0 + (n % 10);
    n = Math.floor(n / 10);
  } while (n > 0);
  return at;
}

/**
 * The same for 0 <= n < 2^31, which is nearly every call (row numbers, quantities, whole units of
 * revenue), in 32-bit integer arithmetic: the doubles' `%` and `Math.floor` above made putInteger
 * 7% of a chunk worker's time (CPU profile of a 10M-row job); this takes a sixth of that.
 */
function putInt32(out: Uint8Array, at: number, n: number): number {
  const end = at + digitsOf(n);
  let v = n;
  let i = end;
  do {
    const q = (v / 10) | 0;
    out[--i] = DIGIT_0 + (v - q * 10);
    v = q;
  } while (v > 0);
  return end;
}

const digitsOf = (n: number): number =>
  n < 100_000
    ? n < 100 ? (n < 10 ? 1 : 2) : n < 1000 ? 3 : n < 10_000 ? 4 : 5
    : n < 10_000_000 ? (n < 1_000_000 ? 6 : 7) : n < 100_000_000 ? 8 : n < 1_000_000_000 ? 9 : 10;
