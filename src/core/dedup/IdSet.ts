import { grown } from '../grown.ts';

const EMPTY = 0;
const MAX_LOAD = 0.6;

/** FNV-1a over bytes [start, end). */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}

/**
 * An exact set of byte strings (accepted order ids) in a few flat arrays: the bytes in one arena,
 * and an open-addressing table of entry numbers. A JavaScript Set of ten million strings takes
 * over a gigabyte; this takes the ids' bytes plus about 16 bytes each.
 */
export class IdSet {
  private arena = new Uint8Array(1 << 16);
  private used = 0;
  /** ends[i] is where entry i's bytes end; entry i starts at ends[i - 1] (or 0). */
  private ends = new Uint32Array(1 << 12);
  private hashes = new Uint32Array(1 << 12);
  private table = new Uint32Array(1 << 13);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Bytes held, for reports. */
  get bytes(): number {
    return this.arena.byteLength + this.ends.byteLength + this.hashes.byteLength + this.table.byteLength;
  }

  /** Adds bytes[start, end); true when it was not there before. */
  add(bytes: Uint8Array, start: number, end: number): boolean {
    const hash = hashBytes(bytes, start, end);
    const mask = this.table.length - 1;
    let slot = hash & mask;
    for (;;) {
      const entry = this.table[slot]!;
      if (entry === EMPTY) break;
      if (this.hashes[entry - 1] === hash && this.equals(entry - 1, bytes, start, end)) return false;
      slot = (slot + 1) & mask;
    }
    this.append(bytes, start, end, hash);
    this.table[slot] = this.count;
    if (this.count > this.table.length * MAX_LOAD) this.rehash();
    return true;
  }

  private equals(entry: number, bytes: Uint8Array, start: number, end: number): boolean {
    const from = entry === 0 ? 0 : this.ends[entry - 1]!;
    const to = this.ends[entry]!;
    if (to - from !== end - start) return false;
    for (let i = 0; i < to - from; i++) if (this.arena[from + i] !== bytes[start + i]) return false;
    return true;
  }

  private append(bytes: Uint8Array, start: number, end: number, hash: number): void {
    const length = end - start;
    this.arena = grown(this.arena, this.used + length);
    this.arena.set(bytes.subarray(start, end), this.used);
    this.used += length;
    this.ends = grown(this.ends, this.count + 1);
    this.hashes = grown(this.hashes, this.count + 1);
    this.ends[this.count] = this.used;
    this.hashes[this.count] = hash;
    this.count++;
  }

  private rehash(): void {
    const table = new Uint32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let entry = 1; entry <= this.count; entry++) {
      let slot = this.hashes[entry - 1]! & mask;
      while (table[slot] !== EMPTY) slot = (slot + 1) & mask;
      table[slot] = entry;
    }
    this.table = table;
  }
}
