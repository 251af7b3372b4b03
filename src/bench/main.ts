// The benchmark's own page (bench.html, built beside the app but never loaded by it): the
// browser's limits to compare the pipeline with, over the File picked in its file input.
// scripts/bench.mjs drives it through `window.bench`.
import { DEFAULT_CHUNK_SIZE } from '../engine/api.ts';
import type { BenchApi, BenchRun } from './api.ts';
import type { ParseReply, ParseRequest, ReadReply, ReadRequest } from './protocol.ts';

const input = document.querySelector<HTMLInputElement>('[data-testid="bench-file"]')!;
const log = document.querySelector<HTMLElement>('[data-testid="bench-log"]')!;

function pickedFile(): File {
  const file = input.files?.[0];
  if (!file) throw new Error('No file is picked.');
  return file;
}

function report(run: BenchRun): BenchRun {
  log.textContent += `${run.name}: ${run.rows} rows, ${run.bytes} bytes, ${run.workers} worker(s), ${run.seconds.toFixed(3)} s\n`;
  return run;
}

/** A worker's next message, or its failure. */
function next<T>(worker: Worker): Promise<T> {
  return new Promise((resolve, reject) => {
    const done = () => {
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
    };
    const onMessage = (event: MessageEvent<T>) => {
      done();
      if (event.data !== null && typeof event.data === 'object' && 'error' in event.data) reject(new Error(String(event.data.error)));
      else resolve(event.data);
    };
    const onError = (event: ErrorEvent) => {
      done();
      reject(new Error(event.message || 'a worker failed'));
    };
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', onError);
  });
}

async function readOnly(): Promise<BenchRun> {
  const file = pickedFile();
  const worker = new Worker(new URL('./read.worker.ts', import.meta.url), { type: 'module', name: 'bench-read' });
  try {
    worker.postMessage({ file } satisfies ReadRequest);
    await next<ReadReply>(worker);
    const started = performance.now();
    worker.postMessage({ go: true } satisfies ReadRequest);
    const end = await next<ReadReply>(worker);
    const seconds = (performance.now() - started) / 1000;
    if (!('bytes' in end)) throw new Error('the read worker did not finish');
    return report({ name: 'read-only', seconds, rows: 0, bytes: end.bytes, workers: 1 });
  } finally {
    worker.terminate();
  }
}

/** PapaParse in `workers` workers over chunks of whole lines; chunk indexes handed out as workers finish, two in flight per worker. */
async function parseOnly(workers: number, chunkSize = DEFAULT_CHUNK_SIZE): Promise<BenchRun & { chunkSize: number }> {
  const file = pickedFile();
  const chunks = Math.ceil(file.size / chunkSize);
  const pool = Array.from({ length: workers }, (_, i) => new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module', name: `bench-parse-${i + 1}` }));
  try {
    await Promise.all(
      pool.map((worker) => {
        const ready = next<ParseReply>(worker);
        worker.postMessage({ file, chunkSize } satisfies ParseRequest);
        return ready;
      }),
    );
    const started = performance.now();
    let rows = 0;
    let bytes = 0;
    let given = 0;
    await new Promise<void>((resolve, reject) => {
      let done = 0;
      const give = (worker: Worker) => {
        if (given < chunks) worker.postMessage({ chunk: given++ } satisfies ParseRequest);
      };
      for (const worker of pool) {
        worker.addEventListener('message', (event: MessageEvent<ParseReply>) => {
          const reply = event.data;
          if ('error' in reply) return reject(new Error(reply.error));
          if (!('chunk' in reply)) return;
          rows += reply.rows;
          bytes += reply.bytes;
          if (++done === chunks) resolve();
          else give(worker);
        });
        worker.addEventListener('error', (event) => reject(new Error(event.message || 'a parse worker failed')));
      }
      if (chunks === 0) resolve();
      for (let round = 0; round < 2; round++) for (const worker of pool) give(worker);
    });
    const seconds = (performance.now() - started) / 1000;
    report({ name: 'parse-only', seconds, rows, bytes, workers });
    return { name: 'parse-only', seconds, rows, bytes, workers, chunkSize };
  } finally {
    for (const worker of pool) worker.terminate();
  }
}

type DuckDbModule = typeof import('./duckdb.ts');
let started: { module: DuckDbModule; db: Awaited<ReturnType<DuckDbModule['startDuckDb']>> } | null = null;

async function startDuckDb(): Promise<void> {
  // Loaded only for this run, so that the other runs' tabs never hold DuckDB.
  const module = await import('./duckdb.ts');
  started = { module, db: await module.startDuckDb() };
}

async function duckdb(): Promise<BenchRun & { groups: number }> {
  const file = pickedFile();
  if (started === null) await startDuckDb();
  const { module, db } = started!;
  started = null;
  const run = await module.duckdbGroupBy(db, file);
  report({ name: 'duckdb-wasm', seconds: run.seconds, rows: run.rows, bytes: file.size, workers: 1 });
  return { name: 'duckdb-wasm', seconds: run.seconds, rows: run.rows, bytes: file.size, workers: 1, groups: run.groups };
}

window.bench = { readOnly, parseOnly, startDuckDb, duckdb } satisfies BenchApi;
document.body.dataset.ready = 'true';
