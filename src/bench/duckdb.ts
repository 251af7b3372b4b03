import * as duckdb from '@duckdb/duckdb-wasm';
// Served from this origin (copied into the build by Vite), never from a CDN. Only the bundle with
// WebAssembly exception handling: every Chromium the benchmark runs has it.
import wasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import workerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';

export interface DuckDbRun {
  seconds: number;
  /** Rows counted by the query (rows DuckDB could not read are skipped, not counted). */
  rows: number;
  groups: number;
}

/** The query a data person would write: every column as text, rows per month and region. */
export const QUERY = `
  SELECT substr(sale_date, 1, 7) AS month, region, count(*)::DOUBLE AS n
  FROM read_csv('input.csv', header = true, delim = ',', quote = '"', escape = '"', all_varchar = true, ignore_errors = true)
  GROUP BY ALL`;

/** DuckDB-WASM, loaded and started: its worker, the WebAssembly compiled. */
export async function startDuckDb(): Promise<duckdb.AsyncDuckDB> {
  const worker = new Worker(workerUrl, { name: 'duckdb' });
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  try {
    await db.instantiate(wasmUrl);
  } catch (error) {
    worker.terminate();
    throw error;
  }
  return db;
}

/**
 * The query over the picked File, read through FileReaderSync in DuckDB's worker (not copied
 * into its memory first); only the query is timed. Ends the database.
 */
export async function duckdbGroupBy(db: duckdb.AsyncDuckDB, file: File): Promise<DuckDbRun> {
  try {
    await db.registerFileHandle('input.csv', file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
    const connection = await db.connect();
    const started = performance.now();
    const table = await connection.query(QUERY);
    const seconds = (performance.now() - started) / 1000;
    let rows = 0;
    for (const n of table.getChild('n')?.toArray() ?? []) rows += Number(n);
    await connection.close();
    return { seconds, rows, groups: table.numRows };
  } finally {
    await db.terminate().catch(() => {});
  }
}
