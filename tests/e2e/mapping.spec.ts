import { expect, test } from './support/test.ts';
import { csvFile, jobEnd, readJobFolder } from './support/app.ts';
import { coreFiles, fixtures, generatedCsv } from './support/core.ts';
import { readStore } from './support/storage.ts';

// A file with other column names: previewed, mapped by the user (helped by suggestions), run,
// and the mapping remembered for the next file with the same header.

const cafe = fixtures.find((f) => f.name === 'dirty_cafe_sales')!;

test('the real cafe export: suggested mapping, a constant and extra tokens give the command line’s tables', async ({ page }) => {
  await page.goto('/');
  await page.getByText('Advanced').click();
  await page.getByTestId('options-json').fill(JSON.stringify({ reference_date: '2024-06-30' }));
  await page.getByTestId('lookups-file').setInputFiles(cafe.lookups);
  await page.getByTestId('csv-file').setInputFiles(cafe.file);

  await expect(page.getByTestId('preview-summary')).toContainText('utf-8, delimiter comma, 8 columns');
  await expect(page.getByTestId('preview-rows').locator('tbody tr')).toHaveCount(10);
  await expect(page.getByTestId('map-order_id')).toHaveValue('Transaction ID');
  await expect(page.getByTestId('map-product_name')).toHaveValue('Item');
  await expect(page.getByTestId('map-unit_price')).toHaveValue('Price Per Unit');
  await expect(page.getByTestId('map-region')).toHaveValue('Location');
  await expect(page.getByTestId('map-sale_date')).toHaveValue('Transaction Date');
  await expect(page.getByTestId('mapping-missing')).toContainText('category');
  await expect(page.getByTestId('run')).toBeDisabled();

  await page.getByTestId('map-category').selectOption({ label: 'the same value for every row…' });
  await page.getByTestId('set-category').fill('Cafe');
  await page.getByTestId('extra-null-tokens').fill('ERROR, UNKNOWN');
  await page.getByTestId('remember-mapping').check();
  await expect(page.getByTestId('mapping-missing')).toHaveCount(0);
  await page.getByTestId('run').click();
  const end = await jobEnd(page);
  expect(end.status, (await page.getByTestId('job-error').allTextContents()).join(' ')).toBe('completed');

  const expected = await coreFiles(cafe.file, cafe.args, cafe.lookups);
  const files = (await readJobFolder(page, end.jobId!))!;
  for (const [name, text] of expected) expect(files[name], name).toBe(text);

  // The next file with the same header gets the same mapping, constant included.
  await page.reload();
  await page.getByTestId('csv-file').setInputFiles(cafe.file);
  await expect(page.getByTestId('set-category')).toHaveValue('Cafe');
  await expect(page.getByTestId('remember-mapping')).toBeChecked();
  const saved = (await readStore(page, 'settings')).filter((s) => String(s.key).startsWith('mapping:'));
  expect(saved).toHaveLength(1);
});

test('a missing required column is named before the job runs, and a constant fills it', async ({ page }) => {
  const file = csvFile('noregion.csv', 'order_id,product_name,category,quantity,unit_price,sale_date\nA1,Mug,Home & Kitchen,1,2.00,2024-01-01\n');
  await page.goto('/');
  await page.getByText('Advanced').click();
  await page.getByTestId('options-json').fill(JSON.stringify({ reference_date: '2024-06-30' }));
  await page.getByTestId('csv-file').setInputFiles(file);
  await expect(page.getByTestId('mapping-missing')).toContainText('region');
  await expect(page.getByTestId('run')).toBeDisabled();
  await page.getByTestId('map-region').selectOption({ label: 'the same value for every row…' });
  await page.getByTestId('set-region').fill('Europe');
  await page.getByTestId('run').click();
  const end = await jobEnd(page);
  expect(end.status).toBe('completed');
  const cleaned = (await readJobFolder(page, end.jobId!))!['cleaned_rows.csv']!;
  expect(cleaned.split('\r\n')[1]).toContain(',Europe,');
});

test('cleaning options set in the form reach the job and are recorded with it', async ({ page }) => {
  await page.goto('/');
  await page.getByText('Advanced').click();
  await page.getByTestId('opt-reference_date').fill('2024-06-30');
  await page.getByTestId('opt-top_n').fill('3');
  await page.getByTestId('opt-anomaly_top_n').fill('2');
  await page.getByTestId('opt-drop_zero_quantity').selectOption({ label: 'kept' });
  await page.getByTestId('csv-file').setInputFiles(csvFile('small.csv', generatedCsv(2000)));
  await page.getByTestId('run').click();
  const end = await jobEnd(page);
  expect(end.status).toBe('completed');
  const files = (await readJobFolder(page, end.jobId!))!;
  expect(files['top_products.csv']!.trim().split('\r\n')).toHaveLength(1 + 3);
  expect(files['anomaly_records.csv']!.trim().split('\r\n')).toHaveLength(1 + 2);
  expect(files['quality_report.csv']).toContain('rejected.zero_quantity,0\r\n');
  const job = (await readStore(page, 'jobs')).find((j) => j.id === end.jobId)!;
  expect((job.settings as { options: object }).options).toMatchObject({ reference_date: '2024-06-30', top_n: 3, anomaly_top_n: 2, drop_zero_quantity: false });
});
