type Growable = Uint8Array | Uint32Array | Int32Array | Float64Array;

/**
 * The array itself when it holds `needed` elements, else a copy at least twice as long.
 * @example grown(new Uint8Array(4), 9).length === 16
 */
export function grown<T extends Growable>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  let size = Math.max(array.length * 2, 16);
  while (size < needed) size *= 2;
  const bigger = new (array.constructor as new (n: number) => T)(size);
  bigger.set(array);
  return bigger;
}
