import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DenseBits } from '../../src/core/dedup/DenseBits.ts';

describe('DenseBits', () => {
  it('agrees with a Set on numbers near each other, growing down and up, and lists them all', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.array(fc.integer({ min: -300_000, max: 300_000 }), { maxLength: 400 }), (origin, offsets) => {
        const bits = new DenseBits();
        const reference = new Set<number>();
        for (const offset of offsets) {
          const n = Math.max(0, origin + offset);
          expect(bits.add(n)).toBe(!reference.has(n));
          reference.add(n);
        }
        expect(bits.count).toBe(reference.size);
        const listed: number[] = [];
        bits.forEach((n) => listed.push(n));
        expect(listed.sort((a, b) => a - b)).toEqual([...reference].sort((a, b) => a - b));
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a number that would make the window too sparse, and keeps what it has', () => {
    const bits = new DenseBits();
    for (let n = 1000; n < 1100; n++) bits.add(n);
    expect(bits.add(1000 + 2 ** 24)).toBeNull();
    expect(bits.count).toBe(100);
    expect(bits.add(1050)).toBe(false);
    expect(bits.bytes).toBeLessThanOrEqual(1 << 20);
  });

  it('takes a window past a megabyte once it holds enough numbers for it', () => {
    const bits = new DenseBits();
    for (let n = 0; n < 1_000_000; n++) bits.add(n * 16);
    expect(bits.count).toBe(1_000_000);
    expect(bits.bytes).toBeLessThanOrEqual((1_000_000 * 64) / 8);
    expect(bits.add(16 * 999_999)).toBe(false);
  });
});
