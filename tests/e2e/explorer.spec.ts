import { expect, test } from './support/test.ts';
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { jobEnd, readJobFolder, withoutSavePicker } from './support/app.ts';

// Every output table in the explorer: the small ones sorted and paged, the row files read a page
// at a time from OPFS, rejected rows by reason; each page checked against the file itself.

const shownRows = (page: Page) => page.getByTestId('explorer-table').locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')));
const parse = (text: string) => Papa.parse<string[]>(text.replace(/\r\n$/, ''), { newline: '\r\n' }).data;

test('the explorer shows every table: sorted, paged, and row files page by page', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('sample-rows').fill('3000');
  await page.getByTestId('try-sample').click();
  const end = await jobEnd(page);
  expect(end.status).toBe('completed');
  const files = (await readJobFolder(page, end.jobId!))!;
  await page.getByTestId('job-id').click();
  const choose = page.getByTestId('explorer-choose');
  await expect(choose.locator('option')).toHaveCount(12);

  // A small table, sorted by revenue, highest first, as numbers.
  await choose.selectOption('product_performance');
  const products = parse(files['product_performance.csv']!).slice(1);
  await page.getByTestId('sort-revenue').click();
  await page.getByTestId('sort-revenue').click();
  const byRevenue = [...products].sort((a, b) => Number(b[3]) - Number(a[3]));
  expect(await shownRows(page)).toEqual(byRevenue.slice(0, 25));
  await expect(page.getByTestId('page-label')).toHaveText(`Page 1 of ${Math.ceil(products.length / 25)}`);
  await page.getByTestId('page-next').click();
  expect(await shownRows(page)).toEqual(byRevenue.slice(25, 50));

  // Rejected rows, page by page, then one reason.
  const rejected = parse(files['rejected_rows.csv']!);
  await choose.selectOption('rejected_rows');
  await expect(page.getByTestId('page-label')).toHaveText(`Rows 1–50 of ${(rejected.length - 1).toLocaleString('en-US')}`);
  expect(await shownRows(page)).toEqual(rejected.slice(1, 51));
  await page.getByTestId('page-next').click();
  await expect(page.getByTestId('page-label')).toHaveText(/^Rows 51–100 of/);
  expect(await shownRows(page)).toEqual(rejected.slice(51, 101));
  await page.getByTestId('page-previous').click();
  await expect(page.getByTestId('page-label')).toHaveText(/^Rows 1–50 of/);
  expect(await shownRows(page)).toEqual(rejected.slice(1, 51));

  await page.getByTestId('reason-filter').selectOption('invalid_quantity');
  const invalid = rejected.slice(1).filter((r) => r[1] === 'invalid_quantity');
  await expect(page.getByTestId('page-label')).toContainText(`Page 1: ${Math.min(50, invalid.length)} invalid_quantity rows`);
  expect(await shownRows(page)).toEqual(invalid.slice(0, 50));

  // Cleaned rows.
  const cleaned = parse(files['cleaned_rows.csv']!);
  await choose.selectOption('cleaned_rows');
  await expect(page.getByTestId('page-label')).toHaveText(`Rows 1–50 of ${(cleaned.length - 1).toLocaleString('en-US')}`);
  expect(await shownRows(page)).toEqual(cleaned.slice(1, 51));
});

test('each table and row file downloads as its CSV, byte for byte, named after the job’s file', async ({ page }) => {
  await withoutSavePicker(page);
  await page.goto('/');
  await page.getByTestId('sample-rows').fill('2000');
  await page.getByTestId('try-sample').click();
  const end = await jobEnd(page);
  expect(end.status).toBe('completed');
  const files = (await readJobFolder(page, end.jobId!))!;
  await page.getByTestId('job-id').click();
  for (const table of ['monthly_sales', 'quality_report', 'cleaned_rows', 'rejected_rows']) {
    await page.getByTestId('explorer-choose').selectOption(table);
    const download = page.waitForEvent('download');
    await page.getByTestId('explorer').getByTestId('download-csv').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`sample-2000-rows-${table}.csv`);
    expect(readFileSync((await file.path())!, 'utf8'), table).toBe(files[`${table}.csv`]);
  }
});
