import * as Comlink from 'comlink';
import type { JobOptions } from '../core/options.ts';
import type { EngineApi, EngineError, ExportEntry, ExportOutcome, ExportProgress, JobOutcome, JobRequest, PreviewOutcome, Progress, RowPageOutcome, RowPageRequest, ReviewOutcome, ReviewRequest, SpellingScanOutcome } from './api.ts';
import { engineError } from './engineError.ts';

/** A job the engine is running: its id, how it ends, and a way to stop it. */
export interface RunningJob {
  jobId: string;
  outcome: Promise<JobOutcome>;
  cancel(): void;
}

/** An export the engine is making: how it ends, and a way to stop it. */
export interface RunningExport {
  outcome: Promise<ExportOutcome>;
  cancel(): void;
}

/** A job id that sorts by start time and names a folder. */
export function newJobId(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${crypto.randomUUID().slice(0, 8)}`;
}

/**
 * The page's side of the engine: starts the engine worker and talks to it through Comlink. Every
 * byte of a job is read and cleaned there; the page only asks and shows.
 */
export class EngineClient {
  private worker: Worker | null = null;
  private api: Comlink.Remote<EngineApi> | null = null;
  /** Ends the outcome of every job and export still running, when the engine worker itself fails. */
  private readonly pending = new Set<(outcome: { ok: false; error: EngineError }) => void>();

  private connect(): Comlink.Remote<EngineApi> {
    if (this.api !== null) return this.api;
    const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'engine' });
    const failed = (reason: string) => {
      if (this.worker !== worker) return;
      this.dispose();
      const outcome = { ok: false as const, error: engineError('ENGINE_FAILED', `The engine worker failed: ${reason}.`) };
      for (const end of this.pending) end(outcome);
      this.pending.clear();
    };
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      failed(event instanceof ErrorEvent && event.message ? event.message : 'it failed to load or stopped unexpectedly');
    });
    worker.addEventListener('messageerror', () => failed('a message from it could not be read'));
    this.worker = worker;
    this.api = Comlink.wrap<EngineApi>(worker);
    return this.api;
  }

  /** Starts a job (`newJobId()`); `onProgress` is called about every 250 ms while it runs. */
  start(jobId: string, request: JobRequest, onProgress: (progress: Progress) => void): RunningJob {
    const api = this.connect();
    const outcome = this.untilEnd<JobOutcome>(api.run(jobId, request, Comlink.proxy(onProgress)), 'run the job');
    return { jobId, outcome, cancel: () => void api.cancel(jobId).catch(() => {}) };
  }

  /**
   * How a call that runs a while ends: its own outcome, a failure if the call itself fails, or the
   * engine worker's failure if that comes first.
   */
  private untilEnd<T extends JobOutcome | ExportOutcome>(call: Promise<T>, what: string): Promise<T> {
    let end: (outcome: T) => void = () => {};
    return new Promise<T>((resolve) => {
      end = resolve;
      this.pending.add(resolve as (outcome: { ok: false; error: EngineError }) => void);
      call.then(resolve, (error: unknown) => resolve({ ok: false, error: engineError('ENGINE_FAILED', `The engine could not ${what}: ${(error as Error).message}.`) } as T));
    }).finally(() => this.pending.delete(end as (outcome: { ok: false; error: EngineError }) => void));
  }

  /** A table of a job as Parquet in the job's folder, made in the engine worker. */
  exportParquet(folder: string, table: string, onProgress: (progress: ExportProgress) => void): RunningExport {
    return this.export((api, id) => api.exportParquet(id, folder, table, Comlink.proxy(onProgress)));
  }

  /** A zip of a job's tables (`entries`) in the job's folder, made in the engine worker. */
  exportZip(folder: string, entries: ExportEntry[], onProgress: (progress: ExportProgress) => void): RunningExport {
    return this.export((api, id) => api.exportZip(id, folder, entries, Comlink.proxy(onProgress)));
  }

  private export(call: (api: Comlink.Remote<EngineApi>, exportId: string) => Promise<ExportOutcome>): RunningExport {
    const api = this.connect();
    const exportId = `export-${crypto.randomUUID()}`;
    return { outcome: this.untilEnd<ExportOutcome>(call(api, exportId), 'export'), cancel: () => void api.cancel(exportId).catch(() => {}) };
  }

  /** Warms the chunk workers for a job that is likely to come; settles when they are warm (or it gave up), never fails. */
  warmUp(workers: number | null | undefined): Promise<void> {
    // An empty or unfinished field means the engine's default.
    return this.connect()
      .warmUp(typeof workers === 'number' && Number.isSafeInteger(workers) && workers >= 1 ? workers : undefined)
      .catch(() => {});
  }

  /** The start of a file, read in the engine worker; errors come back as values. */
  async preview(file: Blob, options: Partial<JobOptions>): Promise<PreviewOutcome> {
    try {
      return await this.connect().preview(file, options);
    } catch (error) {
      return { ok: false, error: engineError('ENGINE_FAILED', `The engine could not read the file: ${(error as Error).message}.`) };
    }
  }

  /** A page of a job's row file, read in the engine worker. */
  async readRows(request: RowPageRequest): Promise<RowPageOutcome> {
    try {
      return await this.connect().readRows(request);
    } catch (error) {
      return { ok: false, error: engineError('ENGINE_FAILED', `The engine could not read the rows: ${(error as Error).message}.`) };
    }
  }

  async scanSpellings(file: Blob, options: Partial<JobOptions>, sampleRows: number): Promise<SpellingScanOutcome> {
    try {
      return await this.connect().scanSpellings(file, options, sampleRows);
    } catch (error) {
      return { ok: false, error: engineError('ENGINE_FAILED', `The engine could not read the file: ${(error as Error).message}.`) };
    }
  }

  async review(request: ReviewRequest): Promise<ReviewOutcome> {
    try {
      return await this.connect().review(request);
    } catch (error) {
      return { ok: false, error: engineError('ENGINE_FAILED', `The engine could not read the rejected rows: ${(error as Error).message}.`) };
    }
  }

  /** A dirty sample export made in the engine worker; throws an Error with the engine's message. */
  sample(rows: number, seed: number, endDate: string): Promise<File> {
    return this.connect().sample(rows, seed, endDate);
  }

  /** Stops the engine worker (and every job in it). */
  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
  }
}
