import { describe, expect, it } from 'vitest';
import { formatCount } from '../../src/ui/format.ts';

describe('formatCount', () => {
  it('groups whole numbers by thousands exactly as toLocaleString("en-US") does', () => {
    const samples = [0, 7, 999, 1000, 1001, 12_345, 999_999, 1_000_000, 10_000_000, 9_007_199_254_740_991, -1, -1000, -1_234_567, 2.5, 1234.49];
    for (let i = 0; i < 2000; i++) samples.push(Math.floor((Math.random() - 0.3) * 10 ** (1 + Math.floor(Math.random() * 15))));
    for (const n of samples) expect(formatCount(n), String(n)).toBe(Math.round(n).toLocaleString('en-US'));
  });

  it('writes a small negative number that rounds to zero as 0, not -0', () => {
    expect(formatCount(-0.4)).toBe('0');
  });
});
