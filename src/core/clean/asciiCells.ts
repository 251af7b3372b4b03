import { utf8Text } from '../text/shortUtf8.ts';

/**
 * Reading cells straight from their UTF-8 bytes, for the common case of ASCII cells. Each helper
 * answers exactly as the string rules in cells.ts would for an ASCII cell; the row cleaner hands
 * any other cell to those rules.
 */

/** Whitespace as String.prototype.trim sees it, among ASCII bytes. */
export const isAsciiSpace = (b: number): boolean => b === 0x20 || (b >= 0x09 && b <= 0x0d);

export function trimStart(bytes: Uint8Array, start: number, end: number): number {
  while (start < end && isAsciiSpace(bytes[start]!)) start++;
  return start;
}

export function trimEnd(bytes: Uint8Array, start: number, end: number): number {
  while (end > start && isAsciiSpace(bytes[end - 1]!)) end--;
  return end;
}

/**
 * Whether String.prototype.trim would remove bytes [start, end) entirely; bytes beyond ASCII are
 * decoded to ask it, as UTF-8 unless `decode` says otherwise.
 */
export function isBlankBytes(bytes: Uint8Array, start: number, end: number, decode: (bytes: Uint8Array, start: number, end: number) => string = utf8Text): boolean {
  let ascii = true;
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    if (b >= 0x80) ascii = false;
    else if (!isAsciiSpace(b)) return false;
  }
  return ascii || decode(bytes, start, end).trim() === '';
}

export function hasHighBytes(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

const lower = (b: number): number => (b >= 0x41 && b <= 0x5a ? b | 0x20 : b);

/** Missing-value tokens as ASCII bytes, lower case: an ASCII cell can only equal an ASCII token. */
export class AsciiTokens {
  private readonly tokens: Uint8Array[];
  readonly longest: number;

  constructor(tokens: ReadonlySet<string>) {
    const encoder = new TextEncoder();
    this.tokens = [...tokens].filter((t) => t.length > 0 && [...t].every((c) => c.charCodeAt(0) < 0x80)).map((t) => encoder.encode(t));
    this.longest = Math.max(0, ...[...tokens].map((t) => t.length));
  }

  /** Whether the trimmed ASCII cell [start, end) is a token, ignoring case. */
  has(bytes: Uint8Array, start: number, end: number): boolean {
    const n = end - start;
    if (n > this.longest) return false;
    next: for (const token of this.tokens) {
      if (token.length !== n) continue;
      for (let i = 0; i < n; i++) if (lower(bytes[start + i]!) !== token[i]) continue next;
      return true;
    }
    return false;
  }
}

/** One to nine ASCII digits as their number, else -1: most quantities. */
export function digitsValue(bytes: Uint8Array, start: number, end: number): number {
  if (end <= start || end - start > 9) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = bytes[i]! - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

const POWERS_OF_TEN = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * A price of the form `digits` or `digits.digits` (at most 15 digits), else -1. The digits as one
 * integer divided by a power of ten is exactly what Number() reads: both are the correctly
 * rounded value of the same decimal.
 */
export function plainDecimal(bytes: Uint8Array, start: number, end: number): number {
  let n = 0;
  let digits = 0;
  let dot = -1;
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    if (b === 0x2e && dot < 0 && digits > 0) dot = i;
    else {
      const d = b - 0x30;
      if (d < 0 || d > 9) return -1;
      n = n * 10 + d;
      digits++;
    }
  }
  if (digits === 0 || digits > 15) return -1;
  return dot < 0 ? n : n / POWERS_OF_TEN[end - dot - 1]!;
}

const isLetter = (b: number) => b >= 0x61 && b <= 0x7a;
const isDigit = (b: number) => b >= 0x30 && b <= 0x39;
/** [a-z0-9._%+-] */
const isLocalByte = (b: number) => isLetter(b) || isDigit(b) || b === 0x2e || b === 0x5f || b === 0x25 || b === 0x2b || b === 0x2d;

/**
 * Whether an ASCII cell, lower-cased, matches SPEC's email pattern
 * `^[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$`: a local part, one `@`, then at least
 * two dot-separated labels of [a-z0-9-], the last of two or more letters.
 */
export function isEmail(bytes: Uint8Array, start: number, end: number): boolean {
  let i = start;
  while (i < end && isLocalByte(lower(bytes[i]!))) i++;
  if (i === start || i === end || bytes[i] !== 0x40) return false;
  let labels = 0;
  let labelStart = ++i;
  let letters = true;
  for (; i <= end; i++) {
    const b = i < end ? lower(bytes[i]!) : 0x2e;
    if (b === 0x2e) {
      if (i === labelStart) return false;
      labels++;
      if (i === end) return labels >= 2 && letters && i - labelStart >= 2;
      labelStart = i + 1;
      letters = true;
    } else if (isLetter(b)) continue;
    else if (isDigit(b) || b === 0x2d) letters = false;
    else return false;
  }
  return false;
}

/** Copies ASCII bytes in upper case (`upper`) or lower case. */
export function putCased(out: Uint8Array, at: number, bytes: Uint8Array, start: number, end: number, upper: boolean): number {
  if (upper) {
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      out[at++] = b >= 0x61 && b <= 0x7a ? b & 0xdf : b;
    }
  } else for (let i = start; i < end; i++) out[at++] = lower(bytes[i]!);
  return at;
}
