import { describe, expect, it } from 'vitest';
import { isPipelineError, type PipelineError } from '../../src/core/errors.ts';
import { countSpelling, DEFAULT_PROPOSE, newSpellingCounts, proposeField, proposeLookups } from '../../src/core/lookups/buildLookups.ts';
import { defaultLookups } from '../../src/core/lookups/defaults.ts';
import { UNKNOWN } from '../../src/core/lookups/lookups.ts';
import { parseLookups } from '../../src/core/lookups/validateLookups.ts';
import { withDefaults } from '../../src/core/options.ts';
import { runInMemory } from '../../src/core/pipeline/runInMemory.ts';

const counts = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe('proposeField', () => {
  const cases: Array<{ name: string; input: Record<string, number>; expected: { canonical: string[]; map: Record<string, string> } }> = [
    {
      name: 'case and &/and variants group under the most frequent spelling',
      input: { 'home and kitchen': 10, 'Home & Kitchen': 50, 'HOME & KITCHEN': 5, 'Home&Kitchen': 3 },
      expected: { canonical: ['Home & Kitchen'], map: {} },
    },
    {
      name: 'the most frequent spelling names the group even in lower case',
      input: { 'Home & Kitchen': 20, 'home and kitchen': 30 },
      expected: { canonical: ['home and kitchen'], map: {} },
    },
    {
      name: 'a rare one-edit typo maps to its canonical value',
      input: { Electronics: 100, Electronix: 3 },
      expected: { canonical: ['Electronics'], map: { Electronix: 'Electronics' } },
    },
    {
      name: 'a rare two-edit typo maps to its canonical value',
      input: { Electronics: 100, Elecrtonics: 2 },
      expected: { canonical: ['Electronics'], map: { Elecrtonics: 'Electronics' } },
    },
    {
      name: 'a rare three-edit spelling is near nothing: UNKNOWN',
      input: { Electronics: 3000, Elktronix: 1 },
      expected: { canonical: ['Electronics'], map: { Elktronix: UNKNOWN } },
    },
    {
      name: 'a typo group counts all its spellings and is named by the most frequent',
      input: { Electronics: 100, electronix: 2, Electronix: 5 },
      expected: { canonical: ['Electronics'], map: { Electronix: 'Electronics' } },
    },
    {
      name: 'two frequent near names both stay canonical',
      input: { Tea: 50, Tee: 40 },
      expected: { canonical: ['Tea', 'Tee'], map: {} },
    },
    {
      name: 'a near name at exactly typoRatio of the canonical count is a typo',
      input: { Electronics: 100, Electronix: 20 },
      expected: { canonical: ['Electronics'], map: { Electronix: 'Electronics' } },
    },
    {
      name: 'a near name just above typoRatio is canonical',
      input: { Electronics: 100, Electronix: 21 },
      expected: { canonical: ['Electronics', 'Electronix'], map: {} },
    },
    {
      name: 'a rare value near nothing maps to UNKNOWN',
      input: { Electronics: 1000, Gizmo: 1 },
      expected: { canonical: ['Electronics'], map: { Gizmo: UNKNOWN } },
    },
    {
      name: 'a value seen twice in a small sample is canonical',
      input: { Electronics: 100, Books: 2 },
      expected: { canonical: ['Electronics', 'Books'], map: {} },
    },
    {
      name: 'a value below minShare of a large sample maps to UNKNOWN',
      input: { Electronics: 9990, Books: 9 },
      expected: { canonical: ['Electronics'], map: { Books: UNKNOWN } },
    },
    {
      name: 'ties in frequency go to the smaller spelling within a group',
      input: { 'home and kitchen': 10, 'Home & Kitchen': 10 },
      expected: { canonical: ['Home & Kitchen'], map: {} },
    },
    {
      name: 'ties in frequency order canonical values by byte order',
      input: { beta: 5, Zeta: 5, alpha: 9, 'Ébène': 5 },
      expected: { canonical: ['alpha', 'Zeta', 'beta', 'Ébène'], map: {} },
    },
    {
      name: 'a typo equidistant from two canonical values goes to the more frequent',
      input: { Bats: 90, Cats: 100, Rats: 1 },
      expected: { canonical: ['Cats', 'Bats'], map: { Rats: 'Cats' } },
    },
    {
      name: 'a typo equidistant from two equally frequent values goes to the smaller spelling',
      input: { Cats: 100, Bats: 100, Rats: 1 },
      expected: { canonical: ['Bats', 'Cats'], map: { Rats: 'Bats' } },
    },
    {
      name: 'a typo goes to the nearest canonical value, not the first',
      input: { Cats: 100, Catsup: 90, Catsuq: 1 },
      expected: { canonical: ['Cats', 'Catsup'], map: { Catsuq: 'Catsup' } },
    },
    {
      name: 'spellings whose key is empty are left out',
      input: { Electronics: 10, '???': 50, '🍵': 7 },
      expected: { canonical: ['Electronics'], map: {} },
    },
    { name: 'no spellings', input: {}, expected: { canonical: [], map: {} } },
  ];

  it.each(cases)('$name', ({ input, expected }) => {
    expect(proposeField(counts(input))).toEqual(expected);
  });

  it('follows fuzzyMaxDistance', () => {
    const input = counts({ Electronics: 100, Electronix: 3 });
    expect(proposeField(input, { ...DEFAULT_PROPOSE, fuzzyMaxDistance: 0 })).toEqual({ canonical: ['Electronics', 'Electronix'], map: {} });
  });

  it('proposes lookups that clean the sample they came from', async () => {
    const sample = newSpellingCounts();
    const rows: Array<[string, string, string, number]> = [
      ['Hot Tea', 'Drinks', 'North', 40],
      ['Hot Tae', 'Drinks', 'Nroth', 2],
      ['Coffee', 'drinks', 'South', 30],
      ['Scone', 'Bakery', 'South', 20],
      ['Mystery', 'Misc', 'Moon', 1],
    ];
    for (const [product, category, region, n] of rows) {
      for (let i = 0; i < n; i++) {
        countSpelling(sample, 'product_name', product);
        countSpelling(sample, 'category', category);
        countSpelling(sample, 'region', region);
        countSpelling(sample, 'region', '');
      }
    }
    const lookups = proposeLookups(sample);
    expect(lookups).toEqual({
      categories: ['Drinks', 'Bakery'],
      regions: ['South', 'North'],
      products: ['Hot Tea', 'Coffee', 'Scone'],
      category_map: { Misc: UNKNOWN },
      region_map: { Nroth: 'North', Moon: UNKNOWN },
      product_map: { 'Hot Tae': 'Hot Tea', Mystery: UNKNOWN },
    });
    const csv =
      'order_id,product_name,category,quantity,unit_price,region,sale_date\n' +
      'A,Hot Tae,drinks,1,2,Nroth,2024-03-05\n' +
      'B,Mystery,Drinks,1,2,Moon,2024-03-05\n';
    const result = await runInMemory(csv, withDefaults({ reference_date: '2024-06-30' }), lookups);
    expect(result.cleanedCsv.split('\r\n')[1]).toMatch(/^1,A,Hot Tea,Drinks,1,2\.00,0\.0000,North,/);
    expect(result.rejectedCsv.split('\r\n')[1]).toMatch(/^2,unknown_region,/);
  });
});

describe('parseLookups', () => {
  function thrown(json: unknown): PipelineError {
    try {
      parseLookups(json);
    } catch (error) {
      if (isPipelineError(error)) return error;
      throw error;
    }
    throw new Error('expected INVALID_LOOKUPS');
  }

  it('round-trips the default lookups through JSON', () => {
    const lookups = defaultLookups();
    expect(parseLookups(JSON.parse(JSON.stringify(lookups)))).toEqual(lookups);
  });

  it('reads the example of SPEC section 4', () => {
    const json = `{ "categories": ["Electronics"], "regions": ["North America"], "products": ["Smartphone X"],
      "category_map": {"electronix": "Electronics"}, "region_map": {"N. America": "North America", "EMEA": "UNKNOWN"},
      "product_map": {"smartfone x": "Smartphone X"} }`;
    expect(parseLookups(JSON.parse(json))).toEqual({
      categories: ['Electronics'],
      regions: ['North America'],
      products: ['Smartphone X'],
      category_map: { electronix: 'Electronics' },
      region_map: { 'N. America': 'North America', EMEA: 'UNKNOWN' },
      product_map: { 'smartfone x': 'Smartphone X' },
    });
  });

  it('copies what it reads', () => {
    const source = { categories: ['A'], regions: [], products: [], category_map: { a: 'A' }, region_map: {}, product_map: {} };
    const lookups = parseLookups(source);
    source.categories.push('B');
    source.category_map.a = 'B';
    expect(lookups.categories).toEqual(['A']);
    expect(lookups.category_map).toEqual({ a: 'A' });
  });

  const wrong: Array<{ name: string; json: unknown; says: string }> = [
    { name: 'null', json: null, says: 'the top level is not an object' },
    { name: 'an array', json: [], says: 'the top level is not an object' },
    { name: 'a string', json: 'lookups', says: 'the top level is not an object' },
    { name: 'a number', json: 3, says: 'the top level is not an object' },
    { name: 'categories as a string', json: { categories: 'Electronics' }, says: '"categories" must be a list of strings' },
    { name: 'regions holding a number', json: { regions: ['Europe', 3] }, says: '"regions" must be a list of strings' },
    { name: 'products as an object', json: { products: { a: 'b' } }, says: '"products" must be a list of strings' },
    { name: 'a map as an array', json: { region_map: [['EMEA', 'UNKNOWN']] }, says: '"region_map" must be an object of raw value to canonical value' },
    { name: 'a map as a string', json: { category_map: 'x' }, says: '"category_map" must be an object' },
    { name: 'a map value that is a number', json: { product_map: { 'Smart Phone': 5 } }, says: '"product_map" maps "Smart Phone" to something that is not a string' },
    { name: 'a map value that is null', json: { category_map: { Kitchen: null } }, says: '"category_map" maps "Kitchen" to something that is not a string' },
  ];

  it.each(wrong)('refuses $name: $says', ({ json, says }) => {
    const error = thrown(json);
    expect(error.code).toBe('INVALID_LOOKUPS');
    expect(error.message).toContain(says);
  });

  it('keeps a __proto__ map key as data', () => {
    const lookups = parseLookups(JSON.parse('{"categories": ["Electronics"], "category_map": {"__proto__": "Electronics", "x": "Electronics"}}'));
    expect(Object.keys(lookups.category_map)).toEqual(['__proto__', 'x']);
    expect(Object.getOwnPropertyDescriptor(lookups.category_map, '__proto__')?.value).toBe('Electronics');
    expect(Object.getPrototypeOf(lookups.category_map)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(JSON.parse(JSON.stringify(lookups)).category_map).toEqual(JSON.parse('{"__proto__": "Electronics", "x": "Electronics"}'));
  });

  it('refuses a __proto__ map key whose value is an object, without polluting prototypes', () => {
    const error = thrown(JSON.parse('{"region_map": {"__proto__": {"polluted": "yes"}}}'));
    expect(error.code).toBe('INVALID_LOOKUPS');
    expect(error.message).toContain('"__proto__"');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('matches a raw value against a __proto__ map key in a job', async () => {
    const lookups = parseLookups(
      JSON.parse('{"categories": ["Electronics"], "regions": ["North"], "products": [], "category_map": {"__proto__": "Electronics"}}'),
    );
    const csv = 'order_id,product_name,category,quantity,unit_price,region,sale_date\nA,Thing,Proto,1,2,North,2024-03-05\n';
    const result = await runInMemory(csv, withDefaults({ reference_date: '2024-06-30', fuzzy_max_distance: 0 }), lookups);
    expect(result.cleanedCsv.split('\r\n')[1]).toMatch(/^1,A,Thing,Electronics,/);
  });
});
