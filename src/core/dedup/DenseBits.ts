/** A window of up to 2^23 bits (1 MB) is kept whatever the count: a dense run of ids is cheap. */
const FREE_BITS = 1 << 23;
/** Past that, at most this many bits an id: the hash table costs about 85. */
const BITS_PER_ID = 64;
const MAX_BITS = 2 ** 31;
const FIRST_BITS = 1 << 16;

/**
 * A set of non-negative integers as one bit each over a window that grows to take them in: for
 * order numbers in a run (`ORD-17209163`, `ORD-17209164`, ...), a bit an id instead of a hash slot
 * of 64, and a test that touches one word instead of a random line of a large table. `add` says
 * when a number lies too far from the others for the window to stay small: the caller then keeps
 * them another way (`forEach`).
 */
export class DenseBits {
  private words: Uint32Array | null = null;
  /** The number of the window's first bit: a multiple of 32. */
  private base = 0;
  count = 0;

  get bytes(): number {
    return this.words?.byteLength ?? 0;
  }

  /** True when `n` is added, false when it was there, null when keeping it would make the window too sparse. */
  add(n: number): boolean | null {
    let words = this.words;
    if (words === null) {
      this.base = Math.max(0, floor32(n) - FIRST_BITS / 2);
      words = this.words = new Uint32Array(FIRST_BITS / 32);
    }
    let i = n - this.base;
    if (i < 0 || i >= words.length * 32) {
      if (!this.grow(n)) return null;
      words = this.words!;
      i = n - this.base;
    }
    const word = i >>> 5;
    const bit = 1 << (i & 31);
    if ((words[word]! & bit) !== 0) return false;
    words[word]! |= bit;
    this.count++;
    return true;
  }

  forEach(use: (n: number) => void): void {
    const words = this.words;
    if (words === null) return;
    for (let w = 0; w < words.length; w++) {
      let word = words[w]!;
      while (word !== 0) {
        const b = 31 - Math.clz32(word);
        use(this.base + w * 32 + b);
        word &= ~(1 << b);
      }
    }
  }

  /** Widens the window to take in `n` (at least doubling it, so growth costs little in all); false when it would be too sparse. */
  private grow(n: number): boolean {
    const old = this.words!;
    const oldBits = old.length * 32;
    const start = Math.min(this.base, floor32(n));
    const end = Math.max(this.base + oldBits, floor32(n) + 32);
    const limit = Math.min(MAX_BITS, Math.max(FREE_BITS, BITS_PER_ID * (this.count + 1)));
    if (end - start > limit) return false;
    const bits = Math.min(limit, Math.max(2 * oldBits, end - start));
    // Room is made on the side `n` came from.
    const base = n < this.base ? Math.max(0, end - bits) : this.base;
    const words = new Uint32Array(bits / 32);
    words.set(old, (this.base - base) / 32);
    this.words = words;
    this.base = base;
    return true;
  }
}

const floor32 = (n: number): number => n - (n % 32);
