import { firstInvalidUtf8 } from '../input/utf8.ts';

/**
 * UTF-8 for the short cells of a row, in plain JavaScript. In a browser, every call of
 * TextDecoder.decode or TextEncoder.encodeInto on a view makes wrapper objects in Blink's heap,
 * which only a full collection frees: the calls of a 10M-row job left ~10 MB of them in each chunk
 * worker before its first one. Long text still goes to the platform's own coder, as does anything
 * these functions would not decode exactly as TextDecoder does (invalid bytes, a byte order mark).
 */

/** Longer ranges (a cell or a rejected line of more, rarely) go to TextDecoder, so that the scratch stays small. */
const SHORT = 256;
const decoder = new TextDecoder();
const units = new Uint16Array(SHORT);

/** The bytes [start, end) as text, exactly as `new TextDecoder().decode` gives them. */
export function utf8Text(bytes: Uint8Array, start: number, end: number): string {
  if (end <= start) return '';
  const bom = bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf;
  if (end - start > SHORT || bom || firstInvalidUtf8(bytes, true, start, end) >= 0) return decoder.decode(bytes.subarray(start, end));
  // Valid from here on: every sequence is whole, its length told by its first byte.
  let n = 0;
  for (let i = start; i < end; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      units[n++] = b;
      i++;
      continue;
    }
    const size = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    let code = b & (0xff >> (size + 1));
    for (let k = 1; k < size; k++) code = (code << 6) | (bytes[i + k]! & 0x3f);
    if (code >= 0x10000) {
      code -= 0x10000;
      units[n++] = 0xd800 | (code >> 10);
      units[n++] = 0xdc00 | (code & 0x3ff);
    } else units[n++] = code;
    i += size;
  }
  return String.fromCharCode.apply(null, units.subarray(0, n) as unknown as number[]);
}

/**
 * Writes text as UTF-8 at `at`, as TextEncoder does (a lone surrogate becomes U+FFFD), and
 * returns where it ends. `out` must have room for three bytes a UTF-16 code unit.
 */
export function putUtf8(out: Uint8Array, at: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      out[at++] = c;
      continue;
    }
    if (c < 0x800) {
      out[at++] = 0xc0 | (c >> 6);
      out[at++] = 0x80 | (c & 0x3f);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
        out[at++] = 0xf0 | (c >> 18);
        out[at++] = 0x80 | ((c >> 12) & 0x3f);
        out[at++] = 0x80 | ((c >> 6) & 0x3f);
        out[at++] = 0x80 | (c & 0x3f);
        continue;
      }
      c = 0xfffd;
    }
    out[at++] = 0xe0 | (c >> 12);
    out[at++] = 0x80 | ((c >> 6) & 0x3f);
    out[at++] = 0x80 | (c & 0x3f);
  }
  return at;
}

/** Text as UTF-8 bytes, as `new TextEncoder().encode` gives them. */
export function toUtf8(text: string): Uint8Array {
  const out = new Uint8Array(3 * text.length);
  return out.slice(0, putUtf8(out, 0, text));
}
