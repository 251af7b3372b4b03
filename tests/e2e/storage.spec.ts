import { expect, test } from './support/test.ts';
import type { Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { csvFile, jobEnd, listJobFolders, readJobFolder, runInApp, startInApp } from './support/app.ts';
import { generatedCsv } from './support/core.ts';
import { jobSnapshot, readStore } from './support/storage.ts';

// Jobs, results and lookups kept in IndexedDB (Dexie) and row files in OPFS, in real Chromium:
// what survives a reload, a closed tab, a full disk and a second tab, and what a delete removes.

const REFERENCE = { reference_date: '2024-06-30' };
const LOOKUPS = 'tests/fixtures/messy/lookups.json';

const small = (name = 'small.csv', rows = 500) => csvFile(name, generatedCsv(rows));

/** A file big enough, read in small chunks, that a job on it runs for seconds. */
function largeFile(rows = 300_000): string {
  const path = test.info().outputPath('large.csv');
  writeFileSync(path, generatedCsv(rows));
  return path;
}

async function completedJob(page: Page, file = small()): Promise<string> {
  const end = await runInApp(page, { file, options: REFERENCE });
  expect(end.status, (await page.getByTestId('job-error').allTextContents()).join(' ')).toBe('completed');
  return end.jobId!;
}

const jobRow = (page: Page, jobId: string) => page.locator(`[data-testid="job-row"][data-job-id="${jobId}"]`);

test('a completed job, its results and its event log are still there after a reload', async ({ page }) => {
  const jobId = await completedJob(page);
  const before = await jobSnapshot(page, jobId);
  expect(Object.keys(before.files!)).toContain('cleaned_rows.csv');

  await page.reload();
  await expect(jobRow(page, jobId)).toHaveAttribute('data-status', 'completed');
  await expect(jobRow(page, jobId)).toContainText('small.csv');
  await jobRow(page, jobId).getByRole('link').click();
  await expect(page.getByTestId('job-page')).toHaveAttribute('data-status', 'completed');
  await expect(page.getByTestId('job-page-lookups')).toHaveText('version 1: Default lookups');
  const events = page.getByTestId('job-events').locator('li');
  await expect(events.first()).toContainText('Started: small.csv');
  await expect(events.filter({ hasText: 'Encoding: utf-8' })).toHaveCount(1);
  await expect(events.filter({ hasText: 'Delimiter: ","' })).toHaveCount(1);
  await expect(events.last()).toContainText('Finished: 500 rows read');
  await expect(page.getByTestId('job-page-quality').locator('tbody tr').first()).toContainText('rows_read500');
  expect(await jobSnapshot(page, jobId)).toEqual(before);
});

test('a tab closed mid-job leaves the job interrupted, earlier jobs intact, and a way to run it again', async ({ context }) => {
  const first = await context.newPage();
  const earlier = await completedJob(first);
  const before = await jobSnapshot(first, earlier);

  await startInApp(first, { file: largeFile(), options: REFERENCE, workers: 2, chunkSize: 64 << 10 });
  await expect(first.getByTestId('progress-rows')).not.toHaveText('0', { timeout: 30_000 });
  const cut = (await first.getByTestId('job-id').textContent())!;
  expect(await listJobFolders(first)).toContain(cut);
  await first.close();

  const next = await context.newPage();
  await next.goto('/');
  await expect(next.getByTestId('interrupted-banner')).toContainText(cut);
  await expect(jobRow(next, cut)).toHaveAttribute('data-status', 'interrupted');
  expect(await listJobFolders(next), 'the cut-off job’s partial files are removed').toEqual([earlier]);
  expect(await jobSnapshot(next, earlier)).toEqual(before);

  await jobRow(next, cut).getByRole('link').click();
  await expect(next.getByTestId('interrupted-note')).toBeVisible();
  await next.getByTestId('rerun-file').setInputFiles(small('large.csv', 800));
  const rerun = await jobEnd(next);
  expect(rerun.status).toBe('completed');
  const again = (await readStore(next, 'jobs')).find((j) => j.id === rerun.jobId)!;
  expect(again.rerunOf).toBe(cut);
  expect((again.settings as { workers: number }).workers).toBe(2);
});

test('deleting a job removes its records and files; clearing removes everything', async ({ page }) => {
  const kept = await completedJob(page, small('kept.csv'));
  const gone = await completedJob(page, small('gone.csv'));
  await page.goto(`/#/jobs/${gone}`);
  await page.getByTestId('delete-job').click();
  await page.getByTestId('confirm-delete').click();
  await expect(page.getByTestId('jobs')).toBeVisible();
  await expect(jobRow(page, gone)).toHaveCount(0);
  expect((await readStore(page, 'jobs')).map((j) => j.id)).toEqual([kept]);
  expect((await readStore(page, 'results')).map((r) => r.jobId)).toEqual([kept]);
  expect(await readJobFolder(page, gone)).toBeNull();
  expect(await listJobFolders(page)).toEqual([kept]);

  await page.getByTestId('nav-storage').click();
  const row = page.locator(`[data-testid="storage-job"][data-job-id="${kept}"]`);
  await expect(row).toBeVisible();
  const files = await readJobFolder(page, kept);
  const bytes = Object.values(files!).reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  expect(Number(await row.getAttribute('data-file-bytes'))).toBe(bytes);
  await expect(page.getByTestId('storage-quota')).toHaveAttribute('data-bytes', /^[1-9]\d*$/);
  // Persistent storage was asked for after the first completed job, and the answer is shown.
  const asked = (await readStore(page, 'settings')).find((s) => s.key === 'persistence')!.value as { granted: boolean };
  await expect(page.getByTestId('storage-persistence')).toContainText(`: ${asked.granted ? 'granted' : 'not granted'}.`);

  await page.getByTestId('clear-all').click();
  await page.getByTestId('confirm-clear-all').click();
  await expect(page.getByTestId('storage-no-jobs')).toBeVisible();
  expect(await readStore(page, 'jobs')).toEqual([]);
  expect(await readStore(page, 'results')).toEqual([]);
  expect(await listJobFolders(page)).toEqual([]);
  expect((await readStore(page, 'lookups')).map((l) => l.description)).toEqual(['Default lookups']);
});

test('an imported lookups file becomes a new version; old jobs keep theirs', async ({ page }) => {
  const first = await completedJob(page);
  const end = await runInApp(page, { file: small('second.csv'), options: REFERENCE, lookups: LOOKUPS });
  expect(end.status).toBe('completed');
  await expect(page.getByTestId('lookup-summary')).toContainText('Lookups version 2 (Imported from lookups.json)');
  // The same file again adds no version.
  await page.getByTestId('run').click();
  expect((await jobEnd(page)).status).toBe('completed');
  const versions = await readStore(page, 'lookups');
  expect(versions.map((v) => [v.version, v.description])).toEqual([
    [1, 'Default lookups'],
    [2, 'Imported from lookups.json'],
  ]);
  const jobs = await readStore(page, 'jobs');
  expect(jobs.find((j) => j.id === first)!.lookupVersion).toBe(1);
  expect(jobs.find((j) => j.id === end.jobId)!.lookupVersion).toBe(2);
  await page.goto(`/#/jobs/${first}`);
  await expect(page.getByTestId('job-page-lookups')).toHaveText('version 1: Default lookups');
});

test('the jobs list runs a job again with its own or the latest lookups, and deletes one', async ({ page }) => {
  const first = await completedJob(page);
  expect((await runInApp(page, { file: small('second.csv'), options: REFERENCE, lookups: LOOKUPS })).status).toBe('completed');
  const rerunFromList = async (latest: boolean) => {
    await page.getByTestId('rerun-latest-lookups').setChecked(latest);
    await jobRow(page, first).getByTestId('rerun-file').setInputFiles(small());
    const end = await jobEnd(page);
    expect(end.status).toBe('completed');
    return (await readStore(page, 'jobs')).find((j) => j.id === end.jobId)!;
  };
  const own = await rerunFromList(false);
  expect([own.rerunOf, own.lookupVersion]).toEqual([first, 1]);
  const latest = await rerunFromList(true);
  expect([latest.rerunOf, latest.lookupVersion]).toEqual([first, 2]);
  expect(latest.settings).toEqual(own.settings);

  const row = jobRow(page, own.id as string);
  await row.getByTestId('delete-job').click();
  await row.getByTestId('keep-job').click();
  await expect(row).toHaveCount(1);
  await row.getByTestId('delete-job').click();
  await row.getByTestId('confirm-delete').click();
  await expect(row).toHaveCount(0);
  expect((await readStore(page, 'jobs')).map((j) => j.id)).not.toContain(own.id);
  expect(await readJobFolder(page, own.id as string)).toBeNull();
  await expect(page.getByTestId('job-row')).toHaveCount(3);
});

test('a full disk fails only the job that hit it, saying how much space it needs, and keeps earlier data', async ({ page, context }) => {
  const earlier = await completedJob(page);
  const before = await jobSnapshot(page, earlier);
  const { usage } = await page.evaluate(() => navigator.storage.estimate());
  // Real quota errors: the browser is told this origin may store little more than it does.
  const cdp = await context.newCDPSession(page);
  const origin = new URL(page.url()).origin;
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: usage! + (256 << 10) });

  const end = await runInApp(page, { file: largeFile(60_000), options: REFERENCE });
  expect(end.status).toBe('failed');
  await expect(page.getByTestId('error-code')).toHaveText('STORAGE_FULL');
  // The needed space is the file's size; what is available is the browser's own estimate.
  await expect(page.getByTestId('error-message')).toContainText(/needs about 5\.\d MiB more; [\d.]+ \w+ is available \([\d.]+ \w+ used of the [\d.]+ \w+ this site may use\)/);
  await expect(page.getByTestId('error-hint')).toContainText('Delete earlier jobs');
  expect(await listJobFolders(page)).toEqual([earlier]);
  expect(await jobSnapshot(page, earlier)).toEqual(before);
  const failed = (await readStore(page, 'jobs')).find((j) => j.id === end.jobId)!;
  expect(failed.status).toBe('failed');

  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  expect(await completedJob(page)).toBeTruthy();
});

test('results that cannot be stored fail the job, remove its files and keep earlier data', async ({ page }) => {
  const earlier = await completedJob(page);
  const before = await jobSnapshot(page, earlier);
  // From the next page load on, the database refuses results as a full disk does, inside the
  // app's own transaction.
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<typeof put>) {
      if (this.name === 'results') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  const end = await runInApp(page, { file: small('next.csv'), options: REFERENCE });
  expect(end.status).toBe('failed');
  await expect(page.getByTestId('error-code')).toHaveText('STORAGE_FULL');
  await expect(page.getByTestId('error-message')).toContainText('There is not enough storage for this job');
  expect(await readJobFolder(page, end.jobId!)).toBeNull();
  expect((await readStore(page, 'jobs')).find((j) => j.id === end.jobId)!.status).toBe('failed');
  expect((await readStore(page, 'results')).map((r) => r.jobId)).toEqual([earlier]);
  expect(await jobSnapshot(page, earlier)).toEqual(before);
});

test('a second tab sees a job running in the first as running, and both tabs run their own jobs', async ({ context }) => {
  const first = await context.newPage();
  await startInApp(first, { file: largeFile(), options: REFERENCE, workers: 1, chunkSize: 64 << 10 });
  await expect(first.getByTestId('progress-rows')).not.toHaveText('0', { timeout: 30_000 });
  const running = (await first.getByTestId('job-id').textContent())!;

  const second = await context.newPage();
  await second.goto('/');
  await expect(jobRow(second, running)).toHaveAttribute('data-status', 'running');
  await expect(second.getByTestId('interrupted-banner')).toHaveCount(0);
  expect(await listJobFolders(second), 'the running job’s files are left alone').toContain(running);
  const own = await completedJob(second);
  expect(own).not.toBe(running);

  expect((await jobEnd(first, 120_000)).status).toBe('completed');
  await expect(jobRow(second, running), 'the second tab sees the first tab’s job end').toHaveAttribute('data-status', 'completed');
  const jobs = await readStore(second, 'jobs');
  expect(jobs.map((j) => j.status).sort()).toEqual(['completed', 'completed']);
});

test('a database upgrade from another tab is not blocked, and this tab is told to reload', async ({ context }) => {
  const old = await context.newPage();
  await completedJob(old);
  const other = await context.newPage();
  await other.goto('/bench.html');
  const upgraded = await other.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('sales-pipeline', 1000);
        open.onblocked = () => reject(new Error('blocked by the open tab'));
        open.onsuccess = () => {
          resolve(open.result.version);
          open.result.close();
        };
        open.onerror = () => reject(open.error);
      }),
  );
  expect(upgraded).toBe(1000);
  await expect(old.getByTestId('outdated')).toBeVisible();
});
