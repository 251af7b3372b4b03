import { expect, test, watchContext } from './support/test.ts';
import { chromium, type Page } from '@playwright/test';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';
import { servePreview } from '../../scripts/preview.mjs';
import { jobEnd, readJobFolder, withoutSavePicker } from './support/app.ts';

const DIST = resolve(import.meta.dirname, '../../dist');
const FIXTURE = resolve(import.meta.dirname, '../fixtures/messy/formula_cells.csv');

/** Waits until the service worker is activated: the app shell and workers are stored. */
const installed = (page: Page) =>
  page.evaluate(async () => {
    const worker = (await navigator.serviceWorker.ready).active!;
    if (worker.state !== 'activated') await new Promise((done) => worker.addEventListener('statechange', () => worker.state === 'activated' && done(null)));
    return worker.state;
  });

/** A mark a test leaves in a tab's window: gone once the tab reloads (-1 while it does). */
const marked = (page: Page, value?: number) =>
  page.evaluate((v) => (v === undefined ? ((window as { marker?: number }).marker ?? 0) : ((window as { marker?: number }).marker = v)), value).catch(() => -1);

/** A PNG's width and height, from its header. */
const pngSize = (bytes: Buffer) => [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];

test('the manifest has every field and icon installability needs', async ({ page, request }) => {
  await page.goto('/');
  expect(await installed(page)).toBe('activated');
  const manifest = await (await request.get('/manifest.webmanifest')).json();
  expect(manifest).toMatchObject({ name: 'Sales pipeline', short_name: 'Sales', display: 'standalone', start_url: '/', scope: '/' });
  expect(manifest.description).toMatch(/own device/);
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/);
  expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/);
  const icons = manifest.icons as { src: string; sizes: string; type: string; purpose?: string }[];
  for (const [size, purpose] of [[192, undefined], [512, undefined], [512, 'maskable']] as const) {
    const icon = icons.find((i) => i.sizes === `${size}x${size}` && i.purpose === purpose);
    expect(icon, `${size} px ${purpose ?? 'any'}`).toBeDefined();
    expect(icon!.type).toBe('image/png');
    const png = await (await request.get(`/${icon!.src}`)).body();
    expect(pngSize(png), icon!.src).toEqual([size, size]);
  }
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
  await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute('content', manifest.theme_color);
});

test('Chromium installs the app from a real profile, and launches the installed app', async ({ baseURL }) => {
  // Playwright's usual contexts are incognito ones, where Chromium installs nothing.
  const profile = mkdtempSync(join(tmpdir(), 'profile-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
  try {
    const watch = await watchContext(context, new Set([new URL(baseURL!).origin]));
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(baseURL!);
    expect(await installed(page)).toBe('activated');
    const cdp = await context.newCDPSession(page);
    expect((await cdp.send('Page.getInstallabilityErrors')).installabilityErrors).toEqual([]);
    const manifestId = `${new URL(baseURL!).origin}/`;
    await expect(cdp.send('PWA.getOsAppState', { manifestId })).rejects.toThrow(/Unknown web-app manifest id/);
    await cdp.send('PWA.install', { manifestId });
    expect(await cdp.send('PWA.getOsAppState', { manifestId })).toMatchObject({ badgeCount: 0 });
    const launched = context.waitForEvent('page');
    await cdp.send('PWA.launch', { manifestId });
    const app = await launched;
    await expect(app.getByRole('heading', { name: 'Sales pipeline' })).toBeVisible();
    expect(watch).toEqual({ stray: [], blocked: [] });
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('once visited, the app opens, runs sample data and a file, and downloads a result with the network off', async ({ page, context, appOrigins }) => {
  test.setTimeout(120_000);
  const server = await servePreview(DIST);
  appOrigins.add(server.url);
  try {
    await withoutSavePicker(page);
    await page.goto(server.url);
    expect(await installed(page)).toBe('activated');
    await expect(page.getByTestId('offline-status')).toContainText('works offline');
  } finally {
    // setOffline alone does not stop the service worker's own requests (Playwright #2311).
    await server.stop();
  }
  await context.setOffline(true);
  const failed: string[] = [];
  page.on('requestfailed', (r) => failed.push(r.url()));

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sales pipeline' })).toBeVisible();
  await page.getByTestId('sample-rows').fill('3000');
  await page.getByTestId('try-sample').click();
  expect((await jobEnd(page)).status).toBe('completed');
  await page.getByTestId('job-id').click();
  await expect(page.getByTestId('dashboard')).toBeVisible();

  await page.goto(`${server.url}/`);
  await page.getByTestId('csv-file').setInputFiles(FIXTURE);
  await page.getByTestId('run').click();
  const end = await jobEnd(page);
  expect(end.status).toBe('completed');
  await page.getByTestId('job-id').click();
  await expect(page.getByTestId('dashboard')).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByTestId('downloads').locator('[data-table="cleaned_rows"]').getByTestId('download-csv').click();
  const saved = readFileSync((await (await download).path())!, 'utf8');
  expect(saved).toBe((await readJobFolder(page, end.jobId!))!['cleaned_rows.csv']);
  expect(saved.split('\r\n')[0]).toMatch(/^row_number,order_id,/);
  expect(failed).toEqual([]);
});

test('a new version waits for the user, and never reloads a tab that is running a job', async ({ context, appOrigins }) => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'app-'));
  cpSync(DIST, dir, { recursive: true });
  const server = await servePreview(dir);
  appOrigins.add(server.url);
  try {
    const busy = await context.newPage();
    // Small chunks in one worker: a job that runs long enough for all that follows.
    await busy.goto(`${server.url}/?workers=1&chunk=4096`);
    await installed(busy);
    // Served by the service worker from here on, so that its next version takes this tab over too.
    await busy.reload();
    await marked(busy, 1);
    await busy.getByTestId('sample-rows').fill('300000');
    await busy.getByTestId('try-sample').click();
    await expect(busy.getByTestId('cancel')).toBeVisible({ timeout: 30_000 });

    // The next version: its service worker differs by a byte.
    appendFileSync(join(dir, 'sw.js'), '\n// the next version\n');
    await busy.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    await expect(busy.getByTestId('update-ready')).toContainText('A new version of this app is ready');
    await expect(busy.getByTestId('update-ready')).toContainText('a reload would stop it');
    await expect(busy.getByTestId('update-reload')).toBeDisabled();

    const idle = await context.newPage();
    await idle.goto(server.url);
    await expect(idle.getByTestId('update-reload')).toBeEnabled();
    await marked(idle, 2);
    await idle.getByTestId('update-reload').click();
    // The tab that chose reloads into the new version...
    await expect.poll(() => marked(idle)).toBe(0);
    await expect(idle.getByTestId('update-ready')).toHaveCount(0);
    // ...while the busy one keeps its job, and says what happened.
    await expect(busy.getByTestId('update-ready')).toContainText('taken in another tab');
    expect(await marked(busy)).toBe(1);
    await expect(busy.getByTestId('job-status')).toHaveAttribute('data-status', 'running');
    await expect(busy.getByTestId('update-reload')).toBeDisabled();

    await busy.getByTestId('cancel').click();
    expect((await jobEnd(busy)).status).toBe('cancelled');
    await busy.getByTestId('update-reload').click();
    await expect.poll(() => marked(busy)).toBe(0);
    await expect(busy.getByTestId('update-ready')).toHaveCount(0);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the suite’s watch catches a request to another origin and a blocked inline style', async ({ browser, baseURL }) => {
  const context = await browser.newContext();
  const watch = await watchContext(context, new Set([new URL(baseURL!).origin]));
  const page = await context.newPage();
  await page.goto('/');
  await page.evaluate(() => document.body.setAttribute('style', 'color: red'));
  // bench.html has no policy (it is not the app), so its request does go out.
  await page.goto('/bench.html');
  await page.evaluate(() => fetch('http://203.0.113.9/', { mode: 'no-cors' }).catch(() => null));
  await expect.poll(() => watch.stray.length).toBeGreaterThan(0);
  await expect.poll(() => watch.blocked.length).toBeGreaterThan(0);
  expect(watch.stray[0]).toContain('http://203.0.113.9/');
  expect(watch.blocked.join('\n')).toMatch(/style-src/);
  await context.close();
});
