import { describe, it, expect } from 'vitest';
import { generateCsv, GENERATED_HEADER, type GenerateOptions } from '../../src/core/generate/generate.ts';
import { Prng, sampleTable } from '../../src/core/generate/prng.ts';
import { CATEGORIES, PRODUCTS, PRODUCT_ALIASES, REGIONS, UNKNOWN_CATEGORIES, UNKNOWN_PRODUCTS, UNKNOWN_REGIONS } from '../../src/core/generate/vocabulary.ts';
import { defaultLookups } from '../../src/core/lookups/defaults.ts';
import { Matcher } from '../../src/core/clean/Matcher.ts';
import { parseDiscount, parseEmail, parsePrice, parseQuantity, parseSaleDate, shiftYears } from '../../src/core/clean/values.ts';
import { key } from '../../src/core/text/key.ts';

const END_DATE = '2025-06-30';
const text = (options: Partial<GenerateOptions>, blockChars?: number): string =>
  [...generateCsv({ rows: 1000, seed: 1, clean: false, endDate: END_DATE, ...options }, blockChars)].join('');

/** RFC 4180 records of a generated file (LF line ends, quotes doubled inside quoted fields). */
function parseCsv(csv: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i];
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') field += csv[++i];
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  expect(quoted).toBe(false);
  expect(field === '' && record.length === 0).toBe(true); // the file ends with a line break
  return records;
}

/** Data rows as objects keyed by the header. */
function rowsOf(csv: string): Array<Record<string, string>> {
  const [header, ...records] = parseCsv(csv);
  expect(header!.join(',')).toBe(GENERATED_HEADER);
  return records.map((cells) => {
    expect(cells).toHaveLength(header!.length);
    return Object.fromEntries(header!.map((name, i) => [name, cells[i]!]));
  });
}

const lookups = defaultLookups();
const categoryMatcher = new Matcher(lookups.categories, lookups.category_map, 2);
const regionMatcher = new Matcher(lookups.regions, lookups.region_map, 2);
const productMatcher = new Matcher(lookups.products, lookups.product_map, 2);
const NULL_TOKENS = new Set(['na', 'n/a', 'null', 'none', 'nan', '-']);
const cell = (raw: string | undefined): string => {
  const trimmed = (raw ?? '').trim();
  return NULL_TOKENS.has(trimmed.toLowerCase()) ? '' : trimmed;
};

/** SPEC section 2's checks in order, with default options: the rejection reason, or null when accepted. */
function checker(referenceDate: string) {
  const earliest = shiftYears(referenceDate, -20);
  const latest = shiftYears(referenceDate, 1);
  const acceptedIds = new Set<string>();
  return (row: Record<string, string>): string | null => {
    const id = cell(row.order_id).toUpperCase();
    if (id === '') return 'missing_order_id';
    if (cell(row.product_name) === '') return 'missing_product_name';
    const quantity = parseQuantity(cell(row.quantity));
    if (quantity === null) return 'invalid_quantity';
    if (quantity === 0) return 'zero_quantity';
    const price = parsePrice(cell(row.unit_price));
    if (price === null || price < 0 || price > 50_000) return 'invalid_unit_price';
    const discount = parseDiscount(cell(row.discount_percent));
    if (discount === null || discount < 0 || discount > 1) return 'invalid_discount';
    const date = parseSaleDate(cell(row.sale_date));
    if (date === null) return 'invalid_sale_date';
    if (date.day < earliest || date.day > latest) return 'sale_date_out_of_range';
    if (categoryMatcher.match(cell(row.category)).value === null) return 'unknown_category';
    if (regionMatcher.match(cell(row.region)).value === null) return 'unknown_region';
    const revenue = Math.round(quantity * price * (1 - discount) * 100) / 100;
    if (revenue < 0 || revenue > 1_000_000) return 'invalid_calculated_revenue';
    if (acceptedIds.has(id)) return 'duplicate_order_id';
    acceptedIds.add(id);
    return null;
  };
}

describe('Prng', () => {
  it('gives the same numbers for the same seed, and other numbers for another', () => {
    const draw = (seed: number) => {
      const rng = new Prng(seed);
      return Array.from({ length: 5 }, () => rng.next());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    expect(draw(2 ** 40)).not.toEqual(draw(0));
  });

  it('pins its first numbers, so files stay the same across platforms and releases', () => {
    const rng = new Prng(1);
    expect([rng.next(), rng.next(), rng.next()]).toEqual([3440346677, 3958198567, 3181493449]);
  });

  it('draws integers in range and from weighted tables in proportion', () => {
    const rng = new Prng(3);
    const counts = [0, 0, 0];
    const table = sampleTable([1, 0, 3]);
    for (let i = 0; i < 40_000; i++) {
      const n = rng.int(-2, 2);
      expect(n >= -2 && n <= 2 && Number.isInteger(n)).toBe(true);
      counts[rng.sample(table)]!++;
    }
    expect(counts[1]).toBe(0);
    expect(counts[2]! / counts[0]!).toBeGreaterThan(2.7);
    expect(counts[2]! / counts[0]!).toBeLessThan(3.3);
  });
});

describe('generateCsv', () => {
  it('writes the same text for the same seed and options, and other text for another seed', () => {
    expect(text({ seed: 5 })).toBe(text({ seed: 5 }));
    expect(text({ seed: 5 })).not.toBe(text({ seed: 6 }));
    expect(text({ seed: 5, clean: true })).toBe(text({ seed: 5, clean: true }));
  });

  it('writes the same text whatever the block size, header first', () => {
    const whole = text({ rows: 3000 });
    for (const blockChars of [1, 100, 4096, 1 << 20]) expect(text({ rows: 3000 }, blockChars)).toBe(whole);
    const blocks = [...generateCsv({ rows: 3000, seed: 1, clean: false, endDate: END_DATE }, 4096)];
    expect(blocks[0]!.startsWith(GENERATED_HEADER + '\n')).toBe(true);
    expect(blocks.slice(0, -1).every((block) => block.length >= 4096 && block.length < 4096 + 1000)).toBe(true);
  });

  const counts = [0, 1, 2, 57, 4001].flatMap((rows) => [true, false].map((clean) => ({ rows, clean })));
  it.each(counts)('writes exactly $rows rows (clean: $clean)', ({ rows, clean }) => {
    expect(rowsOf(text({ rows, clean }))).toHaveLength(rows);
  });

  it('refuses a bad row count or end date', () => {
    expect(() => text({ rows: -1 })).toThrow(RangeError);
    expect(() => text({ rows: 1.5 })).toThrow(RangeError);
    expect(() => text({ endDate: '2025-02-30' })).toThrow(RangeError);
    expect(() => text({ endDate: '30/06/2025' })).toThrow(RangeError);
  });
});

describe('clean mode', () => {
  const rows = rowsOf(text({ rows: 20_000, seed: 11, clean: true }));
  const products = new Map(PRODUCTS.map((p) => [p.name, p]));
  const first = shiftYears(END_DATE, -2); // exclusive
  const last = shiftYears(END_DATE, 0);

  it('writes only valid, canonical values', () => {
    const problems: string[] = [];
    const expectThat = (ok: boolean, row: Record<string, string>, column: string) => {
      if (!ok && problems.length < 20) problems.push(`${column}: ${JSON.stringify(row[column])} in ${JSON.stringify(row)}`);
    };
    const ids = new Set<string>();
    for (const row of rows) {
      const product = products.get(row.product_name!);
      const price = Number(row.unit_price);
      const day = parseSaleDate(row.sale_date!)?.day ?? Number.NaN;
      const revenue = Math.round(Number(row.quantity) * price * (1 - Number(row.discount_percent)) * 100) / 100;
      expectThat(/^ORD-[0-9]{8,}$/.test(row.order_id!) && !ids.has(row.order_id!), row, 'order_id');
      ids.add(row.order_id!);
      expectThat(product !== undefined, row, 'product_name');
      expectThat(row.category === product?.category, row, 'category');
      expectThat(/^([1-9]|10)$/.test(row.quantity!), row, 'quantity');
      expectThat(/^[0-9]+\.[0-9]{2}$/.test(row.unit_price!) && price >= product!.minPrice && price <= product!.maxPrice, row, 'unit_price');
      expectThat(/^(0|0\.[0-9]{1,2})$/.test(row.discount_percent!) && Number(row.discount_percent) <= 0.3, row, 'discount_percent');
      expectThat((REGIONS as readonly string[]).includes(row.region!), row, 'region');
      expectThat(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(row.sale_date!) && day > first && day <= last, row, 'sale_date');
      expectThat(parseEmail(row.customer_email!) === row.customer_email, row, 'customer_email');
      expectThat(row.revenue === revenue.toFixed(2), row, 'revenue');
    }
    expect(problems).toEqual([]);
  });

  it('uses the whole catalogue, the whole window and every region', () => {
    const dates = rows.map((row) => row.sale_date!).sort();
    expect(new Set(rows.map((row) => row.product_name)).size).toBe(PRODUCTS.length);
    expect(new Set(rows.map((row) => row.region)).size).toBe(REGIONS.length);
    expect(new Set(rows.map((row) => row.category)).size).toBe(CATEGORIES.length);
    expect(parseSaleDate(dates[0]!)!.day - first).toBeLessThan(10);
    expect(last - parseSaleDate(dates.at(-1)!)!.day).toBeLessThan(5);
  });

  it('is all accepted by the rules of SPEC section 2, reference date = end date', () => {
    const check = checker(END_DATE);
    const rejected = rows.map(check).filter((reason) => reason !== null);
    expect(rejected).toEqual([]);
    expect(rows.every((row) => productMatcher.match(row.product_name!).value === row.product_name)).toBe(true);
  });
});

describe('dirty mode', () => {
  const ROWS = 20_000;
  const rows = rowsOf(text({ rows: ROWS, seed: 3 }));
  const share = (test: (row: Record<string, string>) => boolean) => rows.filter(test).length / ROWS;
  const productNames = new Set(PRODUCTS.map((p) => p.name));
  const categoryOf = new Map(PRODUCTS.map((p) => [p.name, p.category]));
  const canonicalKeys = new Set(PRODUCTS.map((p) => key(p.name)));
  const aliasKeys = new Set(Object.keys(PRODUCT_ALIASES).map(key));
  const seenIds = new Set<string>();
  const reused = rows.map((row) => {
    const id = row.order_id!.trim().toUpperCase();
    const again = id !== '' && seenIds.has(id);
    seenIds.add(id);
    return again;
  });
  const windowStart = shiftYears(END_DATE, -2);
  const day = (row: Record<string, string>) => parseSaleDate(row.sale_date!.trim())?.day;
  const isWord = (s: string) => /^[a-z ]+$/i.test(s);
  const discount = (row: Record<string, string>) => parseDiscount(row.discount_percent!.trim());

  // Shares of rows, with what the generator aims at (SPEC section 5); tolerances are wide.
  const kinds: Array<{ kind: string; test: (row: Record<string, string>, i: number) => boolean; expected: number }> = [
    { kind: 're-used order id', test: (_, i) => reused[i]!, expected: 0.01 },
    { kind: 'blank email', test: (row) => row.customer_email === '', expected: 0.15 },
    { kind: 'malformed email', test: (row) => row.customer_email !== '' && parseEmail(row.customer_email!.trim()) === null, expected: 0.05 },
    { kind: 'product spelled otherwise', test: (row) => !productNames.has(row.product_name!), expected: 0.065 },
    {
      kind: 'product typo',
      test: (row) => !canonicalKeys.has(key(row.product_name!)) && !aliasKeys.has(key(row.product_name!)) && !UNKNOWN_PRODUCTS.includes(row.product_name!) && row.product_name !== '',
      expected: 0.028,
    },
    {
      kind: 'another valid category',
      test: (row) => categoryOf.has(row.product_name!) && (CATEGORIES as readonly string[]).includes(row.category!) && row.category !== categoryOf.get(row.product_name!),
      expected: 0.075,
    },
    { kind: 'unknown category', test: (row) => UNKNOWN_CATEGORIES.includes(row.category!), expected: 0.025 },
    { kind: 'category spelled otherwise', test: (row) => row.category !== '' && !(CATEGORIES as readonly string[]).includes(row.category!) && !UNKNOWN_CATEGORIES.includes(row.category!), expected: 0.08 },
    { kind: 'zero quantity', test: (row) => row.quantity === '0', expected: 0.015 },
    { kind: 'negative quantity', test: (row) => row.quantity!.startsWith('-'), expected: 0.01 },
    { kind: 'huge quantity', test: (row) => Number(row.quantity) >= 10_000, expected: 0.004 },
    { kind: 'blank quantity', test: (row) => row.quantity === '', expected: 0.015 },
    { kind: 'quantity in words', test: (row) => row.quantity !== '' && isWord(row.quantity!), expected: 0.021 },
    { kind: 'fractional quantity', test: (row) => /\.5$/.test(row.quantity!), expected: 0.008 },
    { kind: 'price with $', test: (row) => row.unit_price!.startsWith('$'), expected: 0.061 },
    { kind: 'price with thousands separator', test: (row) => /^\$[0-9]{1,3}(,[0-9]{3})+\./.test(row.unit_price!), expected: 0.003 },
    { kind: 'negative price', test: (row) => row.unit_price!.startsWith('-'), expected: 0.008 },
    { kind: 'blank price', test: (row) => row.unit_price === '', expected: 0.01 },
    { kind: 'price above 50,000', test: (row) => (parsePrice(row.unit_price!) ?? 0) > 50_000, expected: 0.004 },
    { kind: 'blank discount', test: (row) => row.discount_percent === '', expected: 0.05 },
    { kind: 'discount as a percent', test: (row) => row.discount_percent!.endsWith('%'), expected: 0.19 },
    { kind: 'heavy discount (0.85-0.99)', test: (row) => (discount(row) ?? 0) >= 0.85 && (discount(row) ?? 0) < 1, expected: 0.03 },
    { kind: 'discount below 0 or above 1', test: (row) => (discount(row) ?? 0) < 0 || (discount(row) ?? 0) > 1, expected: 0.011 },
    { kind: 'region spelled otherwise', test: (row) => !(REGIONS as readonly string[]).includes(row.region!), expected: 0.118 },
    { kind: 'region EMEA', test: (row) => row.region === 'EMEA', expected: 0.02 },
    { kind: 'unknown region', test: (row) => UNKNOWN_REGIONS.includes(row.region!), expected: 0.005 },
    { kind: 'date YYYY-MM-DD', test: (row) => /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(row.sale_date!), expected: 0.48 },
    { kind: 'date MM/DD/YYYY', test: (row) => /^[0-9]{2}\/[0-9]{2}\/[0-9]{4}/.test(row.sale_date!), expected: 0.17 },
    { kind: 'date DD-MM-YYYY', test: (row) => /^[0-9]{2}-[0-9]{2}-[0-9]{4}$/.test(row.sale_date!), expected: 0.125 },
    { kind: 'date YYYY/MM/DD', test: (row) => /^[0-9]{4}\/[0-9]{2}\/[0-9]{2}$/.test(row.sale_date!), expected: 0.1 },
    { kind: 'date with a time', test: (row) => /[T ][0-9]{2}:[0-9]{2}/.test(row.sale_date!), expected: 0.116 },
    { kind: 'blank date', test: (row) => row.sale_date === '', expected: 0.035 },
    { kind: 'date not on the calendar or badly formatted', test: (row) => row.sale_date !== '' && day(row) === undefined, expected: 0.011 },
    { kind: 'date far in the past', test: (row) => (day(row) ?? windowStart) < windowStart, expected: 0.004 },
    { kind: 'blank revenue', test: (row) => row.revenue === '', expected: 0.04 },
  ];

  it.each(kinds)('has about the expected share of $kind ($expected)', ({ test, expected }) => {
    const observed = rows.filter(test).length / ROWS;
    expect(observed).toBeGreaterThan(expected * 0.6);
    expect(observed).toBeLessThan(expected * 1.5);
  });

  it('quotes product names that hold a comma, a quote or a line break', () => {
    expect(share((row) => row.product_name === 'Bike, Mountain')).toBeGreaterThan(0);
    expect(share((row) => row.product_name === 'Laptop Pro 15"')).toBeGreaterThan(0);
    expect(share((row) => row.product_name!.includes('\n'))).toBeGreaterThan(0);
  });

  it('sells more recently and more in November and December', () => {
    const days = rows.map(day).filter((d): d is number => d !== undefined && d > windowStart);
    const firstYear = days.filter((d) => d <= windowStart + 365).length;
    expect((days.length - firstYear) / firstYear).toBeGreaterThan(1.3);
    const holiday = days.filter((d) => new Date(d * 86_400_000).getUTCMonth() >= 10).length;
    expect(holiday / days.length).toBeGreaterThan((2 / 12) * 1.3);
  });

  it('writes typos that fuzzy matching brings back to the value they came from', () => {
    for (const row of rows) {
      const name = row.product_name!;
      if (categoryOf.has(name) || name === '' || UNKNOWN_PRODUCTS.includes(name)) continue;
      const match = productMatcher.match(name.trim());
      expect(match.value, name).not.toBeNull();
    }
  });

  it('has 70-85% of its rows accepted by the rules of SPEC section 2', () => {
    const check = checker(END_DATE);
    const reasons = rows.map(check);
    const accepted = reasons.filter((reason) => reason === null).length / ROWS;
    expect(accepted).toBeGreaterThan(0.7);
    expect(accepted).toBeLessThan(0.85);
    expect(new Set(reasons).size).toBeGreaterThanOrEqual(12); // every reason but malformed_row, and null
  });
});
