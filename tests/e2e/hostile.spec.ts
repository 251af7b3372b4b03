import { expect, test, watchContext } from './support/test.ts';
import type { BrowserContext, Page } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { whereText } from '../../src/core/errors.ts';
import { HOSTILE_FIXTURES, type HostileFixture } from '../hostile/fixtures.ts';
import { found, wanted } from '../hostile/outcome.ts';
import { jobEnd, readJobFolder } from './support/app.ts';
import { optionsOf } from './support/core.ts';
import { jobSnapshot } from './support/storage.ts';

// Every hostile fixture through the app's own form, one after another in one browser profile:
// each gives its expected outcome, and the job run before them all stays as it was, byte for byte.

const REFERENCE_ARGS = ['--reference-date', '2024-06-30'];
const dir = mkdtempSync(join(tmpdir(), 'hostile-e2e-'));
let context: BrowserContext;
let page: Page;
let watch: Awaited<ReturnType<typeof watchContext>>;
let earlier: { id: string; snapshot: Awaited<ReturnType<typeof jobSnapshot>> };

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser, baseURL }) => {
  context = await browser.newContext({ baseURL });
  watch = await watchContext(context, new Set([new URL(baseURL!).origin]));
  page = await context.newPage();
  await page.goto('/');
  await page.getByTestId('sample-rows').fill('2000');
  await page.getByTestId('try-sample').click();
  const end = await jobEnd(page);
  expect(end.status).toBe('completed');
  earlier = { id: end.jobId!, snapshot: await jobSnapshot(page, end.jobId!) };
  expect(Object.keys(earlier.snapshot.files ?? {})).toContain('cleaned_rows.csv');
});

test.afterAll(async () => {
  expect(watch).toEqual({ stray: [], blocked: [] });
  await context.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Fills the form as a user would, picks the fixture, and runs it unless the pick is refused; the outcome's text. */
async function runFixture(fixture: HostileFixture): Promise<{ refused: string | null; missing: string | null; failed: { code: string; message: string } | null; jobId: string | null }> {
  const file = join(dir, fixture.name);
  writeFileSync(file, fixture.bytes());
  await page.goto(fixture.chunkSize === undefined ? '/' : `/?chunk=${fixture.chunkSize}`);
  await page.getByText('Advanced').click();
  await page.getByTestId('options-json').fill(JSON.stringify(optionsOf([...REFERENCE_ARGS, ...(fixture.args ?? [])])));
  await page.getByTestId('csv-file').setInputFiles(file);
  const refusal = page.getByTestId('preview-error');
  await expect(refusal.or(page.getByTestId('preview-summary'))).toBeVisible({ timeout: 30_000 });
  if (await refusal.isVisible()) {
    await expect(page.getByTestId('run')).toBeDisabled();
    return { refused: (await refusal.textContent())!, missing: null, failed: null, jobId: null };
  }
  const missing = page.getByTestId('mapping-missing');
  if (await missing.isVisible()) {
    await expect(page.getByTestId('run')).toBeDisabled();
    return { refused: null, missing: (await missing.textContent())!, failed: null, jobId: null };
  }
  await page.getByTestId('run').click();
  const end = await jobEnd(page);
  if (end.status === 'failed') {
    const where = page.getByTestId('error-where');
    const message = `${await page.getByTestId('error-message').textContent()} ${(await where.count()) > 0 ? await where.textContent() : ''}`;
    return { refused: null, missing: null, failed: { code: (await page.getByTestId('error-code').textContent())!, message }, jobId: end.jobId };
  }
  expect(end.status).toBe('completed');
  return { refused: null, missing: null, failed: null, jobId: end.jobId };
}

for (const fixture of HOSTILE_FIXTURES) {
  test(`${fixture.name}: ${fixture.covers}`, async () => {
    const outcome = await runFixture(fixture);
    const expected = fixture.expect;
    if ('error' in expected && expected.missing !== undefined) {
      expect(outcome.missing, 'the column mapping asks for the missing columns').not.toBeNull();
      for (const column of expected.missing) expect(outcome.missing).toContain(column);
    } else if ('error' in expected) {
      const said = outcome.refused ?? `${outcome.failed?.code} ${outcome.failed?.message}`;
      expect(said).toContain(expected.error);
      for (const word of expected.words) expect(said).toContain(word);
      if (expected.where !== undefined) expect(said).toContain(`Where: ${whereText(expected.where)}`);
      if (outcome.jobId !== null) expect(await readJobFolder(page, outcome.jobId), 'a failed job leaves no files').toBeNull();
    } else {
      expect(outcome.refused ?? outcome.missing ?? outcome.failed?.message ?? null).toBeNull();
      const files = (await readJobFolder(page, outcome.jobId!))!;
      expect(found(expected, files['quality_report.csv']!, files['cleaned_rows.csv']!)).toEqual(wanted(expected));
      for (const word of expected.log ?? []) await expect(page.getByTestId('job-log')).toContainText(word);
    }
    expect(await jobSnapshot(page, earlier.id), 'the job run before is unchanged').toEqual(earlier.snapshot);
  });
}
