import { expect, test } from './support/test.ts';
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { jobEnd, readJobFolder, runInApp } from './support/app.ts';
import { fixtures, optionsOf } from './support/core.ts';
import { readStore } from './support/storage.ts';
import { parseCsvRecord, recordEnds } from '../../src/core/output/readRowsCsv.ts';

// The Lookups page in real Chromium: edits are checked before they are saved, every save is a
// version in IndexedDB, and versions are imported, exported and restored.

const FIXTURE = 'tests/fixtures/messy/lookups.json';

type Stored = { version: number; description: string; lookups: { regions: string[]; region_map: Record<string, string> } };
const versions = async (page: Page) => (await readStore(page, 'lookups')) as unknown as Stored[];

test('regions are added, mapped and checked, and saved as a new version that the next job uses', async ({ page }) => {
  await page.goto('/#/lookups');
  await expect(page.getByTestId('lookup-editing')).toHaveText('Editing version 1 (Default lookups).');
  const regions = page.getByTestId('lookup-field-region');
  const original = (await versions(page))[0]!.lookups;
  await expect(regions.getByTestId('canonical')).toHaveCount(original.regions.length);

  await regions.getByTestId('new-canonical').fill('Antarctica');
  await regions.getByTestId('new-canonical').press('Enter');
  await regions.getByTestId('new-raw').fill('Antarctic');
  await regions.getByTestId('new-target').selectOption('Antarctica');
  await regions.getByRole('button', { name: 'Map', exact: true }).click();
  await expect(regions.locator('[data-testid="mapping"][data-raw="Antarctic"] select')).toHaveValue('Antarctica');

  // A second spelling of a canonical value is named, and blocks the save until it goes.
  await regions.getByTestId('new-canonical').fill('north  AMERICA');
  await regions.getByTestId('new-canonical').press('Enter');
  await expect(page.getByTestId('lookup-problems')).toContainText('“north  AMERICA” and “North America” are the same value to the cleaner');
  await expect(page.getByTestId('lookup-save')).toBeDisabled();
  await regions.locator('[data-testid="canonical"][data-value="north  AMERICA"]').getByRole('button').click();
  await expect(page.getByTestId('lookup-problems')).toHaveCount(0);

  await page.getByTestId('lookup-search').fill('antarc');
  await expect(regions.getByTestId('canonical')).toHaveCount(1);
  await page.getByTestId('lookup-description').fill('Adds Antarctica');
  await page.getByTestId('lookup-save').click();
  await expect(page.getByTestId('lookup-message')).toHaveText('Saved as version 2. The next job uses it.');
  await expect(page.getByTestId('lookup-history').getByTestId('lookup-version')).toHaveCount(2);
  const saved = (await versions(page)).find((v) => v.version === 2)!;
  expect(saved.description).toBe('Adds Antarctica');
  expect(saved.lookups.regions).toEqual([...original.regions, 'Antarctica']);
  expect(saved.lookups.region_map).toEqual({ ...original.region_map, Antarctic: 'Antarctica' });

  await page.goto('/');
  await expect(page.getByTestId('lookup-summary')).toContainText('Lookups version 2 (Adds Antarctica)');
});

test('a bad file changes nothing; a good one is reviewed, saved, exported, and an old version restored', async ({ page }) => {
  await page.goto('/#/lookups');
  await expect(page.getByTestId('lookup-editing')).toBeVisible();
  await page.getByTestId('lookup-import').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"regions": "Europe"}') });
  await expect(page.getByTestId('lookup-message')).toContainText('broken.json was not imported, and nothing changed: These lookups are not valid: "regions" must be a list of strings');
  await expect(page.getByTestId('lookup-save')).toBeDisabled();

  await page.getByTestId('lookup-import').setInputFiles(FIXTURE);
  await expect(page.getByTestId('lookup-editing')).toContainText('with unsaved changes');
  await page.getByTestId('lookup-save').click();
  await expect(page.getByTestId('lookup-message')).toHaveText('Saved as version 2. The next job uses it.');
  const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, unknown>;
  const stored = await versions(page);
  expect(stored.find((v) => v.version === 2)!.description).toBe('Imported from lookups.json');

  const row = (version: number) => page.locator(`[data-testid="lookup-version"][data-version="${version}"]`);
  const download = page.waitForEvent('download');
  await row(2).getByTestId('export-version').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('lookups-v2.json');
  const exported = JSON.parse(readFileSync((await file.path())!, 'utf8')) as Record<string, unknown>;
  for (const name of ['categories', 'regions', 'products', 'category_map', 'region_map', 'product_map']) expect(exported[name], name).toEqual(fixture[name] ?? (name.endsWith('map') ? {} : []));

  await row(1).getByTestId('restore-version').click();
  await expect(row(3)).toContainText('Restored version 1');
  const restored = (await versions(page)).find((v) => v.version === 3)!;
  expect(restored.lookups).toEqual(stored.find((v) => v.version === 1)!.lookups);
  await expect(page.getByTestId('lookup-editing')).toHaveText('Editing version 3 (Restored version 1).');
});

test('from a job: accept a fuzzy correction, map an unknown region, save, re-run, and its rejections fall by its rows', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('sample-rows').fill('10000');
  await page.getByTestId('try-sample').click();
  const first = await jobEnd(page);
  expect(first.status).toBe('completed');
  await page.getByTestId('job-id').click();

  const review = page.getByTestId('lookup-review');
  const unknownRegions = review.locator('[data-testid="unknown-value"][data-field="region"]');
  await expect(unknownRegions.first()).toBeVisible();
  // The counts are the rejected rows file's own.
  const bytes = Buffer.from((await readJobFolder(page, first.jobId!))!['rejected_rows.csv']!);
  let start = 0;
  const rejected = recordEnds(bytes).map((end) => parseCsvRecord(bytes.subarray(start, (start = end)).toString()));
  const target = unknownRegions.filter({ hasNotText: '(blank)' }).first();
  const raw = (await target.getAttribute('data-raw'))!;
  const count = rejected.filter((fields) => fields[1] === 'unknown_region' && fields[8]!.trim() === raw).length;
  expect(count).toBeGreaterThan(0);
  await expect(target.locator('td').nth(2)).toHaveText(count.toLocaleString('en-US'));
  await target.locator('select').selectOption('North America');

  // Every correction says how it was made; only the fuzzy ones ask for a decision.
  await review.getByTestId('corrections-how').selectOption('mapped');
  await expect(review.getByTestId('fuzzy-correction')).toHaveCount(0);
  await expect(review.getByTestId('correction').first().locator('td').nth(3)).toHaveText('by the map');
  await expect(review.getByTestId('correction').first().getByRole('button')).toHaveCount(0);
  await review.getByTestId('corrections-how').selectOption('');
  const fuzzy = review.getByTestId('fuzzy-correction').first();
  await expect(fuzzy.locator('td').nth(3)).toHaveText(/^fuzzy, distance [12]$/);
  const fuzzyRaw = (await fuzzy.getAttribute('data-raw'))!;
  const fuzzyTo = (await fuzzy.locator('td').nth(2).textContent())!;
  await fuzzy.getByRole('button', { name: 'Accept' }).click();
  await expect(fuzzy.getByRole('button', { name: 'Accept' })).toHaveAttribute('aria-pressed', 'true');

  await review.getByTestId('review-save').click();
  await expect(review.getByTestId('review-message')).toHaveText('Saved as version 2. The next job uses it.');
  const saved = (await versions(page)).find((v) => v.version === 2)!.lookups as unknown as Record<string, Record<string, string>>;
  expect(saved.region_map![raw]).toBe('North America');
  expect(Object.values(saved).some((map) => !Array.isArray(map) && map[fuzzyRaw] === fuzzyTo)).toBe(true);

  await review.getByTestId('rerun-sample').click();
  const second = await jobEnd(page);
  expect(second.status).toBe('completed');
  await page.getByTestId('job-id').click();
  await expect(page.getByTestId('job-page-lookups')).toContainText('version 2');
  const row = page.locator('[data-testid="comparison-row"][data-metric="rejected.unknown_region"]');
  const before = Number(await row.getAttribute('data-before'));
  const after = Number(await row.getAttribute('data-after'));
  expect(before - after).toBe(count);
  await expect(page.locator(`[data-testid="unknown-value"][data-raw="${raw}"]`)).toHaveCount(0);
});

test('lookups built from a messy export: groups reviewed (split, merge, refuse), then saved', async ({ page }) => {
  const fixture = fixtures.find((f) => f.name === 'shop_orders_bom_crlf')!;
  // The job imports the fixture's lookups as version 2.
  expect((await runInApp(page, { file: fixture.file, options: optionsOf(fixture.args), lookups: fixture.lookups })).status).toBe('completed');
  await page.goto('/#/lookups');
  const build = page.getByTestId('lookup-build');
  await build.getByTestId('build-file').setInputFiles(fixture.file);
  await build.getByTestId('build-sample').fill('0');
  await build.getByTestId('build-columns').selectOption({ index: 1 });
  await build.getByTestId('build-scan').click();
  await expect(build.getByTestId('build-summary')).toContainText('1,500 rows of shop_orders_bom_crlf.csv');

  const group = (name: string) => build.locator(`[data-testid="build-group"][data-canonical="${name}"]`);
  const spelling = (name: string) => build.locator(`[data-testid="build-spelling"][data-spelling="${name}"]`);
  // Typos, case and "and" joined their value's group.
  for (const [value, variant] of [['Latin America', 'Latin Amerca'], ['Middle East & Africa', 'Middle East and Africa'], ['Europe', 'EUROPE']] as const) {
    await expect(group(value).locator(`[data-spelling="${variant}"]`)).toHaveCount(1);
  }
  // Two letters from North America, South America is not it: split it off into Latin America.
  await expect(group('North America').locator('[data-spelling="South America"]')).toHaveCount(1);
  await spelling('South America').locator('select').selectOption({ label: 'to Latin America' });
  await expect(group('Latin America').locator('[data-spelling="South America"]')).toHaveCount(1);
  await group('Latam').getByRole('combobox', { name: 'Merge Latam into' }).selectOption({ label: 'Latin America' });
  await expect(group('Latam')).toHaveCount(0);
  await expect(group('Latin America').locator('[data-spelling="LATAM"]')).toHaveCount(1);
  await spelling('Mars').locator('select').selectOption({ label: 'to UNKNOWN' });
  await expect(group('UNKNOWN').locator('[data-spelling="Mars"]')).toHaveCount(1);

  // The group's value can be any of its spellings, or another name.
  await group('Middle East & Africa').getByRole('combobox', { name: 'Name of the group Middle East & Africa' }).fill('Middle East and Africa');
  await group('Middle East & Africa').getByRole('combobox', { name: 'Name of the group Middle East & Africa' }).press('Enter');
  await expect(group('Middle East and Africa').locator('[data-spelling="Middle East & Afrika"]')).toHaveCount(1);

  await build.getByTestId('build-use').click();
  await expect(page.getByTestId('lookup-editing')).toContainText('with unsaved changes');
  await expect(page.getByTestId('lookup-description')).toHaveValue('Built from shop_orders_bom_crlf.csv (1,500 rows)');
  await page.getByTestId('lookup-save').click();
  await expect(page.getByTestId('lookup-message')).toHaveText('Saved as version 3. The next job uses it.');
  const saved = (await versions(page)).find((v) => v.version === 3)!.lookups;
  expect(saved.regions).toContain('Latin America');
  expect(saved.regions).toContain('Middle East and Africa');
  expect(saved.region_map['Middle East & Afrika']).toBe('Middle East and Africa');
  expect(saved.regions).not.toContain('Latam');
  expect(saved.regions).not.toContain('Mars');
  expect(saved.region_map).toMatchObject({ 'South America': 'Latin America', Latam: 'Latin America', 'Latin Amerca': 'Latin America', Mars: 'UNKNOWN' });
});
