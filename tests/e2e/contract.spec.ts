import { expect, test } from './support/test.ts';
import { writeFileSync } from 'node:fs';
import { jobEnd, readJobFolder, runInApp, tableRows, type RunInput } from './support/app.ts';
import { coreFiles, csvRows, fixtures, generatedCsv, optionsOf } from './support/core.ts';

// The pipeline contract through the browser: every file the engine leaves in the origin's
// private file system equals, byte for byte, what the core writes in Node for the same input.

/** Runs a job on the page and returns its folder's files. */
async function filesOfRun(page: import('@playwright/test').Page, input: RunInput): Promise<Record<string, string>> {
  const end = await runInApp(page, input);
  expect(end.status, await page.getByTestId('job-error').allTextContents().then((t) => t.join(' '))).toBe('completed');
  return (await readJobFolder(page, end.jobId!))!;
}

for (const fixture of fixtures) {
  test(`${fixture.name}: every table and row file equals the core's in Node`, async ({ page }) => {
    const expected = await coreFiles(fixture.file, fixture.args, fixture.lookups);
    const files = await filesOfRun(page, { file: fixture.file, options: optionsOf(fixture.args), lookups: fixture.lookups });
    expect(Object.keys(files).sort()).toEqual([...expected.keys()].sort());
    for (const [name, text] of expected) expect(files[name], name).toBe(text);

    const quality = csvRows(expected.get('quality_report.csv')!);
    expect(await tableRows(page, 'quality-report')).toEqual(quality);
    const metric = (name: string) => Number(quality.find(([m]) => m === name)![1]).toLocaleString('en-US');
    await expect(page.getByTestId('rows-read')).toHaveText(metric('rows_read'));
    await expect(page.getByTestId('rows-accepted')).toHaveText(metric('rows_accepted'));
    await expect(page.getByTestId('rows-rejected')).toHaveText(metric('rows_rejected'));
  });
}

test('one worker and three write the same bytes, with small chunks', async ({ page }) => {
  const path = test.info().outputPath('dirty.csv');
  writeFileSync(path, generatedCsv(20_000));
  const options = { reference_date: '2024-06-30' };
  const one = await filesOfRun(page, { file: path, options, query: '?workers=1&chunk=4096' });
  const three = await filesOfRun(page, { file: path, options, workers: 3, chunkSize: 4096 });
  expect(three).toEqual(one);
  const expected = await coreFiles(path, ['--reference-date', '2024-06-30']);
  for (const [name, text] of expected) expect(one[name], name).toBe(text);
});

test('quoted line breaks and accents split the same way by one worker and three, with tiny chunks', async ({ page }) => {
  const fixture = fixtures.find((f) => f.name === 'multiline_accents')!;
  const input = { file: fixture.file, options: optionsOf(fixture.args), lookups: fixture.lookups, chunkSize: 97 };
  const one = await filesOfRun(page, { ...input, workers: 1 });
  const three = await filesOfRun(page, { ...input, workers: 3 });
  expect(three).toEqual(one);
  const expected = await coreFiles(fixture.file, fixture.args, fixture.lookups);
  for (const [name, text] of expected) expect(one[name], name).toBe(text);
});

test('a second job in the same tab runs on the chunk workers the first one left, with its own options', async ({ page }) => {
  const path = test.info().outputPath('dirty.csv');
  writeFileSync(path, generatedCsv(20_000));
  const started: string[] = [];
  page.on('worker', (worker) => void (worker.url().includes('chunk.worker') && started.push(worker.url())));
  const first = await filesOfRun(page, { file: path, options: { reference_date: '2024-06-30' }, workers: 2, chunkSize: 64 << 10 });
  expect(started).toHaveLength(2);

  // Run again from the form as the first job left it, matching no misspelling this time: a
  // worker that kept the first job's memos would still correct them.
  await page.getByTestId('opt-fuzzy_max_distance').fill('0');
  await page.getByTestId('run').click();
  const end = await jobEnd(page);
  expect(end.status).toBe('completed');
  expect(end.jobId).not.toBeNull();
  const second = (await readJobFolder(page, end.jobId!))!;
  expect(started, 'chunk workers started in the tab').toHaveLength(2);
  const expected = await coreFiles(path, ['--reference-date', '2024-06-30', '--fuzzy-max-distance', '0']);
  for (const [name, text] of expected) expect(second[name], name).toBe(text);
  expect(second['rejected_rows.csv']).not.toBe(first['rejected_rows.csv']);
});

test('picking a file readies the chunk workers while the preview shows, and the job runs on them', async ({ page }) => {
  const path = test.info().outputPath('dirty.csv');
  writeFileSync(path, generatedCsv(20_000));
  const started: string[] = [];
  page.on('worker', (worker) => void (worker.url().includes('chunk.worker') && started.push(worker.url())));
  await page.goto('/');
  await page.getByText('Advanced').click();
  await page.getByTestId('workers').fill('2');
  await page.getByTestId('options-json').fill(JSON.stringify({ reference_date: '2024-06-30' }));
  await page.getByTestId('csv-file').setInputFiles(path);
  // One worker warms after the other: the second starts once the first has cleaned 60,000 rows.
  await expect.poll(() => started.length, { message: 'chunk workers started by the pick', timeout: 30_000 }).toBe(2);
  await expect(page.getByTestId('run'), 'the warm-up ended').toHaveAttribute('data-warm', 'true', { timeout: 30_000 });

  await page.getByTestId('run').click();
  const end = await jobEnd(page);
  expect(end.status).toBe('completed');
  const files = (await readJobFolder(page, end.jobId!))!;
  const expected = await coreFiles(path, ['--reference-date', '2024-06-30']);
  for (const [name, text] of expected) expect(files[name], name).toBe(text);
  expect(started, 'chunk workers started in the tab').toHaveLength(2);
});
