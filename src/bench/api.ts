// What the benchmark's page (bench.html) offers the script that drives it, as `window.bench`.

export interface BenchRun {
  name: string;
  seconds: number;
  /** Rows the run counted (the read-only run counts none: 0). */
  rows: number;
  bytes: number;
  workers: number;
}

export interface BenchApi {
  /** The picked file read as the engine reads it and decoded, in one worker; nothing else. */
  readOnly(): Promise<BenchRun>;
  /** PapaParse over chunks of whole lines of `chunkSize` bytes (the engine's default) in `workers` workers; nothing else. */
  parseOnly(workers: number, chunkSize?: number): Promise<BenchRun & { chunkSize: number }>;
  /** Loads and starts DuckDB-WASM, for `duckdb` to use: not part of its run. */
  startDuckDb(): Promise<void>;
  /** read_csv all-varchar, rows per month and region; only the query is timed. */
  duckdb(): Promise<BenchRun & { groups: number }>;
}

declare global {
  interface Window {
    bench: BenchApi;
  }
}
