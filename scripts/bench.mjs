// The browser benchmark of issue 3: the built app in headless Chromium on dirty files of 1M and
// 10M rows (or --rows), each fed through a real <input type=file>, beside the limits it is judged
// by, all on the same file in the same browser:
//   pipeline     the whole job through the app's own UI (clean, aggregate, rows written to OPFS)
//   parse-only   PapaParse over chunks of the engine's size with the same workers, nothing else
//   read-only    the File read (as the engine reads it) and decoded in one worker, nothing else
//   duckdb-wasm  read_csv all-varchar, group by month and region, over the same File
//   cli          the same file through the command line
// Prints a markdown table and writes bench/results.json.
// npm run bench -- [--rows 1000000,10000000] [--workers 1,2] [--chunk-size BYTES] [--downloads] [--only pipeline,cli]
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';
import { servePreview } from './preview.mjs';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000,10000000' },
    workers: { type: 'string', default: '1,2' },
    downloads: { type: 'boolean', default: false },
    only: { type: 'string', default: '' },
    'chunk-size': { type: 'string', default: '' },
  },
});
const list = (s) => s.split(',').map((v) => Number(v.trim().replaceAll('_', '')));
const ROW_COUNTS = list(values.rows);
const WORKERS = list(values.workers);
// --chunk-size BYTES: every run that cuts chunks uses this size, not the engine's default.
const CHUNK_SIZE = values['chunk-size'] === '' ? null : list(values['chunk-size'])[0];
const RUN_NAMES = ['read-only', 'parse-only', 'pipeline', 'download-all', 'duckdb-wasm', 'cli'];
// --only pipeline,cli: just those runs, for a quick look at one change (the README's table is of all).
const ONLY = values.only === '' ? RUN_NAMES : values.only.split(',').map((s) => s.trim());
const wanted = (name) => ONLY.includes(name) && (name !== 'download-all' || values.downloads);
if ([...ROW_COUNTS, ...WORKERS, CHUNK_SIZE ?? 1].some((n) => !Number.isSafeInteger(n) || n < 1) || ONLY.some((name) => !RUN_NAMES.includes(name))) {
  console.error(`usage: npm run bench -- [--rows 1000000,10000000] [--workers 1,2] [--chunk-size BYTES] [--downloads] [--only ${RUN_NAMES.join(',')}]`);
  process.exit(2);
}
const REFERENCE_DATE = '2026-06-30';
const SAMPLE_MS = 100;
const ROOT = resolve(import.meta.dirname, '..');
const CLI = [process.execPath, join(ROOT, 'dist-cli/main.mjs')];
const log = (line) => console.error(`[bench] ${line}`);

// ---------------------------------------------------------------------------------------------
// Files and the build

function ensureFile(rows) {
  const file = join(ROOT, `bench/data/dirty-${rows}.csv`);
  if (!existsSync(file)) {
    mkdirSync(join(ROOT, 'bench/data'), { recursive: true });
    log(`generating ${file}`);
    const [node, ...args] = CLI;
    execFileSync(node, [...args, 'generate', '--rows', String(rows), '--seed', '1', '--end-date', REFERENCE_DATE, '--out', file], { stdio: 'inherit', cwd: ROOT });
  }
  return file;
}

/** The newest modification time under the given paths (files or folders), in ms. */
function newest(paths) {
  let max = 0;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    else max = Math.max(max, stat.mtimeMs);
  };
  for (const path of paths) visit(join(ROOT, path));
  return max;
}

function ensureBuild() {
  const built = ['dist/index.html', 'dist/bench.html'].map((p) => join(ROOT, p));
  const inputs = ['src', 'public', 'index.html', 'bench.html', 'vite.config.ts', 'svelte.config.js', 'package.json', 'package-lock.json'];
  const stale = built.some((p) => !existsSync(p)) || newest(inputs) > Math.min(...built.map((p) => statSync(p).mtimeMs));
  if (!stale) return;
  log('building the app (dist/ is missing or older than its sources)');
  execFileSync('npm', ['run', 'build'], { stdio: ['ignore', 'ignore', 'inherit'], cwd: ROOT });
}

/** The command line's bundle, which `npm run cli` runs (a quarter of a second to make). */
function buildCli() {
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit', cwd: ROOT });
}

// ---------------------------------------------------------------------------------------------
// Memory and CPU from the operating system

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

function readProc(pid, file) {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return null; // Gone.
  }
}

/** Parent pid and CPU seconds (user + system) of a process, from /proc/<pid>/stat. */
function procStat(pid) {
  const stat = readProc(pid, 'stat');
  if (stat === null) return null;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(fields[1]), cpu: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS };
}

function rssBytes(pid) {
  const status = readProc(pid, 'status');
  const m = status && /^VmRSS:\s+(\d+) kB/m.exec(status);
  return m ? Number(m[1]) * 1024 : null;
}

const allPids = () => readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);

/**
 * The renderer processes of the Chromium that uses this profile folder, less the one of the
 * browser's own UI (`--top-chrome-webui`, busy for a moment at the first file pick) that never
 * serves a page. Chromium rewrites the command line of the processes it forks from its zygote
 * into one string, so words are matched in it, not arguments.
 */
function rendererPids(profile) {
  const words = (pid) => new Set((readProc(pid, 'cmdline') ?? '').split(/[\0 ]/));
  return allPids().filter((pid) => {
    const args = words(pid);
    return args.has('--type=renderer') && args.has(`--user-data-dir=${profile}`) && !args.has('--top-chrome-webui');
  });
}

/**
 * Samples VmRSS of a set of processes every 100 ms. At the end, the processes that ran the
 * work are those that used at least a tenth of the busiest one's CPU time during the run (the page's
 * renderer, not an idle spare or the blank tab's); the peak is the largest sum of their VmRSS
 * in one sample.
 */
class MemorySampler {
  constructor(findPids) {
    this.findPids = findPids;
  }

  start() {
    this.samples = [];
    this.cpuStart = new Map();
    this.cpuEnd = new Map();
    this.pids = [];
    this.lastScan = 0;
    this.started = Date.now();
    this.tick();
    this.timer = setInterval(() => this.tick(), SAMPLE_MS);
  }

  tick() {
    const now = Date.now();
    if (now - this.lastScan >= 500) {
      this.pids = this.findPids();
      this.lastScan = now;
    }
    const sample = new Map();
    for (const pid of this.pids) {
      const rss = rssBytes(pid);
      const stat = procStat(pid);
      if (rss === null || stat === null) continue;
      sample.set(pid, rss);
      if (!this.cpuStart.has(pid)) this.cpuStart.set(pid, stat.cpu);
      this.cpuEnd.set(pid, stat.cpu);
    }
    this.samples.push(sample);
  }

  /** Peak MB (1e6 bytes) of the working processes, and the CPU seconds they used. */
  stop() {
    clearInterval(this.timer);
    this.tick();
    const used = new Map([...this.cpuEnd].map(([pid, end]) => [pid, end - (this.cpuStart.get(pid) ?? end)]));
    const busiest = Math.max(0, ...used.values());
    const working = new Set([...used].filter(([, cpu]) => cpu >= busiest / 10).map(([pid]) => pid));
    let peak = 0;
    for (const sample of this.samples) {
      let sum = 0;
      for (const [pid, rss] of sample) if (working.has(pid)) sum += rss;
      peak = Math.max(peak, sum);
    }
    const cpu = [...working].reduce((sum, pid) => sum + (used.get(pid) ?? 0), 0);
    const wall = (Date.now() - this.started) / 1000;
    if (process.env.BENCH_DEBUG) {
      for (const [pid, cpuSeconds] of used) {
        const rss = this.samples.map((sample) => sample.get(pid) ?? 0);
        log(`  pid ${pid}${working.has(pid) ? ' (counted)' : ''}: cpu ${cpuSeconds.toFixed(2)} s of ${wall.toFixed(2)} s, VmRSS first ${(rss[0] / 1e6).toFixed(0)} MB, peak ${(Math.max(...rss) / 1e6).toFixed(0)} MB`);
      }
    }
    return { peakMb: peak / 1e6, cores: cpu / Math.max(wall, 1e-3), processes: working.size };
  }
}

// ---------------------------------------------------------------------------------------------
// The runs

/** Installed in every page before its scripts: every main-thread long task, for the runs to read. */
function observeLongTasks() {
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
    window.__longTasksObserved = true;
  } catch {
    window.__longTasksObserved = false;
  }
}

const pageNow = (page) => page.evaluate(() => performance.now());

/** The longest main-thread task since `since` (page time), in ms; 0 when none reached 50 ms. */
async function longestTask(page, since) {
  return page.evaluate((t) => {
    if (!window.__longTasksObserved) throw new Error('this browser does not report long tasks');
    return Math.max(0, ...window.__longTasks.filter((e) => e.start + e.duration >= t).map((e) => e.duration));
  }, since);
}

/** Runs `body` on a fresh tab with memory sampled; returns its result with the measurements. */
async function measured(context, sampler, open, body) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    await open(page);
    // Let the tab settle before sampling.
    await page.waitForTimeout(300);
    const since = await pageNow(page);
    sampler.start();
    let result;
    let memory;
    try {
      result = await body(page);
    } finally {
      memory = sampler.stop();
    }
    const longTask = await longestTask(page, since);
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    return { ...result, memory, longTask };
  } finally {
    await page.close();
  }
}

/** Opens the app's form with `workers` and the file picked. */
async function pickInApp(page, url, file, workers) {
  await page.goto(`${url}/`);
  await page.getByText('Advanced').click();
  await page.getByTestId('workers').fill(String(workers));
  if (CHUNK_SIZE !== null) await page.getByTestId('chunk-size').fill(String(CHUNK_SIZE));
  await page.getByTestId('options-json').fill(JSON.stringify({ reference_date: REFERENCE_DATE }));
  // A path: Chromium reads the file itself; nothing of it passes through this process.
  await page.getByTestId('csv-file').setInputFiles(file);
  // Run is clicked once the warm-up the pick starts has ended, as by a user who reads the preview
  // first: every worker count then starts from warm workers (README, Performance).
  await page.locator('[data-testid="run"][data-warm="true"]').waitFor();
}

/** Runs the picked file and waits for the job to complete: its own seconds and rows, and the wall time from the click. */
async function runPicked(page) {
  // Watched from inside the page (no polling), installed before the click.
  await page.evaluate(() => {
    window.__jobEnded = new Promise((done) => {
      const observer = new MutationObserver(() => {
        const status = document.querySelector('[data-testid="job-status"]')?.getAttribute('data-status');
        if (status === 'completed' || status === 'failed' || status === 'cancelled') {
          observer.disconnect();
          done(status);
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
    });
  });
  const clicked = Date.now();
  await page.getByTestId('run').click();
  const status = await page.evaluate(() => window.__jobEnded);
  const wall = (Date.now() - clicked) / 1000;
  if (status !== 'completed') {
    const error = await page.getByTestId('job-status').textContent();
    throw new Error(`the job ended ${status}: ${error} ${(await page.locator('body').textContent())?.slice(0, 500)}`);
  }
  const line = page.getByTestId('summary-line');
  return { seconds: Number(await line.getAttribute('data-seconds')), rows: Number(await line.getAttribute('data-rows')), wall };
}

/** The row files are not needed after a run: free the disk for the next one. */
const removeJobs = (page) => page.evaluate(() => navigator.storage.getDirectory().then((root) => root.removeEntry('jobs', { recursive: true })));

async function pipelineRun(context, sampler, url, file, workers) {
  return measured(
    context,
    sampler,
    (page) => pickInApp(page, url, file, workers),
    async (page) => {
      const job = await runPicked(page);
      await removeJobs(page);
      return job;
    },
  );
}

/**
 * A job run first (not measured), then Download all from its page: every table made into Parquet
 * and zipped with the CSVs in the engine worker, then saved by the browser (no save picker here).
 */
async function downloadRun(context, sampler, url, file, workers) {
  return measured(
    context,
    sampler,
    async (page) => {
      await page.addInitScript(() => delete window.showSaveFilePicker);
      await pickInApp(page, url, file, workers);
      await runPicked(page);
      await page.getByTestId('job-id').click();
    },
    async (page) => {
      const started = Date.now();
      const download = page.waitForEvent('download', { timeout: 1_200_000 });
      await page.getByTestId('download-all').click();
      const failed = page
        .getByTestId('download-error')
        .waitFor({ timeout: 1_200_000 })
        .then(
          async () => {
            throw new Error(`Download all failed: ${await page.getByTestId('download-error').textContent()}`);
          },
          () => new Promise(() => {}),
        );
      const saved = await Promise.race([download, failed]);
      const path = await saved.path();
      const seconds = (Date.now() - started) / 1000;
      const zipBytes = statSync(path).size;
      await saved.delete();
      await removeJobs(page);
      return { seconds, zipBytes };
    },
  );
}

/** A run of the benchmark's own page; `prepare` (not measured) runs before it. */
async function benchPageRun(context, sampler, url, file, call, prepare) {
  return measured(
    context,
    sampler,
    async (page) => {
      await page.goto(`${url}/bench.html`);
      await page.waitForSelector('body[data-ready="true"]');
      await page.getByTestId('bench-file').setInputFiles(file);
      if (prepare) await page.evaluate(prepare);
    },
    (page) => page.evaluate(call.fn, call.args),
  );
}

/** The command line on the same file, its memory sampled like the tab's. */
async function cliRun(file, workers) {
  const out = mkdtempSync(join(tmpdir(), 'bench-cli-'));
  try {
    const [node, ...args] = CLI;
    const child = spawn(node, [...args, 'process', file, '--out', out, '--reference-date', REFERENCE_DATE, '--workers', String(workers), ...(CHUNK_SIZE === null ? [] : ['--chunk-size', String(CHUNK_SIZE)])], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    const sampler = new MemorySampler(() => [child.pid]);
    sampler.start();
    let stderr = '';
    child.stderr.on('data', (data) => (stderr += data));
    const code = await new Promise((done) => child.on('close', done));
    const memory = sampler.stop();
    const m = /([\d,]+) rows read.* in ([\d.]+) s \(([\d,]+) rows\/s, \d+ workers?, peak RSS ([\d.]+) MB/.exec(stderr);
    if (code !== 0 || !m) throw new Error(`process failed (${code}): ${stderr}`);
    const int = (s) => Number(s.replaceAll(',', ''));
    return { rows: int(m[1]), seconds: Number(m[2]), rowsPerS: int(m[3]), ownPeakMb: Number(m[4]), memory };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------

const round = (n, digits) => (n === null ? null : Number(n.toFixed(digits)));

function record(runs, name, rows, bytes, workers, seconds, extra) {
  const run = {
    name,
    rows,
    bytes,
    workers,
    seconds: round(seconds, 3),
    rows_per_s: Math.round(extra.rowsPerS ?? rows / seconds),
    mb_per_s: round(bytes / 1e6 / seconds, 1),
    renderer_peak_mb: round(extra.peakMb, 0),
    long_task_max_ms: extra.longTask === null ? null : round(extra.longTask, 0),
  };
  runs.push(run);
  const cores = extra.cores !== undefined ? ` cpu ${extra.cores.toFixed(2)} cores` : '';
  log(`${name} w${workers}: ${run.seconds} s, ${run.rows_per_s.toLocaleString('en-US')} rows/s, ${run.mb_per_s} MB/s, peak ${run.renderer_peak_mb} MB${cores}${extra.note ? `, ${extra.note}` : ''}`);
  run.__cpu = extra.cores ?? null;
  return run;
}

function table(runs) {
  const n = (v) => (v === null ? '–' : v.toLocaleString('en-US'));
  const lines = [
    '| run | rows | MB | workers | seconds | rows/s | MB/s | renderer peak MB | longest task ms | CPU cores used |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of runs) {
    const longTask = r.long_task_max_ms === null ? '–' : r.long_task_max_ms === 0 ? '< 50' : n(r.long_task_max_ms);
    lines.push(
      `| ${r.name} | ${n(r.rows)} | ${n(Math.round(r.bytes / 1e6))} | ${r.workers} | ${r.seconds.toFixed(2)} | ${n(r.rows_per_s)} | ${r.mb_per_s.toFixed(1)} | ${n(r.renderer_peak_mb)} | ${longTask} | ${r.__cpu === null ? '–' : r.__cpu.toFixed(2)} |`,
    );
  }
  return lines.join('\n');
}

async function main() {
  buildCli();
  const files = ROW_COUNTS.map((rows) => ({ rows, path: ensureFile(rows) }));
  ensureBuild();
  const preview = await servePreview();
  const profile = mkdtempSync(join(tmpdir(), 'bench-chromium-'));
  let context;
  const cleanup = () => {
    void preview.stop();
    rmSync(profile, { recursive: true, force: true });
  };
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  try {
    // A persistent profile: incognito contexts keep OPFS in memory (docs/decisions/004).
    // BENCH_CHROMIUM_ARGS: extra flags for an experiment (--js-flags=--trace-gc, say), never for the README's figures.
    const extra = process.env.BENCH_CHROMIUM_ARGS?.split(' ').filter(Boolean) ?? [];
    context = await chromium.launchPersistentContext(profile, { executablePath: findChromium(), headless: true, args: [...CHROMIUM_ARGS, ...extra] });
    context.setDefaultTimeout(120_000);
    await context.addInitScript(observeLongTasks);
    const blank = context.pages()[0] ?? (await context.newPage());
    // The user agent says 156.0.0.0 (reduced); the browser itself tells its full version.
    const { product } = await (await context.newCDPSession(blank)).send('Browser.getVersion');
    const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, chromium: product.replace(/^\w+\//, '') };
    log(`machine: ${machine.cpu}, ${machine.cores} cores, Chromium ${machine.chromium}, Node ${process.version}`);
    const load = () => loadavg()[0].toFixed(2);
    log(`load average (1 min) before the runs: ${load()}${loadavg()[0] > 0.5 ? ' - other work is running; timings will suffer' : ''}`);
    const tabs = new MemorySampler(() => rendererPids(profile));
    const runs = [];

    // Warm-up, not measured: a browser's first page loads and first file pick cost more than the next.
    for (const [path, input] of [['/', 'csv-file'], ['/bench.html', 'bench-file']]) {
      const page = await context.newPage();
      await page.goto(`${preview.url}${path}`);
      await page.getByTestId(input).setInputFiles(files[0].path);
      await page.close();
    }

    for (const { rows, path } of files) {
      const bytes = statSync(path).size;
      log(`${path}: ${rows.toLocaleString('en-US')} rows, ${(bytes / 1e6).toFixed(0)} MB`);
      const check = (name, counted) => counted !== rows && log(`note: ${name} counted ${counted.toLocaleString('en-US')} rows, the file has ${rows.toLocaleString('en-US')}`);

      if (wanted('read-only')) {
        const read = await benchPageRun(context, tabs, preview.url, path, { fn: () => window.bench.readOnly(), args: undefined });
        if (read.bytes !== bytes) throw new Error(`read-only read ${read.bytes} bytes of ${bytes}`);
        record(runs, 'read-only', rows, bytes, 1, read.seconds, { peakMb: read.memory.peakMb, longTask: read.longTask, cores: read.memory.cores });
      }

      for (const workers of wanted('parse-only') ? WORKERS : []) {
        // The engine's default chunk size (the page imports it) unless --chunk-size, as the pipeline runs use.
        const parse = await benchPageRun(context, tabs, preview.url, path, { fn: ([w, size]) => window.bench.parseOnly(w, size ?? undefined), args: [workers, CHUNK_SIZE] });
        check('parse-only', parse.rows);
        record(runs, 'parse-only', rows, bytes, workers, parse.seconds, { peakMb: parse.memory.peakMb, longTask: parse.longTask, cores: parse.memory.cores, note: `chunks of ${parse.chunkSize} bytes` });
      }

      for (const workers of wanted('pipeline') ? WORKERS : []) {
        const job = await pipelineRun(context, tabs, preview.url, path, workers);
        check('pipeline', job.rows);
        record(runs, 'pipeline', rows, bytes, workers, job.seconds, {
          peakMb: job.memory.peakMb,
          longTask: job.longTask,
          cores: job.memory.cores,
          note: `click to summary ${job.wall.toFixed(2)} s`,
        });
      }

      if (wanted('download-all')) {
        const workers = Math.max(...WORKERS);
        const down = await downloadRun(context, tabs, preview.url, path, workers);
        record(runs, 'download-all', rows, bytes, workers, down.seconds, {
          peakMb: down.memory.peakMb,
          longTask: down.longTask,
          cores: down.memory.cores,
          note: `zip of every table as CSV and Parquet: ${(down.zipBytes / 1e6).toFixed(0)} MB`,
        });
      }

      if (wanted('duckdb-wasm')) {
        const duck = await benchPageRun(context, tabs, preview.url, path, { fn: () => window.bench.duckdb(), args: undefined }, () => window.bench.startDuckDb());
        check('duckdb-wasm', duck.rows);
        record(runs, 'duckdb-wasm', rows, bytes, 1, duck.seconds, {
          peakMb: duck.memory.peakMb,
          longTask: duck.longTask,
          cores: duck.memory.cores,
          note: `${duck.groups} groups`,
        });
      }

      for (const workers of wanted('cli') ? WORKERS : []) {
        const cli = await cliRun(path, workers);
        check('cli', cli.rows);
        record(runs, 'cli', rows, bytes, workers, cli.seconds, {
          rowsPerS: cli.rowsPerS,
          peakMb: cli.memory.peakMb,
          longTask: null,
          cores: cli.memory.cores,
          note: `the CLI's own peak RSS ${cli.ownPeakMb} MB`,
        });
      }
    }

    log(`load average (1 min) after the runs: ${load()}`);
    mkdirSync(join(ROOT, 'bench'), { recursive: true });
    const json = { machine, runs: runs.map(({ __cpu, ...run }) => run) };
    writeFileSync(join(ROOT, 'bench/results.json'), JSON.stringify(json, null, 2) + '\n');
    console.log(`machine: ${machine.cpu}, ${machine.cores} cores, headless Chromium ${machine.chromium}, Node ${process.version}\n`);
    console.log(table(runs));
    console.log('\nrenderer peak MB: VmRSS of the tab\'s renderer process (page and workers), sampled every 100 ms; for cli, of the node process.');
    console.log('longest task: the longest main-thread long task during the run ("< 50": none reached 50 ms).');
    log('wrote bench/results.json');
  } finally {
    await context?.close().catch(() => {});
    cleanup();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
