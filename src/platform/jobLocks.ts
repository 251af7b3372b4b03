import type { JobRecord } from './records.ts';

/** The Web Lock a tab holds for as long as it runs a job: its holder dies with the tab. */
export const jobLockName = (jobId: string): string => `sales-pipeline/job/${jobId}`;

/** Runs `work` holding the job's lock; the lock goes when the work ends or the tab does. */
export function withJobLock<T>(jobId: string, work: () => Promise<T>): Promise<T> {
  return navigator.locks.request(jobLockName(jobId), work);
}

/**
 * Runs `work` holding the job's lock if no tab holds it: no tab can then be running the job
 * until the work ends. Answers null, without running it, when the lock is taken.
 */
export function ifUnlocked<T>(jobId: string, work: () => Promise<T>): Promise<T | null> {
  return navigator.locks.request(jobLockName(jobId), { ifAvailable: true }, (lock) => (lock === null ? null : work()));
}

/** The names of the locks held or asked for in this origin, by any tab. */
export async function heldLockNames(): Promise<Set<string>> {
  const snapshot = await navigator.locks.query();
  return new Set([...(snapshot.held ?? []), ...(snapshot.pending ?? [])].map((lock) => lock.name ?? ''));
}

/**
 * The jobs that were queued or running in a tab that is gone: no tab holds their lock.
 * @example interruptedJobs([{ id: 'a', status: 'running' }], new Set()) // ['a']
 */
export function interruptedJobs(jobs: ReadonlyArray<Pick<JobRecord, 'id' | 'status'>>, held: ReadonlySet<string>): string[] {
  return jobs.filter((job) => (job.status === 'running' || job.status === 'queued') && !held.has(jobLockName(job.id))).map((job) => job.id);
}
