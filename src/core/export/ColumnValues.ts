import { digitsValue, plainDecimal } from '../clean/asciiCells.ts';
import type { ParquetType } from './parquetTypes.ts';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WHOLE = /^-?\d+$/;
const MINUS = 0x2d;
const DOT = 0x2e;
/** Bytes a value takes in PLAIN encoding; text takes its own length (after a 4-byte length). */
const WIDTH: Record<ParquetType, number> = { string: 0, int64: 8, double: 8, date: 4 };
/** Numbers are kept as the bytes Parquet writes (little-endian), which needs a platform that stores them so. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const decoder = new TextDecoder();

/**
 * An optional minus and a plain decimal (`plainDecimal`: at most 15 digits, read exactly as
 * Number() reads them), with no dot when `whole`. NaN for anything else, which Number() or
 * BigInt() is then asked about.
 */
function signedDecimal(bytes: Uint8Array, start: number, end: number, whole: boolean): number {
  const negative = bytes[start] === MINUS;
  const from = negative ? start + 1 : start;
  if (whole) for (let i = from; i < end; i++) if (bytes[i] === DOT) return Number.NaN;
  const value = plainDecimal(bytes, from, end);
  return value < 0 ? Number.NaN : negative ? -value : value;
}

/** YYYY-MM-DD as days since 1970-01-01; NaN for anything else. */
function isoDay(bytes: Uint8Array, start: number, end: number): number {
  if (end - start !== 10 || bytes[start + 4] !== MINUS || bytes[start + 7] !== MINUS) return Number.NaN;
  const year = digitsValue(bytes, start, start + 4);
  const month = digitsValue(bytes, start + 5, start + 7);
  const day = digitsValue(bytes, start + 8, start + 10);
  if (year < 0 || month < 0 || day < 0) return Number.NaN;
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

/**
 * One column's values of the row group being filled, read from the bytes of their cells and kept
 * as the bytes Parquet's PLAIN encoding gives them: a number in place in a typed array's buffer,
 * text one cell after another. Nothing is made per value, so nothing is left for the collector:
 * made one by one (strings, then a view per cell for the writer), a group's values outlived
 * collections and were promoted, gigabytes of them in a 10M-row export.
 */
export class ColumnValues {
  /** Per row: 1 when it has a value, 0 for null (the definition levels as they are written). */
  readonly defined: Uint8Array;
  rows = 0;
  nulls = 0;
  /** Bytes of the values, null rows' too (numbers) or none (text). */
  bytes: Uint8Array;
  /** The values' bytes in all, null rows left out. */
  valueBytes = 0;
  /** Bytes a value takes; 0 for text, whose values are as long as they are. */
  readonly width: number;
  /** Text: where each row's bytes start and end (a null row's are empty). */
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly doubles: Float64Array | null = null;
  private readonly ints: Int32Array | null = null;
  private readonly bigints: BigInt64Array | null = null;
  /** An INT64 as two 32-bit words, low first: no bigint made for it. */
  private readonly words: Uint32Array | null = null;

  constructor(
    readonly name: string,
    readonly type: ParquetType,
    capacity: number,
  ) {
    this.width = WIDTH[type];
    this.defined = new Uint8Array(capacity);
    const text = type === 'string';
    this.starts = new Int32Array(text ? capacity : 0);
    this.ends = new Int32Array(text ? capacity : 0);
    if (!text && !LITTLE_ENDIAN) throw new Error('Writing Parquet needs a little-endian platform.');
    this.bytes = new Uint8Array(text ? capacity * 16 : capacity * this.width);
    const buffer = this.bytes.buffer;
    if (type === 'double') this.doubles = new Float64Array(buffer);
    else if (type === 'date') this.ints = new Int32Array(buffer);
    else if (type === 'int64') {
      this.bigints = new BigInt64Array(buffer);
      this.words = new Uint32Array(buffer);
    }
  }

  /** Where row `row`'s bytes start in `bytes`. */
  start(row: number): number {
    return this.width === 0 ? this.starts[row]! : row * this.width;
  }

  end(row: number): number {
    return this.width === 0 ? this.ends[row]! : (row + 1) * this.width;
  }

  /** The cell bytes[start, end); empty is null. */
  push(bytes: Uint8Array, start: number, end: number): void {
    const row = this.rows++;
    if (start === end) {
      this.defined[row] = 0;
      this.nulls++;
      if (this.width === 0) this.starts[row] = this.ends[row] = this.valueBytes;
      return;
    }
    this.defined[row] = 1;
    if (this.width === 0) this.pushText(row, bytes, start, end);
    else {
      this.valueBytes += this.width;
      if (this.words !== null) this.pushWhole(row, bytes, start, end);
      else if (this.doubles !== null) this.doubles[row] = this.double(bytes, start, end);
      else this.ints![row] = this.day(bytes, start, end);
    }
  }

  /** Ready for the next row group. */
  clear(): void {
    this.rows = this.nulls = this.valueBytes = 0;
  }

  private pushText(row: number, bytes: Uint8Array, start: number, end: number): void {
    const from = this.valueBytes;
    const to = from + end - start;
    if (to > this.bytes.length) {
      const bigger = new Uint8Array(Math.max(to, 2 * this.bytes.length));
      bigger.set(this.bytes.subarray(0, from));
      this.bytes = bigger;
    }
    const out = this.bytes;
    // A view for a short cell costs more than copying it.
    if (end - start < 32) for (let i = start, j = from; i < end; i++, j++) out[j] = bytes[i]!;
    else out.set(bytes.subarray(start, end), from);
    this.starts[row] = from;
    this.ends[row] = this.valueBytes = to;
  }

  private pushWhole(row: number, bytes: Uint8Array, start: number, end: number): void {
    const n = signedDecimal(bytes, start, end, true);
    if (Number.isNaN(n)) {
      this.bigints![row] = this.bigint(bytes, start, end);
      return;
    }
    const high = Math.floor(n / 2 ** 32);
    this.words![2 * row] = n - high * 2 ** 32;
    this.words![2 * row + 1] = high;
  }

  private double(bytes: Uint8Array, start: number, end: number): number {
    const plain = signedDecimal(bytes, start, end, false);
    if (!Number.isNaN(plain)) return plain;
    const value = Number(this.cell(bytes, start, end));
    if (!Number.isFinite(value)) throw new Error(`Column ${this.name}: "${this.cell(bytes, start, end)}" is not a number.`);
    return value;
  }

  private day(bytes: Uint8Array, start: number, end: number): number {
    const day = isoDay(bytes, start, end);
    if (!Number.isNaN(day)) return day;
    const cell = this.cell(bytes, start, end);
    const m = DATE.exec(cell);
    if (m === null) throw new Error(`Column ${this.name}: "${cell}" is not a YYYY-MM-DD date.`);
    return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
  }

  private bigint(bytes: Uint8Array, start: number, end: number): bigint {
    const cell = this.cell(bytes, start, end);
    if (!WHOLE.test(cell)) throw new Error(`Column ${this.name}: "${cell}" is not a whole number.`);
    const value = BigInt(cell);
    if (value !== BigInt.asIntN(64, value)) throw new Error(`Column ${this.name}: ${cell} is too large for a 64-bit integer.`);
    return value;
  }

  private cell(bytes: Uint8Array, start: number, end: number): string {
    return decoder.decode(bytes.subarray(start, end));
  }
}
