import { expect, test } from './support/test.ts';
import type { Page, Worker } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetTypes } from '../../src/core/export/parquetTypes.ts';
import { guardedColumns } from '../../src/core/export/toParquet.ts';
import { unguardText } from '../../src/core/output/csv.ts';
import { expectSameTable } from '../support/duckdbCompare.ts';
import { jobEnd, readJobFolder, withoutSavePicker } from './support/app.ts';

// Downloads from the job page, in real Chromium: every table as CSV and Parquet, and all of them
// as one zip. DuckDB reads each Parquet file the browser saved, and it must hold the rows of the
// CSV the browser saved, with the declared types.

const TABLES = [
  'monthly_sales',
  'region_performance',
  'product_performance',
  'top_products',
  'top_products_by_units',
  'category_discount_map',
  'category_month_discount',
  'anomaly_records',
  'quality_report',
  'corrections',
  'cleaned_rows',
  'rejected_rows',
];

async function sampleJob(page: Page, rows: number): Promise<string> {
  await page.goto('/');
  await page.getByTestId('sample-rows').fill(String(rows));
  await page.getByTestId('try-sample').click();
  const end = await jobEnd(page);
  expect(end.status).toBe('completed');
  await page.getByTestId('job-id').click();
  return end.jobId!;
}

/** Calls gc() in a loop in a page or worker: every pending call there meets a collection. */
async function collectGarbageAllTheTime(where: Page | Worker): Promise<void> {
  const start = () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (gc === undefined) return false;
    const loop = () => {
      gc();
      setTimeout(loop, 0);
    };
    loop();
    return true;
  };
  const collecting = 'mainFrame' in where ? await where.evaluate(start) : await where.evaluate(start);
  expect(collecting, 'gc() exposed (--js-flags=--expose-gc)').toBe(true);
}

let lastDownload = 0;

/** Clicks a download button and keeps the file the browser saved. */
async function save(page: Page, button: ReturnType<Page['getByTestId']>, dir: string): Promise<string> {
  // Chromium drops downloads that come faster than about ten a second (chromedp/chromedp#791),
  // which this loop would otherwise do; a person clicking does not.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, lastDownload + 250 - Date.now())));
  lastDownload = Date.now();
  const download = page.waitForEvent('download', { timeout: 15_000 });
  await button.click();
  const file = await download;
  const path = join(dir, file.suggestedFilename());
  copyFileSync((await file.path())!, path);
  return path;
}

async function expectParquetLikeCsv(parquet: string, csv: string, table: string): Promise<void> {
  const header = readFileSync(csv, 'utf8').split('\r\n')[0]!.split(',');
  const guarded = guardedColumns(table, header);
  await expectSameTable(parquet, csv, parquetTypes(table, header.map((c, i) => (guarded[i] ? unguardText(c) : c))), guarded);
}

test.describe('without a save picker: the browser’s downloads', () => {
  test.beforeEach(({ page }) => withoutSavePicker(page));

  test('every table downloads as CSV and Parquet, and all of them as one zip', async ({ page }) => {
    test.setTimeout(180_000);
    const jobId = await sampleJob(page, 2000);
    const dir = mkdtempSync(join(tmpdir(), 'downloads-'));
    const section = page.getByTestId('downloads');
    const stored = (await readJobFolder(page, jobId))!;
    for (const table of TABLES) {
      const row = section.locator(`[data-table="${table}"]`);
      const csv = await save(page, row.getByTestId('download-csv'), dir);
      expect(csv).toMatch(new RegExp(`sample-2000-rows-${table}\\.csv$`));
      expect(readFileSync(csv, 'utf8'), table).toBe(stored[`${table}.csv`]);
      const parquet = await save(page, row.getByTestId('download-parquet'), dir);
      expect(parquet).toMatch(new RegExp(`sample-2000-rows-${table}\\.parquet$`));
      expect(readFileSync(parquet).subarray(0, 4).toString(), table).toBe('PAR1');
      await expectParquetLikeCsv(parquet, csv, table);
    }

    const zip = await save(page, page.getByTestId('download-all'), dir);
    expect(zip).toMatch(/sample-2000-rows-all\.zip$/);
    const unzipped = mkdtempSync(join(tmpdir(), 'unzipped-'));
    // Python's zipfile checks every entry's CRC-32 as it reads.
    const run = spawnSync('python3', ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; z.extractall(sys.argv[2])', zip, unzipped], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(readdirSync(unzipped).sort()).toEqual(TABLES.flatMap((t) => [`sample-2000-rows-${t}.csv`, `sample-2000-rows-${t}.parquet`]).sort());
    for (const name of readdirSync(unzipped)) expect(readFileSync(join(unzipped, name)).equals(readFileSync(join(dir, name))), name).toBe(true);
  });

  test('a job and Download all finish while the engine worker collects garbage all the time', async ({ page }) => {
    // Chromium drops a pending call of an object the collector takes (see held): a file read and
    // a createSyncAccessHandle hung for good when a collection came while they were pending.
    test.setTimeout(120_000);
    const first = await sampleJob(page, 1000);
    const engine = page.workers().find((worker) => worker.url().includes('engine'));
    expect(engine, 'the engine worker').toBeDefined();
    await collectGarbageAllTheTime(engine!);
    await page.getByRole('link', { name: 'Jobs' }).click();
    await page.getByTestId('sample-rows').fill('3000');
    await page.getByTestId('try-sample').click();
    await expect(page.getByTestId('job-id')).not.toHaveText(first, { timeout: 30_000 });
    expect((await jobEnd(page, 30_000)).status).toBe('completed');
    await page.getByTestId('job-id').click();
    const download = page.waitForEvent('download', { timeout: 30_000 });
    await page.getByTestId('download-all').click();
    expect((await download).suggestedFilename()).toBe('sample-3000-rows-all.zip');
    await expect(page.getByTestId('download-error')).toHaveCount(0);
  });

  test('the explorer downloads the table it shows, in either format', async ({ page }) => {
    await sampleJob(page, 1000);
    const dir = mkdtempSync(join(tmpdir(), 'explorer-'));
    const explorer = page.getByTestId('explorer');
    await explorer.getByTestId('explorer-choose').selectOption('corrections');
    const csv = await save(page, explorer.getByTestId('download-csv'), dir);
    const parquet = await save(page, explorer.getByTestId('download-parquet'), dir);
    expect([csv, parquet].map((p) => p.slice(dir.length + 1))).toEqual(['sample-1000-rows-corrections.csv', 'sample-1000-rows-corrections.parquet']);
    await expectParquetLikeCsv(parquet, csv, 'corrections');
  });

  test('making a Parquet file can be cancelled, and leaves no file behind', async ({ page }) => {
    // Enough rows that the Parquet file takes seconds to make: the cancel comes while it is made.
    const jobId = await sampleJob(page, 1_000_000);
    let downloads = 0;
    page.on('download', () => downloads++);
    await page.getByTestId('downloads').locator('[data-table="cleaned_rows"]').getByTestId('download-parquet').click();
    await expect(page.getByTestId('download-progress')).toContainText('cleaned_rows.parquet');
    await page.getByTestId('download-cancel').click();
    await expect(page.getByTestId('download-progress')).toHaveCount(0, { timeout: 5_000 });
    await expect(page.getByTestId('download-error')).toHaveCount(0);
    const names = Object.keys((await readJobFolder(page, jobId))!);
    expect(names.filter((n) => n.includes('parquet'))).toEqual([]);
    expect(downloads).toBe(0);
  });
});

test('with a save picker, the file is streamed to the file the user picked, with the page collecting garbage all the time', async ({ page }) => {
  // The picker's dialog cannot be driven headless: it answers a file of the origin's private
  // file system, which the app writes through the same createWritable as a picked file.
  await page.addInitScript(() => {
    (window as unknown as { showSaveFilePicker: unknown }).showSaveFilePicker = async ({ suggestedName }: { suggestedName: string }) => {
      // Kept, so that the collections below cannot take it while the picker's own call is pending.
      const root = ((window as unknown as { pickerRoot: FileSystemDirectoryHandle }).pickerRoot = await navigator.storage.getDirectory());
      return root.getFileHandle(`picked-${suggestedName}`, { create: true });
    };
  });
  const jobId = await sampleJob(page, 2000);
  await collectGarbageAllTheTime(page);
  await page.getByTestId('downloads').locator('[data-table="cleaned_rows"]').getByTestId('download-parquet').click();
  // The picked file has its bytes once the app closed its writable stream.
  const read = () =>
    page.evaluate(async (id) => {
      const root = await navigator.storage.getDirectory();
      const bytes = async (folder: FileSystemDirectoryHandle, name: string) => {
        try {
          return [...new Uint8Array(await (await (await folder.getFileHandle(name)).getFile()).arrayBuffer())];
        } catch {
          return [];
        }
      };
      return [await bytes(root, 'picked-sample-2000-rows-cleaned_rows.parquet'), await bytes(await (await root.getDirectoryHandle('jobs')).getDirectoryHandle(id), 'cleaned_rows.parquet')];
    }, jobId);
  await expect.poll(async () => (await read())[0]!.length, { timeout: 30_000 }).toBeGreaterThan(1000);
  const [picked = [], made = []] = await read();
  expect(picked).toEqual(made);
  const dir = mkdtempSync(join(tmpdir(), 'picked-'));
  writeFileSync(join(dir, 'cleaned_rows.parquet'), Buffer.from(picked));
  writeFileSync(join(dir, 'cleaned_rows.csv'), (await readJobFolder(page, jobId))!['cleaned_rows.csv']!);
  await expectParquetLikeCsv(join(dir, 'cleaned_rows.parquet'), join(dir, 'cleaned_rows.csv'), 'cleaned_rows');
});
