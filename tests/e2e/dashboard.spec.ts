import { expect, test } from './support/test.ts';
import type { Locator, Page } from '@playwright/test';
import { jobEnd } from './support/app.ts';
import { readStore } from './support/storage.ts';

// Sample data to dashboard, as a new user would go: every chart is checked against the job's own
// tables as stored, not only drawn.

type Tables = { name: string; columns: string[]; rows: string[][] }[];

async function storedTables(page: Page, jobId: string): Promise<Map<string, string[][]>> {
  const results = (await readStore(page, 'results')).find((r) => r.jobId === jobId)!;
  return new Map((results.tables as Tables).map((t) => [t.name, t.rows]));
}

/** [label, value] of each mark of a chart, as drawn. */
const marks = (chart: Locator, selector: string) =>
  chart.locator(selector).evaluateAll((nodes) => nodes.map((n) => [(n as HTMLElement).dataset.label ?? '', Number((n as HTMLElement).dataset.value)]));

const money = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

test('sample data runs and its dashboard draws every chart from the job’s numbers', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/');
  await page.getByTestId('sample-rows').fill('20000');
  await page.getByTestId('try-sample').click();
  const end = await jobEnd(page);
  expect(end.status).toBe('completed');
  await expect(page.getByTestId('rows-read')).toHaveText('20,000');

  await page.getByTestId('job-id').click();
  const dashboard = page.getByTestId('dashboard');
  await expect(dashboard).toBeVisible();
  const tables = await storedTables(page, end.jobId!);
  const quality = new Map(tables.get('quality_report')!.map(([m, v]) => [m!, v!]));
  const monthly = tables.get('monthly_sales')!;

  const revenueCents = monthly.reduce((sum, r) => sum + Math.round(Number(r[3]) * 100), 0);
  await expect(page.getByTestId('headline-revenue')).toHaveText(money(revenueCents / 100));
  await expect(page.getByTestId('headline-accepted')).toHaveText(Number(quality.get('rows_accepted')).toLocaleString('en-US'));
  await expect(page.getByTestId('headline-rejected')).toHaveText(Number(quality.get('rows_rejected')).toLocaleString('en-US'));
  await expect(page.getByTestId('headline-success')).toHaveText(`${(100 * Number(quality.get('success_rate'))).toFixed(1)}%`);

  expect(await marks(page.getByTestId('chart-monthly'), '.dot')).toEqual(monthly.map((r) => [r[0], Number(r[3])]));
  expect(await marks(page.getByTestId('chart-regions'), '.slice')).toEqual(tables.get('region_performance')!.map((r) => [r[0], Number(r[3])]));
  const products = page.getByTestId('chart-products');
  expect(await marks(products, '.bar')).toEqual(tables.get('top_products')!.map((r) => [r[1], Number(r[4])]));
  await page.getByTestId('products-by-units').click();
  await expect(products.locator('h3')).toHaveText('Top products by units');
  expect(await marks(products, '.bar')).toEqual(tables.get('top_products_by_units')!.map((r) => [r[1], Number(r[3])]));

  const heat = tables.get('category_month_discount')!;
  const cells = await page.getByTestId('chart-heatmap').locator('.cell').evaluateAll((nodes) => nodes.map((n) => [(n as HTMLElement).dataset.category, (n as HTMLElement).dataset.month, Number((n as HTMLElement).dataset.value)]));
  expect(cells).toEqual(heat.map((r) => [r[0], r[1], Number(r[3])]));

  const reasons = [...quality].filter(([m, v]) => m.startsWith('rejected.') && Number(v) > 0).map(([m, v]) => [m.slice(9), Number(v)] as [string, number]);
  reasons.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  expect(await marks(page.getByTestId('chart-reasons'), '.bar')).toEqual(reasons);

  // Each chart is one tab stop whose marks the arrow keys read, with their values.
  await expect(page.getByTestId('chart-monthly').locator('.axis .title')).toHaveText(['Revenue (file’s currency)', 'Month of sale']);
  const regions = tables.get('region_performance')!;
  const donut = page.getByTestId('chart-regions-plot');
  await donut.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('chart-regions-tip')).toContainText(`${regions[0]![0]}: ${money(Number(regions[0]![3]))}`);
  await page.keyboard.press('End');
  await expect(page.getByTestId('chart-regions-tip')).toContainText(`${regions.at(-1)![0]}: ${money(Number(regions.at(-1)![3]))}`);
  await expect(donut.locator('.slice.active')).toHaveAttribute('data-label', regions.at(-1)![0]!);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('chart-regions-tip')).toHaveCount(0);
  await page.getByTestId('chart-monthly').locator('.dot').nth(1).hover();
  await expect(page.getByTestId('chart-monthly-tip')).toHaveText(`${monthly[1]![0]}: ${money(Number(monthly[1]![3]))}`);

  // Every chart reads as a table too, without a mouse.
  const toggle = page.getByTestId('chart-monthly-toggle');
  await toggle.focus();
  await page.keyboard.press('Enter');
  const rows = page.getByTestId('chart-monthly-table').locator('tbody tr');
  await expect(rows).toHaveCount(monthly.length);
  await expect(rows.first()).toHaveText(`${monthly[0]![0]}${money(Number(monthly[0]![3]))}`);
  await expect(page.getByTestId('anomalies').locator('tbody tr')).toHaveCount(tables.get('anomaly_records')!.length);

  await page.screenshot({ path: test.info().outputPath('dashboard-desktop.png'), fullPage: true });
  // Opening the job afresh on a slow machine: the page takes its final shape without jumping as its parts load.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 8 });
  await page.reload();
  // Eight times slower on a shared machine that may itself be slow: what is measured is the shift, not the wait.
  await expect(page.getByTestId('chart-heatmap')).toBeVisible({ timeout: 30_000 });
  const shift = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) total += (entry as PerformanceEntry & { value: number }).value;
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve(total), 500);
      }),
  );
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  expect(shift, 'cumulative layout shift while the job page loads').toBeLessThan(0.05);
  await page.setViewportSize({ width: 390, height: 844 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, 'nothing wider than a phone screen but the tables’ own scroll areas').toBeLessThanOrEqual(390);
  await page.screenshot({ path: test.info().outputPath('dashboard-phone.png'), fullPage: true });
  await page.goto('/');
  await expect(page.getByTestId('job-row')).toHaveCount(1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), 'the home page and its jobs list fit a phone').toBeLessThanOrEqual(390);
  await page.screenshot({ path: test.info().outputPath('home-phone.png'), fullPage: true });
  expect(errors).toEqual([]);
});
