import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdSet } from '../../src/core/dedup/IdSet.ts';

const encoder = new TextEncoder();
const bytesOf = (s: string) => encoder.encode(s);
/** A byte string as a JS string, one char per byte: a bijection, so a Set of these is exact. */
const asLatin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

/** FNV-1a, computed here independently, to find ids whose 32-bit hashes collide. */
function fnv1a(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193);
  return h >>> 0;
}

describe('IdSet', () => {
  it('adds a slice [start, end) of a buffer, not the whole buffer', () => {
    const set = new IdSet();
    const buffer = bytesOf('xxABCyy');
    const cases = [
      { bytes: buffer, start: 2, end: 5, expected: true },
      { bytes: bytesOf('ABC'), start: 0, end: 3, expected: false },
      { bytes: buffer, start: 2, end: 4, expected: true },
      { bytes: bytesOf('AB'), start: 0, end: 2, expected: false },
      { bytes: buffer, start: 3, end: 3, expected: true },
      { bytes: bytesOf(''), start: 0, end: 0, expected: false },
      { bytes: buffer, start: 0, end: 7, expected: true },
    ];
    for (const { bytes, start, end, expected } of cases) expect(set.add(bytes, start, end)).toBe(expected);
    expect(set.size).toBe(4);
  });

  it('tells apart ids that differ only in length, including the empty id', () => {
    const set = new IdSet();
    const ids = ['', 'A', 'AA', 'AAA', 'A\u0000', '\u0000', '\u0000\u0000'];
    for (const id of ids) expect(set.add(bytesOf(id), 0, bytesOf(id).length)).toBe(true);
    for (const id of ids) expect(set.add(bytesOf(id), 0, bytesOf(id).length)).toBe(false);
    expect(set.size).toBe(ids.length);
  });

  it('agrees with a JavaScript Set on random byte strings', () => {
    // Short strings over a few byte values: many repeats and many ids of the same length.
    const narrow = fc.uint8Array({ maxLength: 4, min: 0, max: 3 });
    const wide = fc.uint8Array({ maxLength: 24 });
    const text = fc.string({ unit: 'binary', maxLength: 6 }).map(bytesOf);
    const id = fc.oneof(narrow, wide, text);
    fc.assert(
      fc.property(fc.array(id, { maxLength: 400 }), (ids) => {
        // All ids in one buffer, added by offsets, as the merger does.
        const total = ids.reduce((n, b) => n + b.length, 0);
        const buffer = new Uint8Array(total);
        const set = new IdSet();
        const reference = new Set<string>();
        let at = 0;
        for (const bytes of ids) {
          buffer.set(bytes, at);
          const key = asLatin1(bytes);
          expect(set.add(buffer, at, at + bytes.length)).toBe(!reference.has(key));
          reference.add(key);
          at += bytes.length;
        }
        expect(set.size).toBe(reference.size);
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with a JavaScript Set on ids of the form prefix + number, and ids near that form', () => {
    const prefix = fc.constantFrom('', 'ORD-', 'ord-', 'TXN_', 'A', 'ORD-0', '9-', 'Ö-', 'x'.repeat(16), 'x'.repeat(17));
    // Numbers of every length up to past the numeric form's 14 digits, with leading zeros now and then.
    const digits = fc.oneof(fc.stringMatching(/^[0-9]{1,3}$/), fc.stringMatching(/^[1-9][0-9]{10,15}$/), fc.stringMatching(/^0[0-9]{0,3}$/));
    const id = fc.oneof(fc.tuple(prefix, digits).map(([p, d]) => p + d), prefix, fc.string({ maxLength: 5 }));
    fc.assert(
      fc.property(fc.array(id, { maxLength: 300 }), (ids) => {
        const set = new IdSet();
        const reference = new Set<string>();
        for (const text of ids) {
          const bytes = bytesOf(text);
          expect(set.add(bytes, 0, bytes.length)).toBe(!reference.has(text));
          reference.add(text);
        }
        expect(set.size).toBe(reference.size);
      }),
      { numRuns: 500 },
    );
  });

  it('holds 1M ids of the form ORD-<number> 13 apart in under 4 bytes each (a bitmap of 13 bits an id, room to grow included)', () => {
    const set = new IdSet();
    let added = 0;
    for (let i = 0; i < 1_000_000; i++) {
      const bytes = bytesOf(`ORD-${17_000_000 + i * 13}`);
      if (set.add(bytes, 0, bytes.length)) added++;
    }
    expect(added).toBe(1_000_000);
    const again = bytesOf(`ORD-${17_000_000 + 13 * 999}`);
    expect(set.add(again, 0, again.length)).toBe(false);
    const between = bytesOf(`ORD-${17_000_000 + 13 * 999 + 1}`);
    expect(set.add(between, 0, between.length)).toBe(true);
    expect(set.size).toBe(1_000_001);
    expect(set.bytes / set.size).toBeLessThan(4);
  });

  it('holds 1M ids of the form ORD-<number> spread far apart in a 16 MB table (8 bytes a slot)', () => {
    const set = new IdSet();
    const number = (i: number) => 1_000_000_000 + ((i * 2_654_435_761) % 9_000_000_000_000);
    let added = 0;
    for (let i = 0; i < 1_000_000; i++) {
      const bytes = bytesOf(`ORD-${number(i)}`);
      if (set.add(bytes, 0, bytes.length)) added++;
    }
    expect(added).toBe(1_000_000);
    for (const i of [0, 1, 77, 999_999]) {
      const bytes = bytesOf(`ORD-${number(i)}`);
      expect(set.add(bytes, 0, bytes.length)).toBe(false);
    }
    expect(set.size).toBe(1_000_000);
    expect(set.bytes).toBeLessThanOrEqual((2 << 20) * 8 + (1 << 20));
  });

  it('numbers that run close, then spread, move to the table and are all still found', () => {
    const set = new IdSet();
    const reference = new Set<string>();
    const add = (text: string) => {
      const bytes = bytesOf(text);
      expect(set.add(bytes, 0, bytes.length), text).toBe(!reference.has(text));
      reference.add(text);
    };
    for (let i = 0; i < 5000; i++) add(`ORD-${500_000 + ((i * 7) % 5000)}`);
    // Far below and far above the run: the bitmap would be too sparse.
    add('ORD-3');
    add('ORD-99999999999');
    for (let i = 0; i < 6000; i++) add(`ORD-${500_000 + i}`);
    add('ORD-3');
    expect(set.size).toBe(reference.size);
  });

  it('keeps ids whose hashes collide apart', () => {
    const seen = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; pair === undefined && i < 2_000_000; i++) {
      const id = `ORD-${i}`;
      const h = fnv1a(bytesOf(id));
      const other = seen.get(h);
      if (other !== undefined) pair = [other, id];
      else seen.set(h, id);
    }
    expect(pair).toBeDefined();
    const [a, b] = pair!;
    const set = new IdSet();
    expect(set.add(bytesOf(a), 0, bytesOf(a).length)).toBe(true);
    expect(set.add(bytesOf(b), 0, bytesOf(b).length)).toBe(true);
    expect(set.add(bytesOf(a), 0, bytesOf(a).length)).toBe(false);
    expect(set.add(bytesOf(b), 0, bytesOf(b).length)).toBe(false);
    expect(set.size).toBe(2);
  });

  it('survives growth past many rehashes (200k ids)', () => {
    const n = 200_000;
    const set = new IdSet();
    const id = (i: number) => bytesOf(`id-${(i * 7919) % 1_000_003}-${i % 10 === 0 ? 'é' : ''}`);
    let added = 0;
    for (let i = 0; i < n; i++) if (set.add(id(i), 0, id(i).length)) added++;
    expect(added).toBe(n);
    expect(set.size).toBe(n);
    // Every id is still found after the table and the arena grew many times.
    let found = 0;
    for (let i = 0; i < n; i++) if (!set.add(id(i), 0, id(i).length)) found++;
    expect(found).toBe(n);
    expect(set.size).toBe(n);
    const fresh = bytesOf('id-never-added');
    expect(set.add(fresh, 0, fresh.length)).toBe(true);
    expect(set.size).toBe(n + 1);
  });

  it('a reservation sizes the table once for ids that spread out, keeping those already added', () => {
    const set = new IdSet();
    const id = (i: number) => bytesOf(`ORD-${1_000_000_000 + i * 1_000_003}`);
    for (let i = 0; i < 1000; i++) set.add(id(i), 0, id(i).length);
    set.reserve(100_000);
    const reserved = set.bytes;
    expect(reserved).toBeGreaterThanOrEqual((100_000 / 0.75) * 8);
    for (let i = 0; i < 100_000; i++) expect(set.add(id(i), 0, id(i).length)).toBe(i >= 1000);
    expect(set.size).toBe(100_000);
    expect(set.bytes).toBe(reserved);
    // A guess far too big is capped.
    set.reserve(1e12);
    expect(set.bytes).toBeLessThanOrEqual(300 * 2 ** 20);
    expect(set.add(id(5), 0, id(5).length)).toBe(false);
  });

  it('holds 1M ids of the form ORD-nnnnnnnn in under 40 bytes each', () => {
    const n = 1_000_000;
    const set = new IdSet();
    const buffer = bytesOf('ORD-00000000');
    for (let i = 0; i < n; i++) {
      // Eight digits written in place: no string per id.
      let v = (i * 37 + 12_345_678) % 100_000_000;
      for (let d = 11; d >= 4; d--) {
        buffer[d] = 0x30 + (v % 10);
        v = Math.floor(v / 10);
      }
      set.add(buffer, 0, buffer.length);
    }
    expect(set.size).toBe(n);
    const perId = set.bytes / n;
    console.log(`IdSet: ${set.bytes} bytes for ${n} ids of 12 bytes = ${perId.toFixed(2)} bytes per id`);
    expect(perId).toBeLessThan(40);
  });
});
