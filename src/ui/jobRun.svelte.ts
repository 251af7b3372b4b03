import { isPipelineError } from '../core/errors.ts';
import type { Lookups } from '../core/lookups/lookups.ts';
import { parseLookups } from '../core/lookups/validateLookups.ts';
import { today, type JobOptions } from '../core/options.ts';
import { SAMPLES_FOLDER, type EngineError, type ExportEntry, type ExportProgress, type EngineResult, type JobRequest, type Progress, type RowPageOutcome, type RowPageRequest, type ReviewOutcome, type SpellingScanOutcome } from '../engine/api.ts';
import { engineError } from '../engine/engineError.ts';
import { newJobId, type EngineClient, type RunningExport, type RunningJob } from '../engine/client.ts';
import type { AppStorage } from '../platform/appStorage.ts';
import { withJobLock } from '../platform/jobLocks.ts';
import { event } from '../platform/jobStore.ts';
import { askPersistenceOnce } from '../platform/persistence.ts';
import { estimateStorage, isQuotaError } from '../platform/quota.ts';
import { opfsFile, removeJobFolder } from '../platform/opfsJobs.ts';
import type { JobRecord, JobStatus, LookupVersion } from '../platform/records.ts';
import { formatBytes, formatCount } from './format.ts';
import { ColumnMapping, mappingKey, type SavedMapping } from './columnMapping.svelte.ts';
import type { RunSettings } from './runSettings.svelte.ts';
import { storageFullMessage } from './storageFullMessage.ts';

export type RunStatus = 'idle' | JobStatus | 'cancelling';

const SAMPLE_SEED = 1;

/** How often a running job's progress is saved: often enough to show, rarely enough to cost nothing. */
const SAVE_PROGRESS_MS = 1000;


/** The page's own JS heap, where the browser tells it (Chromium's non-standard `performance.memory`). */
const heapBytes = (): number | null => (performance as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null;

/**
 * The job this tab runs: started from the settings (or again from an earlier job), recorded in
 * the database from start to end, watched while it runs. The tab holds the job's Web Lock for the
 * whole run, so another tab can tell it apart from a job whose tab is gone.
 */
export class JobRun {
  status = $state<RunStatus>('idle');
  jobId = $state<string | null>(null);
  fileName = $state('');
  progress = $state.raw<Progress | null>(null);
  result = $state.raw<EngineResult | null>(null);
  error = $state.raw<EngineError | null>(null);
  /** True while sample data is being made, before its job starts. */
  generating = $state(false);
  private job: RunningJob | null = null;

  constructor(
    private readonly engine: EngineClient,
    private readonly storage: AppStorage,
  ) {}

  get busy(): boolean {
    return this.status === 'queued' || this.status === 'running' || this.status === 'cancelling';
  }

  /** Runs the picked file with the form's settings and the latest lookups (or the imported ones). */
  async start(settings: RunSettings): Promise<void> {
    if (!this.begin(settings.file?.name ?? '')) return;
    await this.runFile(settings.file, settings);
  }

  /**
   * Makes a dirty sample export of `rows` rows in the engine worker (sales up to today, seed 1:
   * the same rows for the same count) and runs it with the form's settings.
   */
  async sample(rows: number, settings: RunSettings): Promise<void> {
    if (!this.begin(`sample data (${formatCount(rows)} rows)`)) return;
    this.generating = true;
    let file: File;
    try {
      file = await this.engine.sample(rows, SAMPLE_SEED, today());
    } catch (error) {
      return this.refuse(engineError('INVALID_OPTIONS', `The sample data could not be made: ${(error as Error).message}`));
    } finally {
      this.generating = false;
    }
    this.fileName = file.name;
    await this.runFile(file, settings);
  }

  private async runFile(file: File | null, settings: RunSettings): Promise<void> {
    const checked = await settings.request(file);
    if (!checked.ok) return this.refuse(checked.error);
    const mapping = settings.mapping;
    if (file === settings.file && mapping !== null) {
      const key = mappingKey(mapping.preview.header);
      // Remembering is a convenience: a failure to save it does not stop the job.
      const settingsTable = this.storage.db.settings;
      await Promise.resolve(mapping.remember ? settingsTable.put({ key, value: mapping.saved() }) : settingsTable.delete(key)).catch(() => {});
    }
    const { lookups: imported, ...request } = checked.value;
    let version: LookupVersion;
    try {
      version = imported === undefined ? await this.storage.lookups.latest() : await this.importLookups(imported, settings.lookupsFile?.name ?? 'a file');
    } catch (error) {
      return this.refuse(isPipelineError(error) ? engineError(error.code, error.message) : this.storageError(error));
    }
    await this.run(request, version, null);
  }

  /** Runs an earlier job again on its file, picked again: same settings, its lookups or the latest. */
  async rerun(earlier: JobRecord, file: File, latestLookups: boolean): Promise<void> {
    if (!this.begin(file.name)) return;
    try {
      const version = latestLookups ? await this.storage.lookups.latest() : await this.storage.lookups.get(earlier.lookupVersion);
      if (version === undefined) return this.refuse(engineError('INVALID_LOOKUPS', `Lookups version ${earlier.lookupVersion} is no longer stored.`));
      await this.run({ ...earlier.settings, file }, version, earlier.id);
    } catch (error) {
      this.refuse(this.storageError(error));
    }
  }

  /** Reads the picked file's start in the engine worker, for its preview and column mapping. */
  async inspect(settings: RunSettings): Promise<void> {
    const file = settings.file;
    const options = settings.previewOptions();
    const key = JSON.stringify(options);
    // A settings change that does not change how the file is read keeps the preview (and the user's mapping).
    if (file !== null && file === settings.previewed?.file && key === settings.previewed.key) return;
    settings.previewed = file === null ? null : { file, key };
    settings.mapping = settings.previewError = null;
    settings.warm = false;
    if (file === null) return;
    settings.inspecting = true;
    const outcome = await this.engine.preview(file, options);
    // Another file or other settings were picked meanwhile: their own preview is on its way.
    if (settings.previewed?.file !== file || settings.previewed.key !== key) return;
    let saved: SavedMapping | null = null;
    if (outcome.ok) saved = ((await this.storage.db.settings.get(mappingKey(outcome.preview.header)).catch(() => undefined))?.value as SavedMapping | undefined) ?? null;
    settings.inspecting = false;
    if (outcome.ok) settings.mapping = new ColumnMapping(outcome.preview, saved);
    else settings.previewError = outcome.error;
    // A job is likely to follow: its workers get ready while the user looks at the preview.
    if (outcome.ok) {
      void this.engine.warmUp(settings.workers).then(() => {
        if (settings.previewed?.file === file) settings.warm = true;
      });
    }
  }

  /**
   * Runs a sample-data job again on its sample, still in this browser's private files (a newer
   * sample replaces it): no file to pick. False when it is gone.
   */
  async rerunSample(earlier: JobRecord, latestLookups: boolean): Promise<boolean> {
    const file = await opfsFile(`${SAMPLES_FOLDER}/${earlier.file.name}`).catch(() => null);
    if (file === null || file.size !== earlier.file.size) return false;
    await this.rerun(earlier, file, latestLookups);
    return true;
  }

  /** The spellings of a file's categories, regions and products, grouped in the engine worker. */
  scanSpellings(file: File, options: Partial<JobOptions>, sampleRows: number): Promise<SpellingScanOutcome> {
    return this.engine.scanSpellings(file, options, sampleRows);
  }

  /** How a job's corrections were made and the values it rejected as unknown, worked out in the engine worker. */
  review(job: JobRecord, lookups: Lookups, corrections: string[][]): Promise<ReviewOutcome> {
    return this.engine.review({ rejectedRows: job.files?.rejectedRows ?? null, options: job.settings.options, lookups, corrections });
  }

  /** A page of a job's row file, read in the engine worker. */
  readRows(request: RowPageRequest): Promise<RowPageOutcome> {
    return this.engine.readRows(request);
  }

  /** A job's table as Parquet, or all its tables as a zip, made in the engine worker beside its CSV. */
  exportParquet(folder: string, table: string, onProgress: (progress: ExportProgress) => void): RunningExport {
    return this.engine.exportParquet(folder, table, onProgress);
  }

  exportZip(folder: string, entries: ExportEntry[], onProgress: (progress: ExportProgress) => void): RunningExport {
    return this.engine.exportZip(folder, entries, onProgress);
  }

  cancel(): void {
    if (this.job === null || this.status !== 'running') return;
    this.status = 'cancelling';
    this.job.cancel();
  }

  /** Resets for a new job; false when one is running. Busy from here: a second click starts nothing. */
  private begin(fileName: string): boolean {
    if (this.busy) return false;
    this.result = this.error = this.progress = null;
    this.jobId = null;
    this.fileName = fileName;
    this.status = 'queued';
    return true;
  }

  private refuse(error: EngineError): void {
    this.error = error;
    this.status = 'failed';
  }

  /** An imported lookups file becomes a new version, unless it equals the latest. */
  private async importLookups(json: unknown, fileName: string): Promise<LookupVersion> {
    const lookups = parseLookups(json);
    const latest = await this.storage.lookups.latest();
    if (JSON.stringify(latest.lookups) === JSON.stringify(lookups)) return latest;
    const version = await this.storage.lookups.add(lookups, `Imported from ${fileName}`);
    return (await this.storage.lookups.get(version))!;
  }

  private async run(request: Omit<JobRequest, 'lookups'>, version: LookupVersion, rerunOf: string | null): Promise<void> {
    const jobId = newJobId();
    const file = request.file as File;
    this.jobId = jobId;
    try {
      // The lock is taken before the record exists: no tab can see the job running without it.
      await withJobLock(jobId, async () => {
        await this.storage.jobs.add(this.newRecord(jobId, request, file, version, rerunOf));
        await this.execute(jobId, { ...request, lookups: version.lookups }, file, version.version);
      });
    } catch (error) {
      // The record could not be written: the job never ran, or its end could not be saved.
      await removeJobFolder(jobId).catch(() => {});
      this.job = null;
      this.refuse(this.storageError(error));
    }
  }

  private newRecord(id: string, request: Omit<JobRequest, 'lookups'>, file: File, version: LookupVersion, rerunOf: string | null): JobRecord {
    return {
      id,
      status: 'queued',
      file: { name: file.name, size: file.size, lastModified: file.lastModified },
      settings: { options: request.options ?? {}, workers: request.workers, chunkSize: request.chunkSize },
      lookupVersion: version.version,
      createdAt: Date.now(),
      startedAt: null,
      endedAt: null,
      progress: null,
      seconds: null,
      rowsPerSecond: null,
      peakHeapBytes: heapBytes(),
      summary: null,
      files: null,
      error: null,
      log: [],
      rerunOf,
    };
  }

  private async execute(jobId: string, request: JobRequest, file: File, lookupVersion: number): Promise<void> {
    const store = this.storage.jobs;
    const workers = request.workers ?? (navigator.hardwareConcurrency || 1);
    await store.update(
      jobId,
      { status: 'running', startedAt: Date.now() },
      event('info', `Started: ${file.name} (${formatBytes(file.size)}), ${workers} ${workers === 1 ? 'worker' : 'workers'}, lookups version ${lookupVersion}.`),
    );
    this.status = 'running';
    this.progress = { bytesRead: 0, totalBytes: file.size, rows: 0, seconds: 0, rowsPerSecond: 0, secondsLeft: null };
    let peakHeap = heapBytes();
    let savedAt = Date.now();
    const job = this.engine.start(jobId, request, (progress) => {
      if (this.job !== job) return;
      this.progress = progress;
      peakHeap = Math.max(peakHeap ?? 0, heapBytes() ?? 0) || null;
      if (Date.now() - savedAt < SAVE_PROGRESS_MS) return;
      savedAt = Date.now();
      // A progress save that fails costs nothing but the figure: the job's end is saved apart.
      store.update(jobId, { progress, peakHeapBytes: peakHeap }).catch(() => {});
    });
    this.job = job;
    const outcome = await job.outcome;
    this.job = null;
    const ended = { endedAt: Date.now(), peakHeapBytes: peakHeap };
    if (outcome.ok) {
      await this.saveResult(jobId, outcome.result, ended);
    } else if (outcome.error.code === 'CANCELLED') {
      await store.update(jobId, { ...ended, status: 'cancelled' }, event('warning', 'Cancelled: the job was stopped and its files removed.'));
      this.status = 'cancelled';
    } else {
      const error = outcome.error.code === 'STORAGE_FULL' ? { ...outcome.error, message: storageFullMessage(file.size, await estimateStorage()) } : outcome.error;
      await store.update(jobId, { ...ended, status: 'failed', error }, event('error', `Failed [${error.code}]: ${error.message}`));
      this.refuse(error);
    }
  }

  private async saveResult(jobId: string, result: EngineResult, ended: Partial<JobRecord>): Promise<void> {
    const progress = this.progress;
    const changes: Partial<JobRecord> = {
      ...ended,
      seconds: result.seconds,
      rowsPerSecond: result.rowsRead / Math.max(result.seconds, 1e-3),
      progress: progress && { ...progress, bytesRead: progress.totalBytes, rows: result.rowsRead, secondsLeft: 0 },
      summary: {
        rowsRead: result.rowsRead,
        rowsAccepted: result.rowsAccepted,
        rowsRejected: result.rowsRejected,
        encoding: result.encoding,
        delimiter: result.delimiter,
        workers: result.workers,
        chunkSize: result.chunkSize,
        cleanedBytes: result.cleanedBytes,
        rejectedBytes: result.rejectedBytes,
      },
      files: result.files,
    };
    const finished = event('info', `Finished: ${formatCount(result.rowsRead)} rows read, ${formatCount(result.rowsAccepted)} accepted, ${formatCount(result.rowsRejected)} rejected.`);
    try {
      await this.storage.jobs.complete(jobId, changes, result.tables, ...result.log.map((line) => event('info', line)), finished);
    } catch (error) {
      // Not completed unless every result is written: the files go, and the job says why.
      await removeJobFolder(jobId).catch(() => {});
      const reason = isQuotaError(error) ? engineError('STORAGE_FULL', storageFullMessage(JSON.stringify(result.tables).length, await estimateStorage())) : this.storageError(error);
      await this.storage.jobs.update(jobId, { status: 'failed', error: reason }, event('error', `Failed [${reason.code}]: ${reason.message}`)).catch(() => {});
      return this.refuse(reason);
    }
    this.result = result;
    this.status = 'completed';
    await askPersistenceOnce(this.storage.db).catch(() => {});
  }

  private storageError(error: unknown): EngineError {
    const message = error instanceof Error ? error.message : String(error);
    if (isQuotaError(error)) return engineError('STORAGE_FULL', 'There is not enough storage to record the job. Earlier jobs and their results are intact.');
    return engineError('STORAGE_FAILED', `The job could not be recorded in this browser’s storage: ${message}.`);
  }
}
