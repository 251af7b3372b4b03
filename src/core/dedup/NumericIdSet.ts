import { DenseBits } from './DenseBits.ts';

const MAX_LOAD = 0.75;
/** At most this many digits: the number stays below 2^47, so it fits 15 bits of the high word. */
const MAX_DIGITS = 14;
const MAX_PREFIX = 16;
const MAX_PREFIXES = 0xffff;
/** A reservation stops here (256 MB): a wrong guess from a file's size must not take the memory. */
const MAX_RESERVED_SLOTS = 1 << 25;
/** Prefixes that get a bitmap first: a file with many prefixes keeps the rest in the table. */
const DENSE_PREFIXES = 16;

/** A 32-bit hash of the two words, all bits mixed (murmur3's finaliser): numbers in a row spread over the table. */
function mix(low: number, high: number): number {
  let h = low ^ Math.imul(high, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Ids of the form prefix + number (`ORD-17209163`, `TXN_1961373`), which most exports use. While a
 * prefix's numbers run close together they are bits of a bitmap (DenseBits); once they spread out,
 * they move to a pair of 32-bit words in an open-addressing table: 8 bytes a slot. The
 * prefix is told by its index in a short list (most files have one). An id that has another form
 * (no trailing digits, a leading zero, too many digits, a long prefix) is not taken: `key` says
 * so, and the caller keeps it as bytes. Each form of id goes to one place, so the set stays exact.
 */
export class NumericIdSet {
  /** Slot k: keys[2k] the number's low 32 bits, keys[2k + 1] (prefix + 1) << 15 | its high bits; 0 is empty. */
  private keys = new Uint32Array(2 << 12);
  private count = 0;
  private readonly prefixes: Uint8Array[] = [];
  /** Per prefix, its bitmap while it has one. */
  private readonly dense: (DenseBits | null)[] = [];
  private lastPrefix = -1;
  private prefix = 0;
  private number = 0;
  /** Ids the table is sized for when it is first used (reserve). */
  private expected = 0;

  get size(): number {
    let size = this.count;
    for (const bits of this.dense) size += bits?.count ?? 0;
    return size;
  }

  get bytes(): number {
    let bytes = this.keys.byteLength;
    for (const bits of this.dense) bytes += bits?.bytes ?? 0;
    return bytes;
  }

  /**
   * Expects about `n` ids: should they go to the table, it is sized for them at once, sparing the
   * rehashes of growing to it (a hint: it grows past it too).
   */
  reserve(n: number): void {
    this.expected = n;
    if (this.count > 0) this.sizeFor(n);
  }

  private sizeFor(n: number): void {
    let slots = this.keys.length >> 1;
    while (n > slots * MAX_LOAD && slots < MAX_RESERVED_SLOTS) slots *= 2;
    if (slots > this.keys.length >> 1) this.rehash(slots);
  }

  /** Reads bytes[start, end) as a prefix and a number; false when the id has another form. */
  key(bytes: Uint8Array, start: number, end: number): boolean {
    let at = end;
    while (at > start && bytes[at - 1]! >= 0x30 && bytes[at - 1]! <= 0x39) at--;
    const digits = end - at;
    if (digits === 0 || digits > MAX_DIGITS || at - start > MAX_PREFIX || (digits > 1 && bytes[at] === 0x30)) return false;
    const prefix = this.prefixIndex(bytes, start, at);
    if (prefix < 0) return false;
    let n = 0;
    for (let i = at; i < end; i++) n = n * 10 + (bytes[i]! - 0x30);
    this.prefix = prefix;
    this.number = n;
    return true;
  }

  /** Adds the id last read by `key`; true when it was not there before. */
  add(): boolean {
    const dense = this.dense[this.prefix];
    if (dense) {
      const added = dense.add(this.number);
      if (added !== null) return added;
      this.spill(this.prefix);
    }
    return this.addHashed(this.prefix, this.number);
  }

  /** Moves a prefix's numbers from its bitmap to the table. */
  private spill(prefix: number): void {
    const dense = this.dense[prefix]!;
    this.dense[prefix] = null;
    this.sizeFor(this.count + dense.count + this.expected);
    dense.forEach((n) => this.addHashed(prefix, n));
  }

  private addHashed(prefix: number, n: number): boolean {
    const low = n >>> 0;
    const high = (((prefix + 1) << 15) | Math.floor(n / 0x1_0000_0000)) >>> 0;
    const keys = this.keys;
    const mask = (keys.length >> 1) - 1;
    let slot = mix(low, high) & mask;
    for (;;) {
      const h = keys[2 * slot + 1]!;
      if (h === 0) break;
      if (h === high && keys[2 * slot] === low) return false;
      slot = (slot + 1) & mask;
    }
    keys[2 * slot] = low;
    keys[2 * slot + 1] = high;
    if (++this.count > (keys.length >> 1) * MAX_LOAD) this.rehash(keys.length);
    return true;
  }

  // Called once per id: no closure here, which costs an allocation and, where names are kept
  // (tsx, the command line), a defineProperty each time.
  private prefixIndex(bytes: Uint8Array, start: number, end: number): number {
    if (this.lastPrefix >= 0 && this.samePrefix(this.lastPrefix, bytes, start, end)) return this.lastPrefix;
    let k = 0;
    while (k < this.prefixes.length && !this.samePrefix(k, bytes, start, end)) k++;
    if (k === this.prefixes.length) {
      if (k >= MAX_PREFIXES) return -1;
      this.prefixes.push(bytes.slice(start, end));
      this.dense.push(k < DENSE_PREFIXES ? new DenseBits() : null);
    }
    return (this.lastPrefix = k);
  }

  private samePrefix(k: number, bytes: Uint8Array, start: number, end: number): boolean {
    const prefix = this.prefixes[k]!;
    if (prefix.length !== end - start) return false;
    for (let i = 0; i < prefix.length; i++) if (prefix[i] !== bytes[start + i]) return false;
    return true;
  }

  private rehash(slots: number): void {
    const old = this.keys;
    const keys = (this.keys = new Uint32Array(2 * slots));
    const mask = (keys.length >> 1) - 1;
    for (let k = 0; k < old.length; k += 2) {
      const high = old[k + 1]!;
      if (high === 0) continue;
      const low = old[k]!;
      let slot = mix(low, high) & mask;
      while (keys[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      keys[2 * slot] = low;
      keys[2 * slot + 1] = high;
    }
  }
}
