import { grown } from '../grown.ts';
import { hashBytes } from '../text/hashBytes.ts';

/**
 * Values remembered by the bytes of the cell they were made from, so that a cell seen before costs
 * a hash of its bytes: no string is made for it. Past `limit` entries it starts afresh.
 */
export class ByteMemo<T> {
  private keys = new Uint8Array(1 << 12);
  private used = 0;
  /** Entry i's key is keys[starts[i], starts[i + 1]). */
  private starts = new Uint32Array(1 << 8);
  private hashes = new Uint32Array(1 << 8);
  private values: T[] = [];
  /** Open addressing: entry number + 1, 0 for empty. */
  private table = new Int32Array(1 << 9);

  constructor(
    /** Makes the value for a cell seen for the first time. */
    private readonly make: (bytes: Uint8Array, start: number, end: number) => T,
    private readonly limit = 100_000,
  ) {}

  get(bytes: Uint8Array, start: number, end: number): T {
    const hash = hashBytes(bytes, start, end);
    const table = this.table;
    const mask = table.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = table[slot]! - 1;
      if (entry < 0) break;
      if (this.hashes[entry] === hash && this.equals(entry, bytes, start, end)) return this.values[entry]!;
    }
    return this.add(bytes, start, end, hash);
  }

  private equals(entry: number, bytes: Uint8Array, start: number, end: number): boolean {
    const from = this.starts[entry]!;
    if (this.starts[entry + 1]! - from !== end - start) return false;
    const keys = this.keys;
    for (let i = start, j = from; i < end; i++, j++) if (keys[j] !== bytes[i]) return false;
    return true;
  }

  private add(bytes: Uint8Array, start: number, end: number, hash: number): T {
    const value = this.make(bytes, start, end);
    if (this.values.length >= this.limit) this.clear();
    const entry = this.values.length;
    this.values.push(value);
    this.keys = grown(this.keys, this.used + end - start);
    this.keys.set(bytes.subarray(start, end), this.used);
    this.used += end - start;
    this.starts = grown(this.starts, entry + 2);
    this.starts[entry + 1] = this.used;
    this.hashes = grown(this.hashes, entry + 1);
    this.hashes[entry] = hash;
    if (2 * (entry + 1) > this.table.length) this.rehash();
    else this.place(entry, hash);
    return value;
  }

  private place(entry: number, hash: number): void {
    const mask = this.table.length - 1;
    let slot = hash & mask;
    while (this.table[slot] !== 0) slot = (slot + 1) & mask;
    this.table[slot] = entry + 1;
  }

  private rehash(): void {
    this.table = new Int32Array(this.table.length * 2);
    for (let entry = 0; entry < this.values.length; entry++) this.place(entry, this.hashes[entry]!);
  }

  private clear(): void {
    this.values = [];
    this.used = 0;
    this.table.fill(0);
  }
}
