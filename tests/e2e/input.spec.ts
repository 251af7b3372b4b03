import { expect, test } from './support/test.ts';
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { csvFile, listJobFolders, readJobFolder, runInApp, type JobEnd } from './support/app.ts';
import { coreFiles, fixtures, generatedCsv, optionsOf } from './support/core.ts';
import { READ_BYTES } from '../../src/engine/blobSource.ts';

// What the engine reads: gzip, byte-order marks, invalid UTF-8, characters cut by reads, and
// the files it refuses before any work is done.

const REFERENCE = { reference_date: '2024-06-30' };
const REFERENCE_ARGS = ['--reference-date', '2024-06-30'];
const HEADER = 'order_id,product_name,category,quantity,unit_price,discount_percent,region,sale_date,customer_email\n';

async function expectDone(page: import('@playwright/test').Page, end: JobEnd): Promise<Record<string, string>> {
  expect(end.status, (await page.getByTestId('job-error').allTextContents()).join(' ')).toBe('completed');
  return (await readJobFolder(page, end.jobId!))!;
}

async function expectFailure(page: import('@playwright/test').Page, end: JobEnd, code: string): Promise<string> {
  expect(end.status).toBe('failed');
  await expect(page.getByTestId('error-code')).toHaveText(code);
  if (end.jobId !== null) expect(await readJobFolder(page, end.jobId), 'the failed job left no folder').toBeNull();
  return (await page.getByTestId('error-message').textContent())!;
}

const expectSameFiles = (files: Record<string, string>, expected: Map<string, string>) => {
  expect(Object.keys(files).sort()).toEqual([...expected.keys()].sort());
  for (const [name, text] of expected) expect(files[name], name).toBe(text);
};

test('a .csv.gz is read through DecompressionStream and gives what the plain file gives', async ({ page }) => {
  const fixture = fixtures.find((f) => f.name === 'shop_orders_bom_crlf')!;
  const gzipPath = test.info().outputPath('shop_orders.csv.gz');
  writeFileSync(gzipPath, gzipSync(readFileSync(fixture.file)));
  await page.goto('/');
  await page.getByTestId('csv-file').setInputFiles(gzipPath);
  await expect(page.getByTestId('preview-summary')).toContainText('utf-8, delimiter comma, 10 columns');
  await expect(page.getByTestId('preview-rows').locator('tbody tr').first()).toContainText('SO-010001');
  const files = await expectDone(page, await runInApp(page, { file: gzipPath, options: optionsOf(fixture.args), lookups: fixture.lookups, chunkSize: 3000 }));
  expectSameFiles(files, await coreFiles(fixture.file, fixture.args, fixture.lookups));
  await expect(page.getByTestId('job-log')).toContainText('gzip-compressed');
});

test('a damaged .csv.gz is refused with a message', async ({ page }) => {
  const whole = gzipSync(Buffer.from(HEADER + generatedCsv(2000).split('\n').slice(1).join('\n')));
  const end = await runInApp(page, { file: { name: 'cut.csv.gz', mimeType: 'application/gzip', buffer: whole.subarray(0, whole.length >> 1) }, options: REFERENCE });
  expect(await expectFailure(page, end, 'NOT_TEXT')).toMatch(/gzip but cannot be decompressed/);
});

test('a UTF-8 byte-order mark is dropped: the same files as without it', async ({ page }) => {
  const text = generatedCsv(500);
  const plain = test.info().outputPath('plain.csv');
  writeFileSync(plain, text);
  const files = await expectDone(page, await runInApp(page, { file: csvFile('bom.csv', '\ufeff' + text), options: REFERENCE }));
  expectSameFiles(files, await coreFiles(plain, REFERENCE_ARGS));
  expect(files['rejected_rows.csv']!.startsWith('row_number,rejection_reason,order_id,')).toBe(true);
  await expect(page.getByTestId('job-log')).toContainText('byte-order mark dropped');
});

test('invalid UTF-8 deep in the file names its byte offset and offers windows-1252', async ({ page }) => {
  const text = Buffer.from(generatedCsv(3000));
  const offset = text.indexOf('\n', 200_000) + 5;
  const bytes = Buffer.concat([text.subarray(0, offset), Buffer.from([0xff]), text.subarray(offset)]);
  // Small chunks: the bad byte is far past the records read with the header, so a chunk worker finds it.
  const end = await runInApp(page, { file: csvFile('latin1.csv', bytes), options: REFERENCE, chunkSize: 16_384, workers: 2 });
  const message = await expectFailure(page, end, 'INVALID_ENCODING');
  expect(message).toContain(`byte 0xFF at byte offset ${offset}`);
  expect(message).toContain('windows-1252');

  await page.getByTestId('retry-windows-1252').click();
  await expect(page.getByTestId('job-status')).toHaveAttribute('data-status', 'completed', { timeout: 30_000 });
  const retried = (await readJobFolder(page, (await page.getByTestId('job-id').textContent())!))!;
  const path = test.info().outputPath('latin1.csv');
  writeFileSync(path, bytes);
  expectSameFiles(retried, await coreFiles(path, [...REFERENCE_ARGS, '--encoding', 'windows-1252']));
});

/** Rows whose text holds characters of two, three and four bytes. */
function multiByteCsv(rows: number): string {
  const names = ['Café Crème', 'Thé vert 日本茶', 'Music box 𝄞', 'Ünïcödé ☕ mug'];
  let text = HEADER;
  for (let i = 0; i < rows; i++) {
    text += `ORD-${i},${names[i % names.length]},Home & Kitchen,${1 + (i % 3)},€${10 + i}.50,${i % 5}%,Europe,2024-0${1 + (i % 6)}-1${i % 10},zoë${i}@example.com\n`;
  }
  return text;
}

/** How many multi-byte characters are cut by reads of `size` bytes. */
function charactersCut(bytes: Uint8Array, size: number): number {
  let cut = 0;
  for (let at = size; at < bytes.length; at += size) if ((bytes[at]! & 0xc0) === 0x80) cut++;
  return cut;
}

test('multi-byte characters cut by small chunks and reads come out whole', async ({ page }) => {
  // Small, as each read of a few bytes is a round trip to the browser.
  const text = multiByteCsv(80);
  const path = test.info().outputPath('multibyte.csv');
  writeFileSync(path, text);
  const expected = await coreFiles(path, REFERENCE_ARGS);
  for (const chunkSize of [5, 7]) {
    expect(charactersCut(Buffer.from(text), chunkSize)).toBeGreaterThan(20);
    const files = await expectDone(page, await runInApp(page, { file: path, options: REFERENCE, chunkSize, workers: 2 }));
    expectSameFiles(files, expected);
  }
  expect(expected.get('cleaned_rows.csv')).toContain('Music box 𝄞');
});

// Reads of a Blob's stream end at most READ_BYTES in, where the browser's own pieces end; slices end exactly there.
test('a character cut by a read boundary comes out whole', async ({ page }) => {
  const body = Buffer.from(multiByteCsv(80_000).slice(HEADER.length));
  const at = body.indexOf(Buffer.from('𝄞'), READ_BYTES / 2);
  // A first row of padding moves that four-byte character to start one byte before the first read's end.
  const padRow = (n: number) => `PAD,${'p'.repeat(n)},Home & Kitchen,1,1.00,0,Europe,2024-01-01,\n`;
  const pad = READ_BYTES - 1 - HEADER.length - padRow(0).length - at;
  const bytes = Buffer.concat([Buffer.from(HEADER + padRow(pad)), body]);
  expect(bytes[READ_BYTES - 1]).toBe(0xf0);
  const path = test.info().outputPath('straddle.csv');
  writeFileSync(path, bytes);
  const files = await expectDone(page, await runInApp(page, { file: path, options: REFERENCE }));
  expectSameFiles(files, await coreFiles(path, REFERENCE_ARGS));
});

// Refused when picked, from the engine's preview of the file: no job is started.
const refusals: Array<{ name: string; file: ReturnType<typeof csvFile>; code: string; says: RegExp }> = [
  { name: 'an empty file', file: csvFile('empty.csv', ''), code: 'EMPTY_FILE', says: /empty/ },
  {
    name: 'a PNG image',
    file: { name: 'chart.csv', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]) },
    code: 'NOT_TEXT',
    says: /not a CSV file/,
  },
];

for (const refusal of refusals) {
  test(`${refusal.name} is refused with ${refusal.code} as soon as it is picked`, async ({ page }) => {
    await page.goto('/');
    await page.getByTestId('csv-file').setInputFiles(refusal.file);
    const error = page.getByTestId('preview-error');
    await expect(error).toContainText(refusal.code);
    await expect(error).toContainText(refusal.says);
    await expect(page.getByTestId('run')).toBeDisabled();
    expect(await listJobFolders(page)).toEqual([]);
  });
}

test('a header without rows is refused with NO_ROWS when it runs', async ({ page }) => {
  const end = await runInApp(page, { file: csvFile('header.csv', HEADER), options: REFERENCE });
  expect(await expectFailure(page, end, 'NO_ROWS')).toMatch(/no data rows/);
});
