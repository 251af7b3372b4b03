import { describe, expect, it } from 'vitest';
import { classifyCorrections } from '../../src/core/lookups/classifyCorrections.ts';
import type { Lookups } from '../../src/core/lookups/lookups.ts';

const lookups: Lookups = {
  categories: ['Electronics'],
  regions: ['Europe', 'North America'],
  products: [],
  category_map: {},
  region_map: { EU: 'Europe' },
  product_map: {},
};

describe('classifyCorrections', () => {
  it('tells corrections made by the map, by key() and by distance (with it) apart, fuzzy ones first', () => {
    const corrections = [
      ['region', 'EU', 'Europe', '40'],
      ['region', 'Eurpoe', 'Europe', '12'],
      ['region', 'NORTH AMERICA', 'North America', '9'],
      ['category', 'Electronix', 'Electronics', '7'],
    ];
    expect(classifyCorrections(corrections, lookups, 2)).toEqual([
      { field: 'region', raw: 'Eurpoe', canonical: 'Europe', rows: 12, kind: 'fuzzy', distance: 2 },
      { field: 'category', raw: 'Electronix', canonical: 'Electronics', rows: 7, kind: 'fuzzy', distance: 2 },
      { field: 'region', raw: 'EU', canonical: 'Europe', rows: 40, kind: 'mapped', distance: 0 },
      { field: 'region', raw: 'NORTH AMERICA', canonical: 'North America', rows: 9, kind: 'exact', distance: 0 },
    ]);
  });
});
