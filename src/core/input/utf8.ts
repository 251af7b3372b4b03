/**
 * Index of the first byte that cannot start or continue a valid UTF-8 sequence, or -1.
 * A sequence cut off by the end of `bytes` is invalid only when `final` is set. Looks only at
 * bytes [start, end), and answers an index of `bytes`.
 * @example firstInvalidUtf8(new Uint8Array([0x61, 0xe9, 0x62]), true) === 1
 */
export function firstInvalidUtf8(bytes: Uint8Array, final: boolean, start = 0, end = bytes.length): number {
  const n = end;
  let i = start;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return final ? i : -1;
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}
