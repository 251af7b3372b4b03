const isSurrogate = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdfff;

/**
 * Orders strings as their UTF-8 bytes would (code point order), unlike `<` on UTF-16 units.
 * @example ['\u{1F600}', '\uFFFD'].sort(compareBytes) // ['\uFFFD', '\u{1F600}']
 */
export function compareBytes(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = isSurrogate(x);
    // A surrogate starts a code point above U+FFFF, which sorts after every BMP unit.
    if (xs === isSurrogate(y)) return x - y;
    return xs ? 1 : -1;
  }
  return a.length - b.length;
}
