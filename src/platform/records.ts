import type { Lookups } from '../core/lookups/lookups.ts';
import type { JobOptions } from '../core/options.ts';
import type { Table } from '../core/pipeline/tables.ts';
import type { EngineError, JobFiles, Progress } from '../engine/api.ts';

/**
 * A job's place in its life: `queued → running → completed | failed | cancelled`, and
 * `interrupted` for one that was running when its tab closed or crashed.
 */
export type JobStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled' | 'interrupted';

export const JOB_STATUSES: readonly JobStatus[] = ['queued', 'running', 'completed', 'failed', 'cancelled', 'interrupted'];

export interface JobEvent {
  /** Milliseconds since the epoch. */
  at: number;
  level: 'info' | 'warning' | 'error';
  text: string;
}

/** What a job was asked to do: enough to run it again on the same file. */
export interface JobSettings {
  options: Partial<JobOptions>;
  workers?: number;
  chunkSize?: number;
}

/** The picked file, as far as a browser tells it. */
export interface SourceFile {
  name: string;
  size: number;
  lastModified: number;
}

export interface JobSummary {
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  encoding: string;
  delimiter: string;
  workers: number;
  chunkSize: number;
  /** Bytes of the row files in the origin's private file system. */
  cleanedBytes: number;
  rejectedBytes: number;
}

export interface JobRecord {
  id: string;
  status: JobStatus;
  file: SourceFile;
  settings: JobSettings;
  lookupVersion: number;
  /** Milliseconds since the epoch. */
  createdAt: number;
  startedAt: number | null;
  endedAt: number | null;
  /** The last progress the job reported (saved about once a second). */
  progress: Progress | null;
  /** Seconds of the run itself, and rows read per second of it. */
  seconds: number | null;
  rowsPerSecond: number | null;
  /** The page's own JS heap at its highest during the run, where the browser tells it (Chromium). */
  peakHeapBytes: number | null;
  summary: JobSummary | null;
  /** Where its files are; set once they are complete. */
  files: JobFiles | null;
  error: EngineError | null;
  log: JobEvent[];
  /** The job this one runs again, if any. */
  rerunOf: string | null;
}

/** The small tables of SPEC section 3 of a completed job. */
export interface ResultRecord {
  jobId: string;
  tables: Table[];
}

export interface LookupVersion {
  /** 1, 2, 3…: every edit or import adds one. */
  version: number;
  createdAt: number;
  description: string;
  lookups: Lookups;
}

export interface SettingRecord {
  key: string;
  value: unknown;
}
