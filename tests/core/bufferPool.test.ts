import { describe, expect, it } from 'vitest';
import { giveBuffer, takeBuffer } from '../../src/core/bufferPool.ts';
import { ByteLines } from '../../src/core/output/ByteLines.ts';
import { NumberList } from '../../src/core/pipeline/NumberList.ts';

describe('bufferPool', () => {
  it('gives back the smallest kept buffer that is large enough, else a new one rounded up', () => {
    const big = takeBuffer(3 << 20);
    const small = takeBuffer(100_000);
    expect(big.length).toBeGreaterThanOrEqual(3 << 20);
    expect(small.length % (64 << 10)).toBe(0);
    giveBuffer(big.buffer);
    giveBuffer(small.buffer);
    expect(takeBuffer(90_000).buffer).toBe(small.buffer);
    expect(takeBuffer(90_000).buffer).toBe(big.buffer);
    expect(takeBuffer(90_000).buffer).not.toBe(big.buffer);
  });

  it('lets small and detached buffers go', () => {
    const tiny = new ArrayBuffer(1000);
    giveBuffer(tiny);
    const detached = takeBuffer(1 << 20).buffer;
    structuredClone(detached, { transfer: [detached] });
    giveBuffer(detached);
    const taken = takeBuffer(10);
    expect(taken.buffer).not.toBe(tiny);
    expect(taken.buffer).not.toBe(detached);
    expect(taken.length).toBeGreaterThan(0);
  });

  it("keeps a chunk's row lists and line ends in pooled buffers, and takes them back on release", () => {
    const kept = takeBuffer(80_000).buffer;
    giveBuffer(kept);
    const list = new NumberList(10_000);
    expect(takeBuffer(80_000).buffer).not.toBe(kept);
    list.release();
    expect(takeBuffer(80_000).buffer).toBe(kept);

    // The pool is empty now: what takeBuffer(1) finds there is what was given back.
    const lines = new ByteLines(1 << 20, 20_000);
    for (let i = 0; i < 40_000; i++) {
      lines.used += 1;
      lines.endLine();
    }
    expect(lines.end(39_999)).toBe(40_000);
    // Growing gave the first ends back; releasing gives back what they grew into.
    expect(takeBuffer(1).byteLength).toBeGreaterThanOrEqual(4 * 20_000);
    expect(takeBuffer(1).byteLength).toBe(64 << 10);
    lines.releaseEnds();
    expect(takeBuffer(1).byteLength).toBeGreaterThanOrEqual(4 * 40_000);
  });
});
