import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { putInteger } from '../../src/core/output/ByteLines.ts';

const SENTINEL = 0xee;

/** What putInteger writes for n at byte 3 of a buffer, and whether it touched anything else. */
function written(n: number): { text: string; clean: boolean } {
  const out = new Uint8Array(32).fill(SENTINEL);
  const end = putInteger(out, 3, n);
  const clean = out.subarray(0, 3).every((b) => b === SENTINEL) && out.subarray(end).every((b) => b === SENTINEL);
  return { text: new TextDecoder().decode(out.subarray(3, end)), clean };
}

describe('putInteger', () => {
  it('writes every safe integer as String() does, and nothing past its end', () => {
    const edges = [0, 1, 9, 10, 99, 100, 999_999_999, 1_000_000_000, 0x7fffffff, 0x80000000, 2 ** 32, -1, -0x80000000, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER];
    for (const n of edges) expect(written(n)).toEqual({ text: String(n), clean: true });
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 0, max: 0x7fffffff }), fc.maxSafeInteger(), fc.integer({ min: 0, max: 10 ** 12 })), (n) => {
        expect(written(n)).toEqual({ text: String(n), clean: true });
      }),
      { numRuns: 5000 },
    );
  });
});
