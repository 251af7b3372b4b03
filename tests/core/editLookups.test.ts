import { describe, expect, it } from 'vitest';
import { addCanonical, deleteCanonical, lookupProblems, removeMapping, renameCanonical, sameLookups, setMapping } from '../../src/core/lookups/editLookups.ts';
import { defaultLookups } from '../../src/core/lookups/defaults.ts';
import type { Lookups } from '../../src/core/lookups/lookups.ts';

const base = (): Lookups => ({
  categories: ['Electronics', 'Home & Kitchen'],
  regions: ['Europe', 'North America'],
  products: ['Smartphone X'],
  category_map: { electronix: 'electronics' },
  region_map: { EU: 'Europe', 'N. America': 'North America', EMEA: 'UNKNOWN' },
  product_map: {},
});

describe('lookupProblems', () => {
  it('finds nothing wrong in sound lookups, the defaults included', () => {
    expect(lookupProblems(base())).toEqual([]);
    expect(lookupProblems(defaultLookups())).toEqual([]);
  });

  it('names canonical values that are the same by key(), blank values, and maps to values that are not canonical', () => {
    const lookups = base();
    lookups.categories.push('home and kitchen', ' -- ');
    lookups.region_map['Westeros'] = 'Westeros';
    lookups.region_map['eu!'] = 'North America';
    lookups.region_map['n america'] = 'North America';
    lookups.region_map['Nordamerika'] = 'north america';
    const problems = lookupProblems(lookups);
    expect(problems.map((p) => [p.field, p.value])).toEqual([
      ['category', 'home and kitchen'],
      ['category', ' -- '],
      ['region', 'Westeros'],
      ['region', 'eu!'],
    ]);
    expect(problems[0]!.message).toContain('“home and kitchen” and “Home & Kitchen” are the same value to the cleaner');
    expect(problems[2]!.message).toContain('not a canonical value');
  });
});

describe('edits', () => {
  it('leave the lookups they were given untouched', () => {
    const before = base();
    const kept = JSON.stringify(before);
    addCanonical(before, 'region', 'Asia');
    renameCanonical(before, 'region', 'Europe', 'EMEA Europe');
    deleteCanonical(before, 'region', 'Europe');
    setMapping(before, 'region', 'Eur', 'Europe');
    removeMapping(before, 'region', 'EU');
    expect(JSON.stringify(before)).toBe(kept);
  });

  it('a rename follows the maps and keeps the old spelling matching', () => {
    const next = renameCanonical(base(), 'category', 'Electronics', 'Consumer Electronics');
    expect(next.categories).toEqual(['Consumer Electronics', 'Home & Kitchen']);
    // A target is read through key(): `electronics` named `Electronics`, and follows it.
    expect(next.category_map).toEqual({ electronix: 'Consumer Electronics', Electronics: 'Consumer Electronics' });
    expect(lookupProblems(next)).toEqual([]);
    // A change of case only: the same key, nothing to map.
    expect(renameCanonical(base(), 'region', 'Europe', 'EUROPE').region_map).toEqual({ ...base().region_map, EU: 'EUROPE' });
  });

  it('a delete sends what pointed at the value to UNKNOWN', () => {
    const next = deleteCanonical(base(), 'region', 'Europe');
    expect(next.regions).toEqual(['North America']);
    expect(next.region_map.EU).toBe('UNKNOWN');
    expect(lookupProblems(next)).toEqual([]);
    const twice = addCanonical(base(), 'region', 'EUROPE');
    expect(deleteCanonical(twice, 'region', 'EUROPE').region_map).toEqual(base().region_map);
  });

  it('a mapping replaces one for a raw value that is the same by key()', () => {
    const next = setMapping(base(), 'region', ' eu. ', 'North America');
    expect(next.region_map).toEqual({ 'N. America': 'North America', EMEA: 'UNKNOWN', 'eu.': 'North America' });
    expect(removeMapping(next, 'region', 'eu.').region_map).toEqual({ 'N. America': 'North America', EMEA: 'UNKNOWN' });
  });

  it('sameLookups compares values, not objects', () => {
    expect(sameLookups(base(), base())).toBe(true);
    expect(sameLookups(base(), addCanonical(base(), 'region', 'Asia'))).toBe(false);
  });
});
