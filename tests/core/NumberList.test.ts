import { describe, expect, it } from 'vitest';
import { NumberList } from '../../src/core/pipeline/NumberList.ts';

describe('NumberList', () => {
  it('keeps numbers in order, row numbers past 2^32 included', () => {
    const list = new NumberList(3);
    for (const n of [7, 2 ** 40 + 1, 0]) list.push(n);
    expect([list.length, list.at(0), list.at(1), list.at(2)]).toEqual([3, 7, 2 ** 40 + 1, 0]);
  });

  it('refuses a number past its capacity rather than losing it', () => {
    const list = new NumberList(1);
    list.push(1);
    expect(() => list.push(2)).toThrow('more than 1 numbers');
  });
});
