import { expect, test } from './support/test.ts';
import type {} from '../../src/bench/api.ts';
import { csvFile } from './support/app.ts';

// The benchmark's own page (npm run bench): its runs count what they read, and the app never
// loads it or DuckDB. The benchmark itself is not run here.

const HEADER = 'order_id,product_name,category,quantity,unit_price,discount_percent,region,sale_date,customer_email,revenue\n';
const ROWS = 500;
const csv =
  HEADER +
  Array.from({ length: ROWS }, (_, i) => `ORD-${i},"Desk, oak",Office,${i % 7},12.50,0,${i % 2 ? 'Europe' : 'Asia'},2025-0${1 + (i % 3)}-15,a${i}@example.com,12.50\n`).join('');

test('the app page loads none of the benchmark assets', async ({ page }) => {
  const loaded: string[] = [];
  page.on('request', (request) => loaded.push(request.url()));
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sales pipeline' })).toBeVisible();
  expect(loaded.filter((url) => /duckdb|bench|parse\.worker|read\.worker/.test(url))).toEqual([]);
});

test('the bench page reads, parses and queries the picked file', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/bench.html');
  await page.getByTestId('bench-file').setInputFiles(csvFile('small.csv', csv));
  const read = await page.evaluate(() => window.bench.readOnly());
  expect(read.bytes).toBe(Buffer.byteLength(csv));
  for (const [workers, chunk] of [
    [1, 1 << 20],
    [3, 257],
  ] as const) {
    const parsed = await page.evaluate(([w, c]) => window.bench.parseOnly(w, c), [workers, chunk] as const);
    expect(parsed, `${workers} workers, chunks of ${chunk} bytes`).toMatchObject({ rows: ROWS, bytes: Buffer.byteLength(csv), workers });
  }
  const duck = await page.evaluate(() => window.bench.duckdb());
  expect(duck).toMatchObject({ rows: ROWS, groups: 6 });
  expect(errors).toEqual([]);
});
