import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { REJECTION_REASONS } from '../../src/core/contract.ts';
import { isPipelineError, type PipelineError } from '../../src/core/errors.ts';
import { defaultLookups } from '../../src/core/lookups/defaults.ts';
import type { Lookups } from '../../src/core/lookups/lookups.ts';
import { withDefaults, type JobOptions } from '../../src/core/options.ts';
import { runInMemory, type InMemoryResult } from '../../src/core/pipeline/runInMemory.ts';

// Whole rows through the whole job (SPEC sections 1-3), one behaviour at a time.

const COLUMNS = ['order_id', 'product_name', 'category', 'quantity', 'unit_price', 'discount_percent', 'region', 'sale_date', 'customer_email'] as const;
type Column = (typeof COLUMNS)[number];
type Row = Record<Column, string>;

const REFERENCE_DATE = '2024-06-30';
const BASE: Row = {
  order_id: 'ORD-1',
  product_name: 'Smartphone X',
  category: 'Electronics',
  quantity: '2',
  unit_price: '10.00',
  discount_percent: '0.1',
  region: 'North America',
  sale_date: '2024-03-05',
  customer_email: 'a@b.com',
};

const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
const line = (cells: readonly string[]) => cells.map(quote).join(',');

/** A CSV file of the contract's columns, one line per row (each row is BASE with changes). */
function csvOf(rows: Array<Partial<Row>>): string {
  return [line(COLUMNS), ...rows.map((r) => line(COLUMNS.map((c) => ({ ...BASE, ...r })[c])))].join('\n') + '\n';
}

const run = (csv: string, options: Partial<JobOptions> = {}, lookups: Lookups = defaultLookups(), chunkSize?: number): Promise<InMemoryResult> =>
  runInMemory(csv, withDefaults({ reference_date: REFERENCE_DATE, ...options }), lookups, chunkSize === undefined ? {} : { chunkSize });

const parseCsv = (text: string): string[][] => Papa.parse<string[]>(text, { skipEmptyLines: true }).data;

function tableOf(result: InMemoryResult, name: string): { columns: readonly string[]; rows: string[][] } {
  const table = result.tables.find((t) => t.name === name);
  if (table === undefined) throw new Error(`no table ${name}`);
  return table;
}

function metric(result: InMemoryResult, name: string): string {
  const row = tableOf(result, 'quality_report').rows.find((r) => r[0] === name);
  if (row === undefined) throw new Error(`no metric ${name}`);
  return row[1]!;
}

/** Cleaned rows as objects keyed by column. */
function cleanedRows(result: InMemoryResult): Array<Record<string, string>> {
  const [header, ...rows] = parseCsv(result.cleanedCsv);
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])));
}

/** Rejected rows as [row_number, reason, ...cells, extra_fields]. */
const rejectedRows = (result: InMemoryResult): string[][] => parseCsv(result.rejectedCsv).slice(1);

/** Each row's outcome in row order: 'accepted' or its rejection reason. */
function outcomes(result: InMemoryResult): string[] {
  const all: Array<[number, string]> = [
    ...cleanedRows(result).map((r): [number, string] => [Number(r.row_number), 'accepted']),
    ...rejectedRows(result).map((r): [number, string] => [Number(r[0]), r[1]!]),
  ];
  return all.sort((a, b) => a[0] - b[0]).map(([, outcome]) => outcome);
}

async function failure(promise: Promise<unknown>): Promise<PipelineError> {
  try {
    await promise;
  } catch (error) {
    if (isPipelineError(error)) return error;
    throw error;
  }
  throw new Error('expected the job to fail');
}

describe('the checks of SPEC section 2, at their boundaries', () => {
  const cases: Array<{ name: string; row: Partial<Row>; options?: Partial<JobOptions>; expected: string }> = [
    { name: 'price 50000 (price_max)', row: { unit_price: '50000', quantity: '1' }, expected: 'accepted' },
    { name: 'price $50,000.00', row: { unit_price: '$50,000.00', quantity: '1' }, expected: 'accepted' },
    { name: 'price 50000.01', row: { unit_price: '50000.01', quantity: '1' }, expected: 'invalid_unit_price' },
    { name: 'price 0', row: { unit_price: '0' }, expected: 'accepted' },
    { name: 'price -0.01', row: { unit_price: '-0.01' }, expected: 'invalid_unit_price' },
    { name: 'price blank', row: { unit_price: '' }, expected: 'invalid_unit_price' },
    { name: 'custom price_max 100: 100', row: { unit_price: '100' }, options: { price_max: 100 }, expected: 'accepted' },
    { name: 'custom price_max 100: 100.01', row: { unit_price: '100.01' }, options: { price_max: 100 }, expected: 'invalid_unit_price' },
    { name: 'date exactly 20 years before', row: { sale_date: '2004-06-30' }, expected: 'accepted' },
    { name: 'date 20 years and a day before', row: { sale_date: '2004-06-29' }, expected: 'sale_date_out_of_range' },
    { name: 'date exactly 1 year after', row: { sale_date: '2025-06-30' }, expected: 'accepted' },
    { name: 'date 1 year and a day after', row: { sale_date: '2025-07-01' }, expected: 'sale_date_out_of_range' },
    { name: 'date at the limit with a time part', row: { sale_date: '06/30/2025T23:59:59-12:00' }, expected: 'accepted' },
    { name: 'reference 29 Feb: 20 years before is 29 Feb', row: { sale_date: '2004-02-29' }, options: { reference_date: '2024-02-29' }, expected: 'accepted' },
    { name: 'reference 29 Feb: a day earlier', row: { sale_date: '2004-02-28' }, options: { reference_date: '2024-02-29' }, expected: 'sale_date_out_of_range' },
    { name: 'reference 29 Feb: +1 year is 28 Feb', row: { sale_date: '2025-02-28' }, options: { reference_date: '2024-02-29' }, expected: 'accepted' },
    { name: 'reference 29 Feb: 1 March next year', row: { sale_date: '2025-03-01' }, options: { reference_date: '2024-02-29' }, expected: 'sale_date_out_of_range' },
    { name: 'date blank', row: { sale_date: '' }, expected: 'invalid_sale_date' },
    { name: 'date 2024-1-5', row: { sale_date: '2024-1-5' }, expected: 'invalid_sale_date' },
    { name: 'date 2023-02-30', row: { sale_date: '2023-02-30' }, expected: 'invalid_sale_date' },
    { name: 'discount 1', row: { discount_percent: '1' }, expected: 'accepted' },
    { name: 'discount 100%', row: { discount_percent: '100%' }, expected: 'accepted' },
    { name: 'discount 1.0001', row: { discount_percent: '1.0001' }, expected: 'invalid_discount' },
    { name: 'discount 0', row: { discount_percent: '0' }, expected: 'accepted' },
    { name: 'discount -0.0001', row: { discount_percent: '-0.0001' }, expected: 'invalid_discount' },
    { name: 'discount 100.01%', row: { discount_percent: '100.01%' }, expected: 'invalid_discount' },
    { name: 'discount text', row: { discount_percent: 'ten' }, expected: 'invalid_discount' },
    { name: 'discount text with clamp', row: { discount_percent: 'ten' }, options: { discount_out_of_range: 'clamp' }, expected: 'invalid_discount' },
    { name: 'discount 1.5 with clamp', row: { discount_percent: '1.5' }, options: { discount_out_of_range: 'clamp' }, expected: 'accepted' },
    { name: 'discount -0.1 with clamp', row: { discount_percent: '-0.1' }, options: { discount_out_of_range: 'clamp' }, expected: 'accepted' },
    { name: 'revenue exactly revenue_max (20 x 50000)', row: { quantity: '20', unit_price: '50000', discount_percent: '' }, expected: 'accepted' },
    { name: 'revenue one cent over revenue_max', row: { quantity: '100', unit_price: '10000.0001', discount_percent: '' }, expected: 'invalid_calculated_revenue' },
    { name: 'custom revenue_max 100: 100.00', row: { quantity: '1', unit_price: '100', discount_percent: '' }, options: { revenue_max: 100 }, expected: 'accepted' },
    { name: 'custom revenue_max 100: 100.01', row: { quantity: '1', unit_price: '100.01', discount_percent: '' }, options: { revenue_max: 100 }, expected: 'invalid_calculated_revenue' },
    { name: 'quantity 0', row: { quantity: '0' }, expected: 'zero_quantity' },
    { name: 'quantity zero (word)', row: { quantity: 'zero' }, expected: 'zero_quantity' },
    { name: 'quantity 0 kept without drop_zero_quantity', row: { quantity: '0' }, options: { drop_zero_quantity: false }, expected: 'accepted' },
    { name: 'quantity -1', row: { quantity: '-1' }, expected: 'invalid_quantity' },
    { name: 'quantity 2.5', row: { quantity: '2.5' }, expected: 'invalid_quantity' },
    { name: 'quantity Twenty', row: { quantity: 'Twenty' }, expected: 'accepted' },
    { name: 'order id blank', row: { order_id: '   ' }, expected: 'missing_order_id' },
    { name: 'product blank', row: { product_name: ' ' }, expected: 'missing_product_name' },
    { name: 'category unknown', row: { category: 'Misc' }, expected: 'unknown_category' },
    { name: 'category blank', row: { category: '' }, expected: 'unknown_category' },
    { name: 'category of punctuation only', row: { category: '?!' }, expected: 'unknown_category' },
    { name: 'region unknown', row: { region: 'Global' }, expected: 'unknown_region' },
    { name: 'region mapped to UNKNOWN in the defaults (EMEA)', row: { region: 'EMEA' }, expected: 'unknown_region' },
  ];

  it.each(cases)('$name: $expected', async ({ row, options, expected }) => {
    const result = await run(csvOf([row]), options);
    expect(outcomes(result)).toEqual([expected]);
  });

  it('clamps 1.5 to 1 (revenue 0) and -0.1 to 0', async () => {
    const result = await run(csvOf([{ order_id: 'A', discount_percent: '1.5' }, { order_id: 'B', discount_percent: '-0.1' }]), { discount_out_of_range: 'clamp' });
    expect(cleanedRows(result).map((r) => [r.discount_percent, r.revenue])).toEqual([
      ['1.0000', '0.00'],
      ['0.0000', '20.00'],
    ]);
  });

  it('keeps a zero-quantity row with revenue 0 when drop_zero_quantity is off', async () => {
    const result = await run(csvOf([{ quantity: '0' }]), { drop_zero_quantity: false });
    expect(cleanedRows(result).map((r) => [r.quantity, r.revenue])).toEqual([['0', '0.00']]);
  });
});

describe('the first failing check wins', () => {
  const cases: Array<{ name: string; row: Partial<Row>; expected: string }> = [
    { name: 'blank id and blank product', row: { order_id: '', product_name: '' }, expected: 'missing_order_id' },
    { name: 'blank product and bad quantity', row: { product_name: '', quantity: 'many' }, expected: 'missing_product_name' },
    { name: 'bad quantity and bad price', row: { quantity: 'many', unit_price: 'x' }, expected: 'invalid_quantity' },
    { name: 'zero quantity and bad price', row: { quantity: '0', unit_price: 'x' }, expected: 'zero_quantity' },
    { name: 'bad price and bad discount', row: { unit_price: 'x', discount_percent: 'x' }, expected: 'invalid_unit_price' },
    { name: 'bad discount and bad date', row: { discount_percent: 'x', sale_date: 'x' }, expected: 'invalid_discount' },
    { name: 'bad date and unknown category', row: { sale_date: 'x', category: 'Misc' }, expected: 'invalid_sale_date' },
    { name: 'date out of range and unknown category', row: { sale_date: '1999-01-01', category: 'Misc' }, expected: 'sale_date_out_of_range' },
    { name: 'unknown category and unknown region', row: { category: 'Misc', region: 'Global' }, expected: 'unknown_category' },
    { name: 'unknown region and revenue too high', row: { region: 'Global', quantity: '100', unit_price: '50000' }, expected: 'unknown_region' },
  ];

  it.each(cases)('$name: $expected', async ({ row, expected }) => {
    expect(outcomes(await run(csvOf([row])))).toEqual([expected]);
  });

  it('a malformed row is malformed whatever else is wrong', async () => {
    const csv = csvOf([]) + ',,many\n';
    expect(outcomes(await run(csv))).toEqual(['malformed_row']);
  });
});

describe('duplicate order ids', () => {
  it('rejected rows claim no id: the next occurrence is accepted, the one after is a duplicate', async () => {
    const result = await run(csvOf([{ order_id: 'ORD-7', quantity: 'many' }, { order_id: 'ORD-7' }, { order_id: 'ORD-7' }]));
    expect(outcomes(result)).toEqual(['invalid_quantity', 'accepted', 'duplicate_order_id']);
  });

  it('a duplicate of an accepted row that would itself fail an earlier check gets that check', async () => {
    const result = await run(csvOf([{ order_id: 'ORD-7' }, { order_id: 'ORD-7', category: 'Misc' }, { order_id: 'ORD-7' }]));
    expect(outcomes(result)).toEqual(['accepted', 'unknown_category', 'duplicate_order_id']);
  });

  it('compares ids trimmed and upper-cased', async () => {
    const result = await run(csvOf([{ order_id: ' ab1 ' }, { order_id: 'AB1' }, { order_id: 'Ab1\t' }, { order_id: 'AB2' }]));
    expect(outcomes(result)).toEqual(['accepted', 'duplicate_order_id', 'duplicate_order_id', 'accepted']);
    expect(cleanedRows(result).map((r) => r.order_id)).toEqual(['AB1', 'AB2']);
  });

  it('upper-cases with full Unicode case mapping (ß is SS)', async () => {
    const result = await run(csvOf([{ order_id: 'straße-1' }, { order_id: 'STRASSE-1' }]));
    expect(outcomes(result)).toEqual(['accepted', 'duplicate_order_id']);
    expect(cleanedRows(result)[0]!.order_id).toBe('STRASSE-1');
  });

  it('keeps both row files in row order when duplicates move to the rejected rows', async () => {
    const rows = [
      { order_id: 'ORD-1' },
      { order_id: 'ORD-2', quantity: 'many' },
      { order_id: 'ORD-1' },
      { order_id: 'ORD-3' },
      { order_id: 'ORD-4', quantity: 'x' },
      { order_id: 'ORD-3' },
      { order_id: 'ORD-1' },
      { order_id: 'ORD-5' },
    ];
    // With one anomaly row, duplicates are taken back out of the totals; with the default, all
    // rows are anomalies and the chunk is counted again: both paths write the same files.
    for (const [chunkSize, anomalies] of [[1, 1], [64, 1], [1 << 20, 1], [1 << 20, 20]] as const) {
      const result = await run(csvOf(rows), { anomaly_top_n: anomalies }, defaultLookups(), chunkSize);
      expect(rejectedRows(result).map((r) => [r[0], r[1]])).toEqual([
        ['2', 'invalid_quantity'],
        ['3', 'duplicate_order_id'],
        ['5', 'invalid_quantity'],
        ['6', 'duplicate_order_id'],
        ['7', 'duplicate_order_id'],
      ]);
      expect(cleanedRows(result).map((r) => r.row_number)).toEqual(['1', '4', '8']);
    }
  });

  it('finds duplicates across chunks', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => ({ order_id: `ORD-${i % 20}` }));
    const expected = rows.map((_, i) => (i < 20 ? 'accepted' : 'duplicate_order_id'));
    for (const chunkSize of [64, 200, 1 << 20]) expect(outcomes(await run(csvOf(rows), {}, defaultLookups(), chunkSize))).toEqual(expected);
  });
});

describe('matching categories, regions and products', () => {
  const lookups = (over: Partial<Lookups> = {}): Lookups => ({
    categories: ['Electronics'],
    regions: ['North America'],
    products: ['Smartphone X'],
    category_map: {},
    region_map: {},
    product_map: {},
    ...over,
  });

  it('gives a fuzzy tie to the canonical value listed first', async () => {
    // 'Rats' is one edit from both 'Cats' and 'Bats'.
    const row = { category: 'Rats' };
    const first = await run(csvOf([row]), {}, lookups({ categories: ['Cats', 'Bats'] }));
    const second = await run(csvOf([row]), {}, lookups({ categories: ['Bats', 'Cats'] }));
    expect(cleanedRows(first)[0]!.category).toBe('Cats');
    expect(cleanedRows(second)[0]!.category).toBe('Bats');
  });

  it('prefers the nearer canonical value over the first listed', async () => {
    // 'Catss' is 1 edit from 'Cats' and 2 from 'Bats'.
    const result = await run(csvOf([{ category: 'Batss' }]), {}, lookups({ categories: ['Cats', 'Bats'] }));
    expect(cleanedRows(result)[0]!.category).toBe('Bats');
  });

  it('rejects a value whose map entry is UNKNOWN even though fuzzy matching would find one', async () => {
    const withoutEntry = await run(csvOf([{ region: 'Europ' }]), {}, lookups({ regions: ['Europe'] }));
    expect(cleanedRows(withoutEntry)[0]!.region).toBe('Europe');
    const withEntry = await run(csvOf([{ region: 'Europ' }]), {}, lookups({ regions: ['Europe'], region_map: { EUROP: 'UNKNOWN' } }));
    expect(outcomes(withEntry)).toEqual(['unknown_region']);
  });

  it('uses the map before an exact canonical key', async () => {
    const result = await run(csvOf([{ category: 'Gadgets' }]), {}, lookups({ categories: ['Gadgets', 'Electronics'], category_map: { gadgets: 'Electronics' } }));
    expect(cleanedRows(result)[0]!.category).toBe('Electronics');
  });

  it('matches exact keys and default aliases', async () => {
    const result = await run(
      csvOf([
        { order_id: '1', category: ' home and kitchen ', region: 'N. America', product_name: 'smart phone x' },
        { order_id: '2', category: 'ELECTRONIX', region: 'usa', product_name: 'Bike, Mountain' },
      ]),
    );
    expect(cleanedRows(result).map((r) => [r.category, r.region, r.product_name])).toEqual([
      ['Home & Kitchen', 'North America', 'Smartphone X'],
      ['Electronics', 'North America', 'Mountain Bike'],
    ]);
  });

  it('a map target with the key of a canonical value yields the canonical spelling', async () => {
    const result = await run(csvOf([{ category: 'Gadget' }]), {}, lookups({ category_map: { gadget: 'ELECTRONICS' } }));
    expect(cleanedRows(result)[0]!.category).toBe('Electronics');
  });

  it('the first of two map keys with the same key() wins, and so does the first of two canonical values', async () => {
    const result = await run(
      csvOf([
        { order_id: '1', category: 'kitchen' },
        { order_id: '2', region: 'NORTH AMERICA' },
      ]),
      {},
      lookups({ categories: ['Electronics', 'Home'], category_map: { Kitchen: 'Home', 'KITCHEN!': 'Electronics' }, regions: ['North-America', 'North America'] }),
    );
    expect(cleanedRows(result).map((r) => [r.category, r.region])).toEqual([
      ['Home', 'North-America'],
      ['Electronics', 'North-America'],
    ]);
  });

  it('keeps a product whose key() is empty as it is, unmatched', async () => {
    const result = await run(csvOf([{ product_name: ' 🍵 ' }]));
    expect(cleanedRows(result).map((r) => r.product_name)).toEqual(['🍵']);
    expect(metric(result, 'unmatched_product')).toBe('1');
  });

  it('fuzzy_max_distance 0 turns fuzzy matching off but keeps exact keys', async () => {
    const rows = [
      { order_id: '1', category: 'Electronicz' },
      { order_id: '2', category: 'ELECTRONICS' },
    ];
    expect(outcomes(await run(csvOf(rows)))).toEqual(['accepted', 'accepted']);
    expect(outcomes(await run(csvOf(rows), { fuzzy_max_distance: 0 }))).toEqual(['unknown_category', 'accepted']);
  });

  it('matches at distance 2 but not 3 with the default fuzzy_max_distance', async () => {
    const rows = [
      { order_id: '1', category: 'Elextronizs' },
      { order_id: '2', category: 'Elextronizz' },
    ];
    expect(outcomes(await run(csvOf(rows), {}, lookups()))).toEqual(['accepted', 'unknown_category']);
  });

  it('keeps an unknown product with its whitespace collapsed and counts it', async () => {
    const result = await run(csvOf([{ order_id: '1', product_name: '  Gift \t  Card\r\n Deluxe  ' }, { order_id: '2' }]));
    expect(outcomes(result)).toEqual(['accepted', 'accepted']);
    expect(cleanedRows(result).map((r) => r.product_name)).toEqual(['Gift Card Deluxe', 'Smartphone X']);
    expect(metric(result, 'unmatched_product')).toBe('1');
  });
});

describe('values of accepted rows', () => {
  it('empties an invalid email, counts it, and keeps the row', async () => {
    const result = await run(
      csvOf([
        { order_id: '1', customer_email: 'not-an-email' },
        { order_id: '2', customer_email: '  Alice@Example.COM ' },
        { order_id: '3', customer_email: '' },
        { order_id: '4', customer_email: 'N/A' },
        { order_id: '5', customer_email: 'a@b' },
      ]),
    );
    expect(outcomes(result)).toEqual(['accepted', 'accepted', 'accepted', 'accepted', 'accepted']);
    expect(cleanedRows(result).map((r) => r.customer_email)).toEqual(['', 'alice@example.com', '', '', '']);
    expect(metric(result, 'invalid_email')).toBe('2');
  });

  it('flags a heavy discount above 0.8, not at 0.8', async () => {
    const result = await run(
      csvOf([
        { order_id: '1', discount_percent: '0.8' },
        { order_id: '2', discount_percent: '80%' },
        { order_id: '3', discount_percent: '0.8000001' },
        { order_id: '4', discount_percent: '81 %' },
      ]),
    );
    expect(cleanedRows(result).map((r) => r.anomaly_flag)).toEqual(['', '', 'heavy_discount', 'heavy_discount']);
    expect(metric(result, 'heavy_discount')).toBe('2');
    expect(tableOf(result, 'category_discount_map').rows[0]![6]).toBe('2');
  });

  it('follows heavy_discount_threshold', async () => {
    const result = await run(csvOf([{ order_id: '1', discount_percent: '0.5' }, { order_id: '2', discount_percent: '0.51' }]), { heavy_discount_threshold: 0.5 });
    expect(cleanedRows(result).map((r) => r.anomaly_flag)).toEqual(['', 'heavy_discount']);
  });

  const revenueCases = [
    { quantity: '3', unit_price: '19.99', discount_percent: '0.15', expected: (Math.round(3 * 19.99 * (1 - 0.15) * 100) / 100).toFixed(2) },
    // 1.005 * 100 is 100.49999999999999 in doubles: SPEC's formula rounds it down.
    { quantity: '1', unit_price: '1.005', discount_percent: '', expected: '1.00' },
    { quantity: '7', unit_price: '$1,299.99', discount_percent: '12.5%', expected: (Math.round(7 * 1299.99 * (1 - 0.125) * 100) / 100).toFixed(2) },
    { quantity: 'two', unit_price: '0.125', discount_percent: '0', expected: '0.25' },
    { quantity: '1', unit_price: '0.125', discount_percent: '0', expected: (Math.round(0.125 * 100) / 100).toFixed(2) },
  ];

  it.each(revenueCases)('revenue of $quantity x $unit_price less $discount_percent is $expected', async ({ expected, ...row }) => {
    const result = await run(csvOf([row]));
    expect(cleanedRows(result)[0]!.revenue).toBe(expected);
  });

  it('writes the cleaned columns of SPEC section 3', async () => {
    const result = await run(csvOf([{ order_id: ' ord-9 ', quantity: '3.0', unit_price: '$1,299.5', discount_percent: '15%', sale_date: '05-03-2024 10:00', customer_email: 'X@Y.ORG' }]));
    expect(parseCsv(result.cleanedCsv)).toEqual([
      ['row_number', 'order_id', 'product_name', 'category', 'quantity', 'unit_price', 'discount_percent', 'region', 'sale_date', 'sale_ts', 'customer_email', 'revenue', 'anomaly_flag'],
      ['1', 'ORD-9', 'Smartphone X', 'Electronics', '3', '1299.50', '0.1500', 'North America', '2024-03-05', String(Date.UTC(2024, 2, 5) / 1000), 'x@y.org', '3313.73', ''],
    ]);
  });
});

describe('missing-value tokens', () => {
  it('makes the default tokens blank, ignoring case and surrounding spaces', async () => {
    const result = await run(
      csvOf([
        { order_id: 'NA' },
        { order_id: '2', product_name: ' n/a ' },
        { order_id: '3', quantity: 'None' },
        { order_id: '4', discount_percent: '-' },
        { order_id: '5', category: 'NULL' },
        { order_id: '6', unit_price: 'nan' },
        { order_id: '7', customer_email: 'NaN' },
      ]),
    );
    expect(outcomes(result)).toEqual(['missing_order_id', 'missing_product_name', 'invalid_quantity', 'accepted', 'unknown_category', 'invalid_unit_price', 'accepted']);
    expect(metric(result, 'invalid_email')).toBe('0');
  });

  it('a custom null_tokens list replaces the defaults', async () => {
    const rows = [
      { order_id: '1', discount_percent: 'ERROR' },
      { order_id: '2', discount_percent: 'NA' },
      { order_id: '3', customer_email: 'error' },
    ];
    const result = await run(csvOf(rows), { null_tokens: ['ERROR'] });
    expect(outcomes(result)).toEqual(['accepted', 'invalid_discount', 'accepted']);
    expect(metric(result, 'invalid_email')).toBe('0');
    const defaults = await run(csvOf(rows));
    expect(outcomes(defaults)).toEqual(['invalid_discount', 'accepted', 'accepted']);
    expect(metric(defaults, 'invalid_email')).toBe('1');
  });
});

describe('the header', () => {
  const reference = () => run(csvOf([{ order_id: '1' }, { order_id: '2', quantity: 'x' }]));

  const headerCases = [
    { name: 'Order ID', header: 'Order ID' },
    { name: 'order-id', header: 'order-id' },
    { name: 'ORDER.ID', header: 'ORDER.ID' },
    { name: '  Order   Id  ', header: '  Order   Id  ' },
    { name: 'ORDER_ID', header: 'ORDER_ID' },
  ];

  it.each(headerCases)('normalises "$name" to order_id', async ({ header }) => {
    const csv = csvOf([{ order_id: '1' }, { order_id: '2', quantity: 'x' }]).replace(/^order_id/, quote(header));
    const result = await run(csv);
    const expected = await reference();
    expect(result.tables).toEqual(expected.tables);
    expect(result.cleanedCsv).toBe(expected.cleanedCsv);
  });

  it('ignores extra columns and takes columns in any order', async () => {
    const order = ['notes', 'sale_date', 'region', 'Customer Email', 'unit_price', 'quantity', 'category', 'Product Name', 'discount_percent', 'Order ID', 'revenue'];
    const source: Record<string, string>[] = [
      { ...BASE, order_id: '1', notes: 'hello', revenue: '999999' },
      { ...BASE, order_id: '2', quantity: 'x', notes: '', revenue: 'oops' },
    ];
    const pick = (r: Record<string, string>, h: string) => r[h.toLowerCase().replace(/ /g, '_')]!;
    const csv = [line(order), ...source.map((r) => line(order.map((h) => pick(r, h))))].join('\n') + '\n';
    const result = await run(csv);
    const expected = await reference();
    expect(result.tables).toEqual(expected.tables);
    expect(result.cleanedCsv).toBe(expected.cleanedCsv);
  });

  it('recomputes revenue whatever the revenue column says', async () => {
    const csv = line([...COLUMNS, 'revenue']) + '\n' + line([...COLUMNS.map((c) => BASE[c]), '12345.67']) + '\n';
    expect(cleanedRows(await run(csv))[0]!.revenue).toBe('18.00');
  });

  it('stops with MISSING_COLUMNS naming the missing columns and listing the header', async () => {
    const header = ['Order ID', 'product_name', 'quantity', 'unit_price', 'sale_date', 'Notes'];
    const error = await failure(run(line(header) + '\n1,Smartphone X,2,10,2024-03-05,x\n'));
    expect(error.code).toBe('MISSING_COLUMNS');
    expect(error.message).toContain('category');
    expect(error.message).toContain('region');
    expect(error.message).not.toMatch(/lacks[^.]*order_id/);
    expect(error.message).toContain('Order ID, product_name, quantity, unit_price, sale_date, Notes');
  });

  it('does not require the optional columns', async () => {
    const required = COLUMNS.filter((c) => c !== 'discount_percent' && c !== 'customer_email');
    const result = await run(line(required) + '\n' + line(required.map((c) => BASE[c])) + '\n');
    expect(cleanedRows(result).map((r) => [r.discount_percent, r.customer_email, r.revenue])).toEqual([['0.0000', '', '20.00']]);
  });

  it('uses the first of two headers that name the same column, and logs it', async () => {
    const csv = line([...COLUMNS, 'Order ID']) + '\n' + line([...COLUMNS.map((c) => BASE[c]), 'SECOND']) + '\n';
    const result = await run(csv);
    expect(cleanedRows(result)[0]!.order_id).toBe('ORD-1');
    const note = result.log.find((l) => l.includes('order_id') && l.includes('Order ID'));
    expect(note).toBeDefined();
    expect(note).toMatch(/first/);
  });

  it('map takes a header of the file for a column, and set fills a column with a constant', async () => {
    const header = ['Transaction ID', 'Item', 'quantity', 'unit_price', 'region', 'sale_date'];
    const csv = line(header) + '\n' + line(['t-1', 'Smartphone X', '2', '10', 'North America', '2024-03-05']) + '\n';
    const result = await run(csv, { map: { order_id: 'Transaction ID', product_name: 'item' }, set: { category: 'electronics' } });
    expect(cleanedRows(result).map((r) => [r.order_id, r.product_name, r.category])).toEqual([['T-1', 'Smartphone X', 'Electronics']]);
    // A constant reads as itself: 'electronics' became 'Electronics', a correction.
    expect(metric(result, 'corrected.category')).toBe('1');
  });

  it('map overrides the name match', async () => {
    const csv = line([...COLUMNS, 'real id']) + '\n' + line([...COLUMNS.map((c) => BASE[c]), 'REAL-1']) + '\n';
    const result = await run(csv, { map: { order_id: 'real id' } });
    expect(cleanedRows(result)[0]!.order_id).toBe('REAL-1');
  });

  it('map naming a header the file lacks is an error', async () => {
    const error = await failure(run(csvOf([{}]), { map: { order_id: 'Nope' } }));
    expect(error.code).toBe('UNKNOWN_HEADER');
    expect(error.message).toContain('Nope');
  });
});

describe('reading records', () => {
  it('skips blank lines and does not count them in row_number', async () => {
    const [header, a, b, c] = csvOf([{ order_id: 'A' }, { order_id: 'B', quantity: 'x' }, { order_id: 'C' }]).split('\n');
    const csv = `\n  \n${header}\n\n${a}\n   \n\t\n${b}\n\n\n${c}\n\n`;
    const result = await run(csv);
    expect(metric(result, 'rows_read')).toBe('3');
    expect(cleanedRows(result).map((r) => [r.row_number, r.order_id])).toEqual([
      ['1', 'A'],
      ['3', 'C'],
    ]);
    expect(rejectedRows(result).map((r) => r[0])).toEqual(['2']);
  });

  it('reads a line of delimiters only as a record', async () => {
    const csv = csvOf([{ order_id: 'A' }]) + ',,,,,,,,\n' + line(COLUMNS.map((c) => (c === 'order_id' ? 'A' : BASE[c]))) + '\n';
    const result = await run(csv);
    expect(outcomes(result)).toEqual(['accepted', 'missing_order_id', 'duplicate_order_id']);
  });

  const mixed = (csv: string) => {
    let i = 0;
    return csv.replace(/\n/g, () => ['\r\n', '\r', '\n'][i++ % 3]!);
  };
  const endings = [
    { name: 'CRLF', convert: (csv: string) => csv.replace(/\n/g, '\r\n') },
    { name: 'CR only', convert: (csv: string) => csv.replace(/\n/g, '\r') },
    { name: 'mixed', convert: mixed },
  ];

  it.each(endings)('$name line endings give the same outputs as LF', async ({ convert }) => {
    const lf = csvOf([
      { order_id: 'A', product_name: 'Smart\nphone X' },
      { order_id: 'B', product_name: 'Gift\nCard', quantity: 'x' },
      { order_id: 'C', product_name: 'Bike, Mountain' },
      {},
      { order_id: 'D', customer_email: 'x"y@z.com' },
    ]);
    const expected = await run(lf);
    expect(outcomes(expected)).toEqual(['accepted', 'invalid_quantity', 'accepted', 'accepted', 'accepted']);
    for (const chunkSize of [1, 7, 1 << 20]) {
      const result = await run(convert(lf), {}, defaultLookups(), chunkSize);
      expect(result.tables).toEqual(expected.tables);
      expect(result.cleanedCsv).toBe(expected.cleanedCsv);
      expect(result.rejectedCsv).toBe(expected.rejectedCsv);
    }
  });

  it('reads quoted delimiters, quotes and line breaks', async () => {
    const result = await run(
      csvOf([
        { order_id: 'A', product_name: 'Bike, Mountain' },
        { order_id: 'B', product_name: 'Laptop Pro 15"' },
        { order_id: 'C', product_name: 'Wireless\r\nEarbuds' },
        { order_id: 'D', product_name: 'Say "hi",\nthen go', quantity: 'x' },
      ]),
    );
    expect(cleanedRows(result).map((r) => r.product_name)).toEqual(['Mountain Bike', 'Laptop Pro 15', 'Wireless Earbuds']);
    // The raw cell as read: a quoted CRLF reads as LF.
    expect(rejectedRows(result)[0]!.slice(0, 4)).toEqual(['4', 'invalid_quantity', 'D', 'Say "hi",\nthen go']);
  });

  it('rejects ragged rows as malformed: short rows padded, long rows with extra_fields', async () => {
    const header = line(COLUMNS);
    const full = COLUMNS.map((c) => BASE[c]);
    const csv = [header, 'S-1,Smartphone X,Electronics', line([...full.slice(0, 8), 'a@b.com', 'x', 'y"z']), line(['L-2', ...full.slice(1)])].join('\n') + '\n';
    const result = await run(csv);
    expect(outcomes(result)).toEqual(['malformed_row', 'malformed_row', 'accepted']);
    expect(parseCsv(result.rejectedCsv)).toEqual([
      ['row_number', 'rejection_reason', ...COLUMNS, 'extra_fields'],
      ['1', 'malformed_row', 'S-1', 'Smartphone X', 'Electronics', '', '', '', '', '', '', ''],
      ['2', 'malformed_row', ...full, 'x,y"z'],
    ]);
    expect(metric(result, 'rejected.malformed_row')).toBe('2');
  });

  const delimiters = [
    { name: 'semicolon', delimiter: ';' },
    { name: 'tab', delimiter: '\t' },
    { name: 'pipe', delimiter: '|' },
  ];

  it.each(delimiters)('detects the $name delimiter from the header and reads the same rows', async ({ delimiter }) => {
    const rows = [{ order_id: 'A' }, { order_id: 'B', quantity: 'x' }, { order_id: 'C', product_name: 'Smart, Phone X' }];
    const expected = await run(csvOf(rows));
    const csv = [COLUMNS.join(delimiter), ...rows.map((r) => COLUMNS.map((c) => quote({ ...BASE, ...r }[c])).join(delimiter))].join('\n') + '\n';
    const result = await run(csv);
    expect(result.delimiter).toBe(delimiter);
    expect(result.tables).toEqual(expected.tables);
    expect(result.cleanedCsv).toBe(expected.cleanedCsv);
  });

  it('drops a BOM and skips blank lines before the header', async () => {
    const expected = await run(csvOf([{}]));
    const result = await run('\uFEFF\n \n' + csvOf([{}]));
    expect(result.header[0]).toBe('order_id');
    expect(result.tables).toEqual(expected.tables);
    expect(result.cleanedCsv).toBe(expected.cleanedCsv);
  });

  it('joins extra fields with the input delimiter', async () => {
    const csv = [COLUMNS.join(';'), [...COLUMNS.map((c) => BASE[c]), 'x', 'y'].join(';')].join('\n') + '\n';
    const result = await run(csv);
    expect(result.delimiter).toBe(';');
    expect(rejectedRows(result)[0]!.at(-1)).toBe('x;y');
  });

  const quoteCases = [
    {
      name: 'an unterminated quote takes the rest of the file',
      tail: 'B,"Smartphone X,Electronics,2,10,0,North America,2024-03-05,a@b.com\nC,Smartphone X,Electronics,2,10,0,North America,2024-03-05,a@b.com\n',
      expected: ['accepted', 'malformed_row'],
    },
    {
      name: 'a quote followed by text (then closed) is malformed',
      tail: 'B,"Smart"phone X",Electronics,2,10,0,North America,2024-03-05,a@b.com\nC,Smartphone X,Electronics,2,10,0,North America,2024-03-05,a@b.com\n',
      expected: ['accepted', 'malformed_row', 'accepted'],
    },
    {
      name: 'a quote that is not at the start of a field is text',
      tail: 'B,Smart "phone" X,Electronics,2,10,0,North America,2024-03-05,a@b.com\n',
      expected: ['accepted', 'accepted'],
    },
  ];

  it.each(quoteCases)('$name', async ({ tail, expected }) => {
    const result = await run(csvOf([{ order_id: 'A' }]) + tail);
    expect(outcomes(result)).toEqual(expected);
  });

  const fieldCases = [
    { name: '13 bytes of ASCII', note: 'x'.repeat(13), expected: 'accepted' },
    { name: '14 bytes of ASCII', note: 'x'.repeat(14), expected: 'malformed_row' },
    { name: '6 two-byte characters (12 bytes)', note: 'é'.repeat(6), expected: 'accepted' },
    { name: '7 two-byte characters (14 bytes, 7 UTF-16 units)', note: 'é'.repeat(7), expected: 'malformed_row' },
    { name: '4 three-byte characters (12 bytes)', note: '€'.repeat(4), expected: 'accepted' },
    { name: '5 three-byte characters (15 bytes)', note: '€'.repeat(5), expected: 'malformed_row' },
    { name: '3 astral characters (12 bytes)', note: '😀'.repeat(3), expected: 'accepted' },
    { name: '4 astral characters (16 bytes, 8 UTF-16 units)', note: '😀'.repeat(4), expected: 'malformed_row' },
  ];

  it.each(fieldCases)('max_field_bytes 13 (UTF-8 bytes): a field of $name is $expected', async ({ note, expected }) => {
    // 'North America' is the longest contract cell: 13 bytes.
    const csv = line([...COLUMNS, 'note']) + '\n' + line([...COLUMNS.map((c) => BASE[c]), note]) + '\n';
    expect(outcomes(await run(csv, { max_field_bytes: 13 }))).toEqual([expected]);
  });
});

describe('the quality report', () => {
  it('lists every reason in SPEC order, zeros included', async () => {
    const result = await run(csvOf([{ order_id: 'A' }]));
    expect(tableOf(result, 'quality_report').rows).toEqual([
      ['rows_read', '1'],
      ['rows_accepted', '1'],
      ['rows_rejected', '0'],
      ...REJECTION_REASONS.map((r) => [`rejected.${r}`, '0']),
      ['invalid_email', '0'],
      ['unmatched_product', '0'],
      ['heavy_discount', '0'],
      ['corrected.category', '0'],
      ['corrected.region', '0'],
      ['corrected.product_name', '0'],
      ['success_rate', '1.0000'],
    ]);
    expect(REJECTION_REASONS).toEqual([
      'malformed_row',
      'missing_order_id',
      'missing_product_name',
      'invalid_quantity',
      'zero_quantity',
      'invalid_unit_price',
      'invalid_discount',
      'invalid_sale_date',
      'sale_date_out_of_range',
      'unknown_category',
      'unknown_region',
      'invalid_calculated_revenue',
      'duplicate_order_id',
    ]);
  });

  it('counts one row of each reason', async () => {
    const csv =
      csvOf([
        { order_id: 'A' },
        { order_id: '' },
        { order_id: 'C', product_name: '' },
        { order_id: 'D', quantity: 'many' },
        { order_id: 'E', quantity: '0' },
        { order_id: 'F', unit_price: '-5' },
        { order_id: 'G', discount_percent: 'ten' },
        { order_id: 'H', sale_date: '2024-1-5' },
        { order_id: 'I', sale_date: '2030-01-01' },
        { order_id: 'J', category: 'Misc' },
        { order_id: 'K', region: 'Global' },
        { order_id: 'L', quantity: '100', unit_price: '50000' },
        { order_id: 'a' },
        { order_id: 'N', category: 'electronix', region: 'usa', product_name: 'Gift Card', customer_email: 'bad', discount_percent: '0.9' },
      ]) + 'M,x\n';
    const result = await run(csv);
    expect(outcomes(result)).toEqual([
      'accepted',
      'missing_order_id',
      'missing_product_name',
      'invalid_quantity',
      'zero_quantity',
      'invalid_unit_price',
      'invalid_discount',
      'invalid_sale_date',
      'sale_date_out_of_range',
      'unknown_category',
      'unknown_region',
      'invalid_calculated_revenue',
      'duplicate_order_id',
      'accepted',
      'malformed_row',
    ]);
    const report = Object.fromEntries(tableOf(result, 'quality_report').rows);
    expect(report).toEqual({
      rows_read: '15',
      rows_accepted: '2',
      rows_rejected: '13',
      ...Object.fromEntries(REJECTION_REASONS.map((r) => [`rejected.${r}`, '1'])),
      invalid_email: '1',
      unmatched_product: '1',
      heavy_discount: '1',
      'corrected.category': '1',
      'corrected.region': '1',
      'corrected.product_name': '0',
      success_rate: '0.1333',
    });
    expect(tableOf(result, 'corrections').rows).toEqual([
      ['category', 'electronix', 'Electronics', '1'],
      ['region', 'usa', 'North America', '1'],
    ]);
  });

  it('counts a raw cell that differs only by surrounding spaces as a correction', async () => {
    const result = await run(csvOf([{ category: ' Electronics ' }]));
    expect(metric(result, 'corrected.category')).toBe('1');
    expect(tableOf(result, 'corrections').rows).toEqual([['category', ' Electronics ', 'Electronics', '1']]);
  });
});

describe('tables', () => {
  it('formats money to cents and ratios to 4 decimals, rounding half up', async () => {
    const result = await run(
      csvOf([
        // Discounts 0.0001 and 0: the mean 0.00005 rounds up to 0.0001.
        // Revenues 0.01 and 0.00: the mean 0.005 rounds up to 0.01.
        { order_id: '1', quantity: '1', unit_price: '0.01', discount_percent: '0.0001' },
        { order_id: '2', quantity: '1', unit_price: '0', discount_percent: '0' },
      ]),
    );
    expect(tableOf(result, 'monthly_sales').rows).toEqual([['2024-03', '2', '2', '0.01', '0.0001', '0.01']]);
    expect(tableOf(result, 'category_discount_map').rows).toEqual([['Electronics', '2', '0.01', '0.0001', '0.0000', '0.0001', '0']]);
    expect(tableOf(result, 'region_performance').rows).toEqual([['North America', '2', '2', '0.01', '0.0001', '0.01', '1.0000']]);
  });

  it('rounds a mean below half down', async () => {
    const result = await run(
      csvOf([
        { order_id: '1', quantity: '1', unit_price: '0.01', discount_percent: '0.00004' },
        { order_id: '2', quantity: '1', unit_price: '0', discount_percent: '0' },
        { order_id: '3', quantity: '1', unit_price: '0', discount_percent: '0' },
      ]),
    );
    // Means: revenue 0.00333..., discount 0.0000133...
    expect(tableOf(result, 'monthly_sales').rows).toEqual([['2024-03', '3', '3', '0.01', '0.0000', '0.00']]);
  });

  it('gives revenue shares of regions to 4 decimals', async () => {
    const result = await run(
      csvOf([
        { order_id: '1', region: 'Europe', quantity: '1', unit_price: '1', discount_percent: '' },
        { order_id: '2', region: 'Asia', quantity: '2', unit_price: '1', discount_percent: '' },
      ]),
    );
    expect(tableOf(result, 'region_performance').rows.map((r) => [r[0], r[6]])).toEqual([
      ['Asia', '0.6667'],
      ['Europe', '0.3333'],
    ]);
  });

  it('sums revenue exactly in cents', async () => {
    // Ten rows of 0.10: a float sum would give 0.9999999999999999.
    const rows = Array.from({ length: 10 }, (_, i) => ({ order_id: `R${i}`, quantity: '1', unit_price: '0.1', discount_percent: '' }));
    const result = await run(csvOf(rows));
    expect(tableOf(result, 'product_performance').rows).toEqual([['Smartphone X', '10', '10', '1.00', '0.0000']]);
  });

  it('breaks ties in orderings by byte order of the name', async () => {
    const lookups: Lookups = {
      categories: ['beta', 'Zeta', 'Ébène', 'Alpha'],
      regions: ['north', 'South', 'east', 'Øst'],
      products: ['widget'],
      category_map: {},
      region_map: {},
      product_map: {},
    };
    // Every row has the same revenue and quantity; the names differ only in byte order.
    const names = [
      { product_name: 'apple', category: 'beta', region: 'north' },
      { product_name: 'Zebra', category: 'Zeta', region: 'Øst' },
      { product_name: '\u{1F600} smile', category: 'Ébène', region: 'South' },
      { product_name: '\uFFFD odd', category: 'Alpha', region: 'east' },
    ];
    const rows = names.map((n, i) => ({ ...n, order_id: `T${i}`, quantity: '1', unit_price: '5', discount_percent: '' }));
    const result = await run(csvOf(rows), { fuzzy_max_distance: 0 }, lookups);
    const bytes = ['Zebra', 'apple', '\uFFFD odd', '\u{1F600} smile'];
    expect(tableOf(result, 'product_performance').rows.map((r) => r[0])).toEqual(bytes);
    expect(tableOf(result, 'top_products').rows.map((r) => [r[0], r[1]])).toEqual(bytes.map((b, i) => [String(i + 1), b]));
    expect(tableOf(result, 'top_products_by_units').rows.map((r) => r[1])).toEqual(bytes);
    expect(tableOf(result, 'category_discount_map').rows.map((r) => r[0])).toEqual(['Alpha', 'Zeta', 'beta', 'Ébène']);
    expect(tableOf(result, 'region_performance').rows.map((r) => r[0])).toEqual(['South', 'east', 'north', 'Øst']);
  });

  it('orders by revenue before name, and top_n cuts the list', async () => {
    const rows = [
      { order_id: '1', product_name: 'Blender', category: 'Home & Kitchen', quantity: '1', unit_price: '5' },
      { order_id: '2', product_name: 'Air Fryer', category: 'Home & Kitchen', quantity: '3', unit_price: '1' },
      { order_id: '3', product_name: 'Coffee Maker', category: 'Home & Kitchen', quantity: '1', unit_price: '50' },
    ].map((r) => ({ ...r, discount_percent: '' }));
    const result = await run(csvOf(rows), { top_n: 2 });
    expect(tableOf(result, 'top_products').rows).toEqual([
      ['1', 'Coffee Maker', '1', '1', '50.00'],
      ['2', 'Blender', '1', '1', '5.00'],
    ]);
    expect(tableOf(result, 'top_products_by_units').rows).toEqual([
      ['1', 'Air Fryer', '1', '3', '3.00'],
      ['2', 'Blender', '1', '1', '5.00'],
    ]);
  });

  it('lists anomaly records by revenue, then product name, then row number', async () => {
    const rows = [
      { order_id: '1', product_name: 'Blender', unit_price: '5' },
      { order_id: '2', product_name: 'Air Fryer', unit_price: '5' },
      { order_id: '3', product_name: 'Air Fryer', unit_price: '5' },
      { order_id: '4', product_name: 'Coffee Maker', unit_price: '50' },
    ].map((r) => ({ ...r, category: 'Home & Kitchen', quantity: '1', discount_percent: '' }));
    const result = await run(csvOf(rows), { anomaly_top_n: 3 });
    const anomalies = tableOf(result, 'anomaly_records');
    expect(anomalies.columns.at(-1)).toBe('reason');
    expect(anomalies.rows.map((r) => [r[0], r[2], r.at(-1)])).toEqual([
      ['4', 'Coffee Maker', 'top_revenue'],
      ['2', 'Air Fryer', 'top_revenue'],
      ['3', 'Air Fryer', 'top_revenue'],
    ]);
  });
});
