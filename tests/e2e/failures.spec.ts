import { expect, test } from './support/test.ts';
import type { Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { csvFile, jobEnd, listJobFolders, readJobFolder, runInApp, startInApp } from './support/app.ts';
import { generatedCsv } from './support/core.ts';

// Cancelling and failing: the job stops, says why, and leaves no files behind; nothing hangs.

const REFERENCE = { reference_date: '2024-06-30' };

const chunkWorkers = (page: Page) => page.workers().filter((w) => w.url().includes('chunk.worker'));

/** Waits until the running job has counted some rows. */
const rowsCounted = (page: Page) => expect(page.getByTestId('progress-rows')).not.toHaveText('0', { timeout: 30_000 });

test('cancel stops the job within a second and removes its folder', async ({ page }) => {
  const path = test.info().outputPath('large.csv');
  writeFileSync(path, generatedCsv(300_000));
  // Small chunks keep the job going long enough to break a worker in the middle of it.
  await startInApp(page, { file: path, options: REFERENCE, workers: 2, chunkSize: 64 << 10 });
  await rowsCounted(page);
  await expect(page.getByTestId('progress-line')).toContainText(/MiB of 2\d MiB read ·\s+[\d,]+ rows ·\s+[\d,]+ rows\/s ·\s+[\d.]+ s left/);
  const jobId = (await page.getByTestId('job-id').textContent())!;
  expect(await listJobFolders(page)).toContain(jobId);
  expect(chunkWorkers(page)).toHaveLength(2);

  const clicked = Date.now();
  await page.getByTestId('cancel').click();
  await expect(page.getByTestId('job-status')).toHaveAttribute('data-status', 'cancelled', { timeout: 5_000 });
  const stoppedIn = Date.now() - clicked;
  test.info().annotations.push({ type: 'cancelled in', description: `${stoppedIn} ms` });
  expect(stoppedIn, 'milliseconds from Cancel to cancelled').toBeLessThan(1_000);
  expect(await readJobFolder(page, jobId)).toBeNull();
  await expect.poll(() => chunkWorkers(page).length, { message: 'the chunk workers are stopped' }).toBe(0);
  await expect(page.getByTestId('job-error')).toHaveCount(0);
});

test('a record longer than max_record_bytes stops the job on the coordinator, naming its offset', async ({ page }) => {
  const rows = generatedCsv(200);
  const start = Buffer.byteLength(rows);
  // No quote after the one that opens: the record runs to the end of the file.
  const text = rows + `ORD-X,"Never closed,Books,1,2.00,0,Europe,2024-01-01,a@b.co,2\n` + 'ORD-Y,Mug,Books,1,2.00,0,Europe,2024-01-01,a@b.co,2\n'.repeat(200);
  const end = await runInApp(page, { file: csvFile('quote.csv', text), options: { ...REFERENCE, max_record_bytes: 4096 } });
  expect(end.status).toBe('failed');
  await expect(page.getByTestId('error-code')).toHaveText('RECORD_TOO_LARGE');
  await expect(page.getByTestId('error-message')).toContainText(`starting at byte ${start} of the file`);
  expect(await readJobFolder(page, end.jobId!)).toBeNull();
});

test('a chunk worker that crashes mid-job fails the job with a message, and the next job runs', async ({ page }) => {
  const path = test.info().outputPath('large.csv');
  writeFileSync(path, generatedCsv(200_000));
  // Small chunks keep the job going long enough to break a worker in the middle of it.
  await startInApp(page, { file: path, options: REFERENCE, workers: 2, chunkSize: 64 << 10 });
  await rowsCounted(page);
  const jobId = (await page.getByTestId('job-id').textContent())!;
  // An uncaught error in the worker, as a bug or a broken runtime would raise it.
  await chunkWorkers(page)[0]!.evaluate(() => setTimeout(() => {
    throw new Error('simulated crash');
  }));
  const end = await jobEnd(page, 10_000);
  expect(end.status).toBe('failed');
  await expect(page.getByTestId('error-code')).toHaveText('WORKER_FAILED');
  await expect(page.getByTestId('error-message')).toContainText('simulated crash');
  await expect(page.getByTestId('error-hint')).toContainText('fewer workers');
  expect(await readJobFolder(page, jobId)).toBeNull();
  await expect.poll(() => chunkWorkers(page).length, { message: 'every chunk worker is stopped' }).toBe(0);

  const next = await runInApp(page, { file: csvFile('small.csv', generatedCsv(300)), options: REFERENCE });
  expect(next.status).toBe('completed');
});

test('a chunk worker that fails to load fails the job instead of hanging', async ({ page }) => {
  // A first job, on one worker, starts the engine worker; then its Worker constructor is pointed
  // at a script that is not there, as a broken deployment or a lost connection would leave it.
  // The next job asks for two workers: one is kept from the first job, one must be started.
  const small = csvFile('small.csv', generatedCsv(2_000));
  expect((await runInApp(page, { file: small, options: REFERENCE, workers: 1 })).status).toBe('completed');
  const engine = page.workers().find((w) => w.url().includes('engine.worker'))!;
  await engine.evaluate(() => {
    const Original = Worker;
    (self as unknown as { Worker: unknown }).Worker = class extends Original {
      constructor(_url: string | URL, options?: WorkerOptions) {
        super('/assets/missing.worker.js', options);
      }
    };
  });
  await page.getByTestId('workers').fill('2');
  await page.getByTestId('run').click();
  const end = await jobEnd(page, 10_000);
  expect(end.status).toBe('failed');
  await expect(page.getByTestId('error-code')).toHaveText('WORKER_FAILED');
  await expect(page.getByTestId('error-message')).toContainText('failed to load');
  expect(await readJobFolder(page, end.jobId!)).toBeNull();
});
