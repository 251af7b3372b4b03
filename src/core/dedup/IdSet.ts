import { hashBytes } from '../text/hashBytes.ts';
import { grown } from '../grown.ts';
import { NumericIdSet } from './NumericIdSet.ts';

const EMPTY = 0;
const MAX_LOAD = 0.6;

/**
 * An exact set of byte strings (accepted order ids) in a few flat arrays: the bytes in one arena,
 * and an open-addressing table of (hash, entry number) pairs side by side, so that a probe reads
 * one cache line and the arena is read only when the hashes agree. A JavaScript Set of ten
 * million strings takes over a gigabyte; this takes the ids' bytes plus 4 bytes each for where
 * they end and 8 per table slot, and ids of the usual prefix + number form only a slot of 8 bytes
 * (NumericIdSet).
 */
export class IdSet {
  private arena = new Uint8Array(1 << 16);
  private used = 0;
  /** ends[i] is where entry i's bytes end; entry i starts at ends[i - 1] (or 0). */
  private ends = new Uint32Array(1 << 12);
  /** Slot k: table[2k] the hash, table[2k + 1] the entry number + 1 (0: empty). */
  private table = new Uint32Array(2 << 13);
  private count = 0;
  private readonly numeric = new NumericIdSet();

  get size(): number {
    return this.count + this.numeric.size;
  }

  /** Bytes held, for reports. */
  get bytes(): number {
    return this.arena.byteLength + this.ends.byteLength + this.table.byteLength + this.numeric.bytes;
  }

  /** Makes room for about `n` ids of the usual prefix + number form (a hint, see NumericIdSet). */
  reserve(n: number): void {
    this.numeric.reserve(n);
  }

  /** Adds bytes[start, end); true when it was not there before. */
  add(bytes: Uint8Array, start: number, end: number): boolean {
    if (this.numeric.key(bytes, start, end)) return this.numeric.add();
    const hash = hashBytes(bytes, start, end);
    const table = this.table;
    const mask = (table.length >> 1) - 1;
    let slot = hash & mask;
    for (;;) {
      const entry = table[2 * slot + 1]!;
      if (entry === EMPTY) break;
      if (table[2 * slot] === hash && this.equals(entry - 1, bytes, start, end)) return false;
      slot = (slot + 1) & mask;
    }
    this.append(bytes, start, end);
    table[2 * slot] = hash;
    table[2 * slot + 1] = this.count;
    if (this.count > (table.length >> 1) * MAX_LOAD) this.rehash();
    return true;
  }

  private equals(entry: number, bytes: Uint8Array, start: number, end: number): boolean {
    const from = entry === 0 ? 0 : this.ends[entry - 1]!;
    const to = this.ends[entry]!;
    if (to - from !== end - start) return false;
    for (let i = 0; i < to - from; i++) if (this.arena[from + i] !== bytes[start + i]) return false;
    return true;
  }

  private append(bytes: Uint8Array, start: number, end: number): void {
    const length = end - start;
    if (this.used + length > this.arena.length) this.arena = grown(this.arena, this.used + length);
    this.arena.set(bytes.subarray(start, end), this.used);
    this.used += length;
    if (this.count >= this.ends.length) this.ends = grown(this.ends, this.count + 1);
    this.ends[this.count++] = this.used;
  }

  private rehash(): void {
    const old = this.table;
    const table = new Uint32Array(old.length * 2);
    const mask = (table.length >> 1) - 1;
    for (let k = 0; k < old.length; k += 2) {
      if (old[k + 1] === EMPTY) continue;
      const hash = old[k]!;
      let slot = hash & mask;
      while (table[2 * slot + 1] !== EMPTY) slot = (slot + 1) & mask;
      table[2 * slot] = hash;
      table[2 * slot + 1] = old[k + 1]!;
    }
    this.table = table;
  }
}
