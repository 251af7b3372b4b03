import { describe, expect, it } from 'vitest';
import { fuzzyCorrections } from '../../src/core/lookups/fuzzyCorrections.ts';
import type { Lookups } from '../../src/core/lookups/lookups.ts';

const lookups: Lookups = {
  categories: ['Electronics'],
  regions: ['Europe', 'North America'],
  products: [],
  category_map: {},
  region_map: { EU: 'Europe' },
  product_map: {},
};

describe('fuzzyCorrections', () => {
  it('keeps the corrections made by distance, with it, and drops those made by the map or by key()', () => {
    const corrections = [
      ['region', 'EU', 'Europe', '40'],
      ['region', 'Eurpoe', 'Europe', '12'],
      ['region', 'NORTH AMERICA', 'North America', '9'],
      ['category', 'Electronix', 'Electronics', '7'],
    ];
    expect(fuzzyCorrections(corrections, lookups, 2)).toEqual([
      { field: 'region', raw: 'Eurpoe', canonical: 'Europe', rows: 12, distance: 2 },
      { field: 'category', raw: 'Electronix', canonical: 'Electronics', rows: 7, distance: 2 },
    ]);
  });
});
