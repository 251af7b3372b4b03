import { describe, expect, it } from 'vitest';
import { giveBuffer, takeBuffer } from '../../src/core/bufferPool.ts';

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
});
