import { PipelineError } from '../core/errors.ts';
import { generateCsv } from '../core/generate/generate.ts';
import { resolveColumns } from '../core/input/header.ts';
import { cancelled, chunkText, openInput } from '../core/input/openInput.ts';
import { forEachRecord, isBlankRecord } from '../core/input/records.ts';
import { suggestMapping } from '../core/input/suggestMapping.ts';
import { proposeGroups } from '../core/lookups/buildLookups.ts';
import { classifyCorrections } from '../core/lookups/classifyCorrections.ts';
import { scanSpellings } from '../core/lookups/scanSpellings.ts';
import { withDefaults, type JobOptions } from '../core/options.ts';
import type { ChunkSetup } from '../core/pipeline/ChunkProcessor.ts';
import { runJob, type Progress } from '../core/pipeline/runJob.ts';
import { tableFiles } from '../core/pipeline/tables.ts';
import { MAX_SAMPLE_ROWS, type EngineApi, type ExportEntry, type ExportOutcome, type ExportProgress, type JobOutcome, type JobRequest, type PreviewOutcome, type RowPageOutcome, type RowPageRequest, type ReviewOutcome, type ReviewRequest, type SpellingScanOutcome } from './api.ts';
import { READ_BYTES, blobBytes } from './blobSource.ts';
import { ChunkPool, type SpawnChunkWorker } from './ChunkPool.ts';
import { checkJobId, checkRequest, workerCount } from './checkRequest.ts';
import { encodeError } from './engineError.ts';
import { Exports } from './exports.ts';
import { gunzipStream } from './gunzipStream.ts';
import { KeptWorkers } from './KeptWorkers.ts';
import { JobFolder, writeSample } from './opfs.ts';
import { readRowPage } from './rowPages.ts';
import { scanUnknownValues } from './unknownScan.ts';
import { warmUp, type WarmUp } from './warmUp.ts';

/** A preview reads this much of the file, at most (more when its first record is longer). */
const PREVIEW_BYTES = 64 << 10;
const PREVIEW_ROWS = 10;
const PROGRESS_MS = 250;

/**
 * The coordinator, in the engine worker: reads the File, runs the core's pipeline over chunk
 * workers, and writes the row files into the origin's private file system as it goes.
 */
export class Engine implements EngineApi {
  private readonly running = new Map<string, AbortController>();
  private readonly exports = new Exports();
  private readonly workers: KeptWorkers;
  private warming: WarmUp | null = null;

  constructor(
    spawn: SpawnChunkWorker,
    private readonly defaultWorkers: number,
  ) {
    this.workers = new KeptWorkers(spawn);
  }

  async run(jobId: string, request: JobRequest, onProgress?: (progress: Progress) => void | Promise<void>): Promise<JobOutcome> {
    const abort = new AbortController();
    this.running.set(jobId, abort);
    let folder: JobFolder | null = null;
    try {
      checkJobId(jobId);
      const { options, lookups, workers, chunkSize } = checkRequest(request, this.defaultWorkers);
      folder = await JobFolder.create(jobId);
      const rows = folder;
      const result = await runJob(
        {
          // Reads no bigger than a chunk, so that small chunks also cut through reads.
          source: blobBytes(request.file, Math.min(chunkSize, READ_BYTES), abort.signal),
          handsOver: true,
          size: request.file.size,
          gunzip: gunzipStream,
          signal: abort.signal,
          executor: async (setup) => {
            await this.stopWarmUp();
            return this.pool(workers, setup, abort.signal);
          },
          cleanedRows: rows.cleanedRows,
          rejectedRows: rows.rejectedRows,
          // A progress report the page cannot take (it went away) must not stop the job.
          onProgress: onProgress && ((progress) => void Promise.resolve(onProgress(progress)).catch(() => {})),
        },
        options,
        lookups,
        { chunkSize, inFlight: workers * 2 + 1, progressEveryMs: 250 },
      );
      await rows.writeTables(tableFiles(result.tables));
      rows.close();
      return {
        ok: true,
        result: { ...result, jobId, files: rows.paths(), workers, chunkSize, cleanedBytes: rows.cleanedRows.size, rejectedBytes: rows.rejectedRows.size },
      };
    } catch (error) {
      // A job that does not finish leaves nothing behind; a cancelled one says so, whatever broke last.
      await folder?.discard().catch(() => {});
      return { ok: false, error: encodeError(abort.signal.aborted ? cancelled() : error) };
    } finally {
      this.running.delete(jobId);
    }
  }

  async warmUp(workers?: number): Promise<void> {
    let count: number;
    try {
      count = workerCount(workers, this.defaultWorkers);
    } catch {
      return; // The job reports a wrong worker count; there is nothing to warm up for.
    }
    // Not while a job or export runs (it has the cores), nor when enough workers wait already.
    if (this.warming !== null) return this.warming.done;
    if (this.running.size > 0 || this.workers.waiting >= count) return;
    const warming = warmUp(count, this.workers.spawn);
    this.warming = warming;
    await warming.done;
    if (this.warming === warming) this.warming = null;
  }

  /** A job takes the cores: a warm-up ends after the chunks in hand, and its workers wait for the job. */
  private async stopWarmUp(): Promise<void> {
    const warming = this.warming;
    if (warming === null) return;
    warming.stop();
    await warming.done;
  }

  cancel(jobId: string): void {
    this.running.get(jobId)?.abort();
  }

  async preview(file: Blob, options: Partial<JobOptions> = {}): Promise<PreviewOutcome> {
    const abort = new AbortController();
    try {
      const checked = checkRequest({ file, options }, 1).options;
      const input = await openInput({ source: blobBytes(file, PREVIEW_BYTES, abort.signal), gunzip: gunzipStream, signal: abort.signal }, checked, PREVIEW_BYTES);
      const rows: string[][] = [];
      const first = await input.chunks.next();
      await input.chunks.return(undefined);
      if (!first.done) {
        forEachRecord(chunkText(first.value), input.delimiter, (fields, quoteError) => {
          if (rows.length < PREVIEW_ROWS && !isBlankRecord(fields, quoteError)) rows.push([...fields]);
        });
      }
      const { plan, missing } = resolveColumns(input.header, checked);
      const found = Object.fromEntries(Object.entries(plan.index).map(([column, at]) => [column, input.header[at]!]));
      return {
        ok: true,
        preview: { encoding: input.encoding, delimiter: input.delimiter, header: input.header, rows, found, constants: plan.constant, missing, suggested: suggestMapping(input.header), notes: plan.notes },
      };
    } catch (error) {
      return { ok: false, error: encodeError(error) };
    } finally {
      // Reading stops here: the rest of the file is never read.
      abort.abort();
    }
  }

  async readRows(request: RowPageRequest): Promise<RowPageOutcome> {
    try {
      return { ok: true, page: await readRowPage(request) };
    } catch (error) {
      return { ok: false, error: encodeError(error) };
    }
  }

  async scanSpellings(file: Blob, options: Partial<JobOptions>, sampleRows: number): Promise<SpellingScanOutcome> {
    const abort = new AbortController();
    try {
      const checked = checkRequest({ file, options }, 1).options;
      const io = { source: blobBytes(file, READ_BYTES, abort.signal), gunzip: gunzipStream, signal: abort.signal };
      const { counts, rows } = await scanSpellings(io, checked, sampleRows);
      const groups = { category: proposeGroups(counts.category), region: proposeGroups(counts.region), product_name: proposeGroups(counts.product_name) };
      return { ok: true, scan: { groups, rows } };
    } catch (error) {
      return { ok: false, error: encodeError(error) };
    } finally {
      // A sample stops reading where it ends.
      abort.abort();
    }
  }

  async review({ rejectedRows, options, lookups, corrections }: ReviewRequest): Promise<ReviewOutcome> {
    try {
      const unknowns = rejectedRows === null ? [] : await scanUnknownValues(rejectedRows, options);
      return { ok: true, review: { unknowns, corrections: classifyCorrections(corrections, lookups, withDefaults(options).fuzzy_max_distance) } };
    } catch (error) {
      return { ok: false, error: encodeError(error) };
    }
  }

  async sample(rows: number, seed: number, endDate: string): Promise<File> {
    if (!Number.isSafeInteger(rows) || rows < 1 || rows > MAX_SAMPLE_ROWS) {
      throw new PipelineError('INVALID_OPTIONS', `The sample must have 1 to ${MAX_SAMPLE_ROWS.toLocaleString('en-US')} rows, not ${rows}.`);
    }
    // Written to a file as it is made, so that 10 million rows never sit in memory.
    return writeSample(`sample-${rows}-rows.csv`, generateCsv({ rows, seed, clean: false, endDate }, 4 << 20));
  }

  exportParquet(exportId: string, folder: string, table: string, onProgress?: (progress: ExportProgress) => void): Promise<ExportOutcome> {
    return this.exporting(exportId, (signal, report) => this.exports.parquet(folder, table, signal, report), onProgress);
  }

  exportZip(exportId: string, folder: string, entries: ExportEntry[], onProgress?: (progress: ExportProgress) => void): Promise<ExportOutcome> {
    return this.exporting(exportId, (signal, report) => this.exports.zip(folder, entries, signal, report), onProgress);
  }

  /** An export under its own id, cancelled like a job; progress at most every 250 ms. */
  private async exporting(
    exportId: string,
    work: (signal: AbortSignal, report: (progress: ExportProgress) => void) => Promise<string>,
    onProgress?: (progress: ExportProgress) => void,
  ): Promise<ExportOutcome> {
    const abort = new AbortController();
    this.running.set(exportId, abort);
    let last = 0;
    const report = (progress: ExportProgress) => {
      const now = performance.now();
      if (now - last < PROGRESS_MS && progress.done < progress.total) return;
      last = now;
      Promise.resolve(onProgress?.(progress)).catch(() => {});
    };
    try {
      return { ok: true, path: await work(abort.signal, report) };
    } catch (error) {
      return { ok: false, error: encodeError(error) };
    } finally {
      this.running.delete(exportId);
    }
  }

  /** Chunk workers for one job; cancelling stops them at once, failing what they were doing. */
  private pool(workers: number, setup: ChunkSetup, signal: AbortSignal): ChunkPool {
    if (signal.aborted) throw cancelled();
    const pool = new ChunkPool(workers, setup, this.workers.spawn);
    signal.addEventListener('abort', () => pool.abort(cancelled()), { once: true });
    return pool;
  }
}
