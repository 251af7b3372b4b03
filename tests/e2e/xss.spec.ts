import { expect, test } from './support/test.ts';
import type { Page } from '@playwright/test';
import { jobEnd } from './support/app.ts';

// HTML and script in a CSV's header and cells reach the page only as text: in the preview, the
// column mapping, the job's dashboard, log and explorer, the lookup review and the lookup builder.

/** Each payload would add an element (and raise window.__xss) if it were ever parsed as HTML. */
const PAYLOADS = {
  header: '<img src=x id=xss-header onerror="window.__xss=1">',
  id: '<script id=xss-id>window.__xss=1</script>',
  product: '<svg id=xss-product onload="window.__xss=1">',
  category: '"><iframe id=xss-category srcdoc="<script>parent.__xss=1</script>">',
  region: '<b id=xss-region>bold</b>',
  extra: '<a id=xss-extra href="javascript:window.__xss=1">link</a>',
};
const INJECTED = '#xss-header, #xss-id, #xss-product, #xss-category, #xss-region, #xss-extra, iframe, script:not([src])';
const HEADER = 'order_id,product_name,category,quantity,unit_price,discount_percent,region,sale_date,customer_email';
const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
const CSV = [
  `${HEADER},${quote(PAYLOADS.header)}`,
  `${quote(PAYLOADS.id)},Olive Oil,Grocery,1,2.50,0,Europe,2024-01-02,a@example.com,x`,
  `P-2,${quote(PAYLOADS.product)},Grocery,1,2.50,0,Europe,2024-01-03,b@example.com,x`,
  `P-3,Olive Oil,${quote(PAYLOADS.category)},1,2.50,0,Europe,2024-01-04,c@example.com,x`,
  `P-4,Olive Oil,Grocery,1,2.50,0,${quote(PAYLOADS.region)},2024-01-05,d@example.com,x`,
  `P-5,Olive Oil,Grocery,1,2.50,0,Europe,2024-01-06,e@example.com,x,${quote(PAYLOADS.extra)}`,
].join('\n');
const FILE = { name: '<img src=x onerror=alert(1)>.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) };

async function expectOnlyText(page: Page, where: string): Promise<void> {
  expect(await page.locator(INJECTED).count(), `${where}: elements made from the file`).toBe(0);
  expect(await page.evaluate(() => (window as { __xss?: number }).__xss), `${where}: script from the file ran`).toBeUndefined();
}

test('HTML and script from a CSV show as text in every view, and add no element to the page', async ({ page }) => {
  page.on('dialog', (dialog) => {
    throw new Error(`a dialog opened: ${dialog.message()}`);
  });
  await page.goto('/');
  await page.getByText('Advanced').click();
  await page.getByTestId('options-json').fill(JSON.stringify({ reference_date: '2024-06-30' }));
  await page.getByTestId('csv-file').setInputFiles(FILE);
  await expect(page.getByTestId('preview-rows')).toContainText(PAYLOADS.header);
  await expect(page.getByTestId('preview-rows')).toContainText(PAYLOADS.id);
  await expect(page.getByTestId('column-mapping')).toBeVisible();
  await expectOnlyText(page, 'preview and mapping');

  await page.getByTestId('run').click();
  const end = await jobEnd(page);
  expect(end.status).toBe('completed');
  await expect(page.getByTestId('jobs')).toContainText(FILE.name);
  await expect(page.getByTestId('job-log')).toBeVisible();
  await expectOnlyText(page, 'jobs list and job summary');

  await page.getByTestId('job-id').click();
  await expect(page.getByTestId('dashboard')).toBeVisible();
  await expect(page.getByTestId('job-events')).toBeVisible();
  const choose = page.getByTestId('explorer-choose');
  await choose.selectOption('cleaned_rows');
  await expect(page.getByTestId('explorer-table')).toContainText(PAYLOADS.id.toUpperCase());
  await choose.selectOption('rejected_rows');
  const rejected = page.getByTestId('explorer-table');
  for (const text of [PAYLOADS.category, PAYLOADS.region, PAYLOADS.extra]) await expect(rejected).toContainText(text);
  const review = page.getByTestId('lookup-review');
  await expect(review.getByTestId('unknown-values')).toContainText(PAYLOADS.region);
  await expectOnlyText(page, 'job page');

  await page.getByTestId('nav-lookups').click();
  await page.getByTestId('build-file').setInputFiles(FILE);
  await page.getByTestId('build-scan').click();
  await expect(page.getByTestId('build-groups')).toContainText(PAYLOADS.region);
  await expectOnlyText(page, 'lookup builder');
});
