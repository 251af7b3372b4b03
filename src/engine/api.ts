import type { ContractColumn } from '../core/contract.ts';
import type { PipelineErrorCode } from '../core/errors.ts';
import type { Encoding, JobOptions } from '../core/options.ts';
import type { ClassifiedCorrection } from '../core/lookups/classifyCorrections.ts';
import type { SpellingGroup } from '../core/lookups/buildLookups.ts';
import type { LookupField, Lookups } from '../core/lookups/lookups.ts';
import type { UnknownValue } from '../core/lookups/unknownValues.ts';
import type { JobResult, Progress } from '../core/pipeline/runJob.ts';

export type { Progress };

/** What the page asks the engine to do: one file, and how to read and clean it. */
export interface JobRequest {
  file: Blob;
  /** Merged over the defaults (`withDefaults`). */
  options?: Partial<JobOptions>;
  /** Lookups as their JSON (SPEC section 4); checked by the engine. The defaults when absent. */
  lookups?: unknown;
  /** Chunk workers; `navigator.hardwareConcurrency` when absent. */
  workers?: number;
  /** Bytes per chunk; 4 MiB when absent. */
  chunkSize?: number;
}

/** Where a finished job's files are, relative to the origin's private file system root. */
export interface JobFiles {
  folder: string;
  cleanedRows: string;
  rejectedRows: string;
  /** One CSV file per small table, `<table>.csv`. */
  tables: string[];
}

export interface EngineResult extends JobResult {
  jobId: string;
  files: JobFiles;
  /** Bytes of the row files as written. */
  cleanedBytes: number;
  rejectedBytes: number;
  workers: number;
  chunkSize: number;
}

/** Failures of the engine itself, beside the core's own codes. */
export type EngineErrorCode =
  | PipelineErrorCode
  /** A chunk worker threw outside a chunk, failed to load or died (out of memory, say). */
  | 'WORKER_FAILED'
  /** The engine worker itself failed: seen by the page only. */
  | 'ENGINE_FAILED'
  /** The picked file could not be read (moved, changed or deleted since it was picked). */
  | 'READ_FAILED'
  /** The origin's private file system refused a write for want of space (QuotaExceededError). */
  | 'STORAGE_FULL'
  /** The origin's private file system failed otherwise. */
  | 'STORAGE_FAILED'
  | 'INTERNAL';

/**
 * An error as plain data: Comlink (structured clone) keeps an Error's message but drops its
 * own fields, so errors cross worker boundaries in this form.
 */
export interface EngineError {
  code: EngineErrorCode;
  /** What was wrong, for people. */
  message: string;
  /** What to do about it; empty when the message says it already. */
  hint: string;
  where: { byteOffset?: number; row?: number };
}

/** A job's end: its result, or why it has none. Errors are values here, never thrown across. */
export type JobOutcome = { ok: true; result: EngineResult } | { ok: false; error: EngineError };

/** The start of a file as the engine reads it, to check it and map its columns before a job. */
export interface FilePreview {
  encoding: Encoding;
  delimiter: string;
  header: string[];
  /** The first records, as read. */
  rows: string[][];
  /** The header each contract column is read from, by its name or by the options' map. */
  found: Partial<Record<ContractColumn, string>>;
  /** Columns the options fill with a constant. */
  constants: Partial<Record<ContractColumn, string>>;
  /** Required columns that nothing fills yet. */
  missing: ContractColumn[];
  /** Headers that common synonyms suggest for columns not found by name. */
  suggested: Partial<Record<ContractColumn, string>>;
  /** What the job's log would say of the header (duplicate columns, say). */
  notes: string[];
}

export type PreviewOutcome = { ok: true; preview: FilePreview } | { ok: false; error: EngineError };

/** A page of a row file to read: `from` is a byte offset a previous page gave (0: the first row). */
export interface RowPageRequest {
  /** The file's path from the root of the origin's private file system (`JobFiles`). */
  path: string;
  from: number;
  rows: number;
  /** Only rejected rows of this reason. */
  reason?: string;
}

export interface RowPage {
  columns: string[];
  rows: string[][];
  /** Where this page starts, and where the next one does (null at the end of the file). */
  from: number;
  next: number | null;
  /** Bytes of the file, to tell how far a page is into it. */
  size: number;
}

export type RowPageOutcome = { ok: true; page: RowPage } | { ok: false; error: EngineError };

/** What a job's review needs from its files and tables (LookupReview). */
export interface ReviewRequest {
  /** Its rejected rows file in OPFS (`JobFiles`); null when it has none. */
  rejectedRows: string | null;
  options: Partial<JobOptions>;
  /** The job's own lookups, and its corrections table's rows. */
  lookups: Lookups;
  corrections: string[][];
}

export interface JobReview {
  unknowns: UnknownValue[];
  corrections: ClassifiedCorrection[];
}

/** Spellings of a file's categories, regions and products, grouped as proposed lookups (SPEC section 4). */
export interface SpellingScan {
  groups: Record<LookupField, SpellingGroup[]>;
  /** Rows read: the sample asked for, or the whole file when it is shorter. */
  rows: number;
}

export type SpellingScanOutcome = { ok: true; scan: SpellingScan } | { ok: false; error: EngineError };

export type ReviewOutcome = { ok: true; review: JobReview } | { ok: false; error: EngineError };

/** The engine worker's API, as exposed through Comlink. */
/** One file of a zip of a job's tables: which table, in which format, and its name in the zip. */
export interface ExportEntry {
  table: string;
  format: 'csv' | 'parquet';
  name: string;
}

/** How far an export has come: bytes of its step done, of the step's total. */
export interface ExportProgress {
  step: string;
  done: number;
  total: number;
}

/** Where the export was written in the origin's private file system. */
export type ExportOutcome = { ok: true; path: string } | { ok: false; error: EngineError };

export interface EngineApi {
  /**
   * Runs a job to its end. `jobId` names its folder (`jobs/<jobId>/`); `onProgress` (a
   * `Comlink.proxy`) is called about every 250 ms. A failed or cancelled job leaves no files.
   */
  run(jobId: string, request: JobRequest, onProgress?: (progress: Progress) => void | Promise<void>): Promise<JobOutcome>;
  /** Stops a running job; its `run` then answers with the code CANCELLED. Unknown ids are ignored. */
  cancel(jobId: string): void;
  /**
   * Starts `workers` chunk workers (default: one per core) for a job that is likely to come, as
   * a file was picked, and warms them on generated rows, so that the job's first chunks run on
   * compiled code. A job that starts meanwhile stops it after the chunks in hand. Never fails.
   */
  warmUp(workers?: number): Promise<void>;
  /** Reads the start of a file (encoding, delimiter, header, first rows, column mapping); reads no further. */
  preview(file: Blob, options?: Partial<JobOptions>): Promise<PreviewOutcome>;
  /** A page of a job's row file, read from OPFS without loading the rest. */
  readRows(request: RowPageRequest): Promise<RowPageOutcome>;
  /** Counts the spellings in the first `sampleRows` rows of a file (0: all of it) and groups them for review. */
  scanSpellings(file: Blob, options: Partial<JobOptions>, sampleRows: number): Promise<SpellingScanOutcome>;
  /** How a job's corrections were made (map, key(), fuzzy), and the raw categories and regions it rejected as unknown with their row counts (read from its rejected rows). */
  review(request: ReviewRequest): Promise<ReviewOutcome>;
  /** A dirty sample export of `rows` rows (SPEC section 5), sales up to `endDate`, made here in the worker. */
  sample(rows: number, seed: number, endDate: string): Promise<File>;
  /** A table of a job as Parquet beside its CSV in the job's folder; `cancel(exportId)` stops it. */
  exportParquet(exportId: string, folder: string, table: string, onProgress?: (progress: ExportProgress) => void): Promise<ExportOutcome>;
  /** A zip of a job's tables in the job's folder (`all.zip`), Parquet made where missing. */
  exportZip(exportId: string, folder: string, entries: ExportEntry[], onProgress?: (progress: ExportProgress) => void): Promise<ExportOutcome>;
}

/** The most rows the sample data may have: about 1 GB of CSV. */
export const MAX_SAMPLE_ROWS = 10_000_000;

/** The folder of all jobs in the origin's private file system. */
export const JOBS_FOLDER = 'jobs';
/** Where the sample data is written (one file, replaced by the next sample). */
export const SAMPLES_FOLDER = 'samples';
export const CLEANED_ROWS_FILE = 'cleaned_rows.csv';
export const REJECTED_ROWS_FILE = 'rejected_rows.csv';
export const DEFAULT_CHUNK_SIZE = 4 << 20;
