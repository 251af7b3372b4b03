import { describe, expect, it } from 'vitest';
import { groupsToField, proposeGroups, type SpellingGroup } from '../../src/core/lookups/buildLookups.ts';
import { mergeGroup, moveSpelling, renameGroup } from '../../src/core/lookups/groupEdits.ts';

const counts = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe('proposeGroups', () => {
  it('groups case, spacing, & and "and", and typos under the most frequent spelling; rare strays go to UNKNOWN', () => {
    const groups = proposeGroups(
      counts({ 'Home & Kitchen': 500, 'home and kitchen': 40, 'HOME & KITCHEN ': 30, 'Hme & Kitchen': 12, Electronics: 400, electronics: 20, Electronix: 15, Zzyzx: 1 }),
    );
    expect(groups).toEqual<SpellingGroup[]>([
      {
        canonical: 'Home & Kitchen',
        spellings: [
          { spelling: 'Home & Kitchen', count: 500 },
          { spelling: 'home and kitchen', count: 40 },
          { spelling: 'HOME & KITCHEN ', count: 30 },
          { spelling: 'Hme & Kitchen', count: 12 },
        ],
      },
      {
        canonical: 'Electronics',
        spellings: [
          { spelling: 'Electronics', count: 400 },
          { spelling: 'electronics', count: 20 },
          { spelling: 'Electronix', count: 15 },
        ],
      },
      { canonical: null, spellings: [{ spelling: 'Zzyzx', count: 1 }] },
    ]);
    expect(groupsToField(groups)).toEqual({ canonical: ['Home & Kitchen', 'Electronics'], map: { 'Hme & Kitchen': 'Home & Kitchen', Electronix: 'Electronics', Zzyzx: 'UNKNOWN' } });
  });
});

describe('group edits', () => {
  const groups = (): SpellingGroup[] => [
    { canonical: 'Europe', spellings: [{ spelling: 'Europe', count: 90 }, { spelling: 'Eurpoe', count: 4 }] },
    { canonical: 'EU', spellings: [{ spelling: 'EU', count: 30 }] },
    { canonical: null, spellings: [{ spelling: 'Westeros', count: 2 }] },
  ];

  it('merge: a group joins another, which keeps its name', () => {
    const merged = mergeGroup(groups(), 1, 0);
    expect(merged.map((g) => g.canonical)).toEqual(['Europe', null]);
    expect(merged[0]!.spellings.map((s) => s.spelling)).toEqual(['Europe', 'EU', 'Eurpoe']);
    expect(groupsToField(merged).map).toEqual({ EU: 'Europe', Eurpoe: 'Europe', Westeros: 'UNKNOWN' });
  });

  it('split: a spelling leaves for a group of its own, or for UNKNOWN', () => {
    const split = moveSpelling(groups(), 0, 'Eurpoe', 'new');
    expect(split.map((g) => g.canonical)).toEqual(['Europe', 'EU', 'Eurpoe', null]);
    const refused = moveSpelling(groups(), 0, 'Eurpoe', 'unknown');
    expect(refused.at(-1)!.spellings.map((s) => s.spelling)).toEqual(['Eurpoe', 'Westeros']);
    // An unknown spelling placed under a value; the emptied unknown group goes.
    const placed = moveSpelling(groups(), 2, 'Westeros', 0);
    expect(placed.map((g) => g.canonical)).toEqual(['Europe', 'EU']);
  });

  it('rename: a group takes another of its spellings (or any name) as its value', () => {
    const renamed = renameGroup(groups(), 1, ' European Union ');
    expect(groupsToField(renamed)).toEqual({ canonical: ['Europe', 'European Union'], map: { Eurpoe: 'Europe', EU: 'European Union', Westeros: 'UNKNOWN' } });
    expect(groups()[1]!.canonical).toBe('EU');
  });
});
