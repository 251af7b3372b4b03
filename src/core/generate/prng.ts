/**
 * A seeded pseudo-random generator (sfc32: period at least 2^32, about 2^127 on average), built on
 * 32-bit integer arithmetic only, so a seed gives the same numbers on every platform.
 * @example const rng = new Prng(7); rng.int(1, 6); rng.pick(['a', 'b']); rng.chance(0.25);
 */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** Any number is a seed: its integer part, up to 2^53, selects the stream. */
  constructor(seed: number) {
    const whole = Number.isFinite(seed) ? Math.trunc(seed) : 0;
    const low = whole >>> 0;
    const high = Math.floor(whole / 4294967296) >>> 0;
    this.a = splitmix32(low ^ 0x9e3779b9);
    this.b = splitmix32(high ^ 0x243f6a88);
    this.c = splitmix32(low ^ high ^ 0xb7e15162);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A uniform integer in [0, 2^32). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (((this.c << 21) | (this.c >>> 11)) + t) | 0;
    return t >>> 0;
  }

  /** A uniform number in [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }

  /** A uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** A uniform element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)]!;
  }

  /** An index drawn with the given non-negative weights (not all zero). */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.float() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i]!;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** An index drawn from a table made by sampleTable(): one draw and one array read. */
  sample(table: SampleTable): number {
    return table[this.next() >>> SAMPLE_SHIFT]!;
  }
}

/** A weighted distribution as 2^16 slots of indices: fast to draw from, exact to 1/65536. */
export type SampleTable = Uint16Array;
const SAMPLE_BITS = 16;
const SAMPLE_SHIFT = 32 - SAMPLE_BITS;

/**
 * The slot table of a weighted distribution, for Prng.sample().
 * @example new Prng(1).sample(sampleTable([3, 1])) // 0 three times as often as 1
 */
export function sampleTable(weights: readonly number[]): SampleTable {
  const size = 1 << SAMPLE_BITS;
  const table = new Uint16Array(size);
  let total = 0;
  for (const w of weights) total += w;
  let index = 0;
  let upTo = weights[0]!;
  for (let slot = 0; slot < size; slot++) {
    const target = ((slot + 0.5) / size) * total;
    while (target >= upTo && index < weights.length - 1) upTo += weights[++index]!;
    table[slot] = index;
  }
  return table;
}

/** Scrambles a 32-bit integer (splitmix32's finaliser): seeds that differ by one start far apart. */
function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) | 0;
}
