import type { JobRecord } from '../platform/records.ts';
import { formatCount, formatSeconds } from './format.ts';

/** @example successRate({ summary: { rowsRead: 4, rowsAccepted: 3 } }) // '75.0%' */
export function successRate(job: Pick<JobRecord, 'summary'>): string {
  const summary = job.summary;
  if (summary === null || summary.rowsRead === 0) return '–';
  return `${((100 * summary.rowsAccepted) / summary.rowsRead).toFixed(1)}%`;
}

/** Rows read: the final count, or the count so far. */
export function rowsOf(job: Pick<JobRecord, 'summary' | 'progress'>): string {
  const rows = job.summary?.rowsRead ?? job.progress?.rows;
  return rows === undefined ? '–' : formatCount(rows);
}

/** The run's seconds; for a job that did not complete, start to end, or to its last progress. */
export function durationOf(job: Pick<JobRecord, 'seconds' | 'startedAt' | 'endedAt' | 'progress'>): string {
  if (job.seconds !== null) return formatSeconds(job.seconds);
  if (job.startedAt !== null && job.endedAt !== null) return formatSeconds((job.endedAt - job.startedAt) / 1000);
  if (job.progress !== null) return formatSeconds(job.progress.seconds);
  return '–';
}

/** @example formatTime(0) // '1970-01-01 00:00:00' (in the local time zone) */
export function formatTime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}
