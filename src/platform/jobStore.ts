import type { Table } from '../core/pipeline/tables.ts';
import type { AppDb } from './db.ts';
import { heldLockNames, ifUnlocked, interruptedJobs } from './jobLocks.ts';
import { jobFolderNames, removeAllJobFolders, removeJobFolder } from './opfsJobs.ts';
import type { JobEvent, JobRecord } from './records.ts';

export const event = (level: JobEvent['level'], text: string, at = Date.now()): JobEvent => ({ at, level, text });

/** Jobs and their results in IndexedDB; their row files are in OPFS (`opfsJobs.ts`). */
export class JobStore {
  constructor(private readonly db: AppDb) {}

  add(job: JobRecord): Promise<string> {
    return this.db.jobs.add(job);
  }

  get(jobId: string): Promise<JobRecord | undefined> {
    return this.db.jobs.get(jobId);
  }

  /** Every job, the newest first. */
  newestFirst(): Promise<JobRecord[]> {
    return this.db.jobs.orderBy('createdAt').reverse().toArray();
  }

  results(jobId: string): Promise<Table[] | undefined> {
    return this.db.results.get(jobId).then((r) => r?.tables);
  }

  /** Changes a job and adds events to its log, in one write. */
  async update(jobId: string, changes: Partial<JobRecord>, ...events: JobEvent[]): Promise<void> {
    await this.db.jobs
      .where('id')
      .equals(jobId)
      .modify((job) => {
        Object.assign(job, changes);
        job.log.push(...events);
      });
  }

  /**
   * Marks a job completed and stores its tables, in one transaction: a job is shown completed
   * only once every result is written, and a failed write (a full disk) changes nothing.
   */
  async complete(jobId: string, changes: Partial<JobRecord>, tables: Table[], ...events: JobEvent[]): Promise<void> {
    await this.db.transaction('rw', this.db.jobs, this.db.results, async () => {
      await this.db.results.put({ jobId, tables });
      await this.update(jobId, { ...changes, status: 'completed' }, ...events);
    });
  }

  /** Removes a job, its results and its files. */
  async delete(jobId: string): Promise<void> {
    await this.db.transaction('rw', this.db.jobs, this.db.results, async () => {
      await this.db.results.delete(jobId);
      await this.db.jobs.delete(jobId);
    });
    await removeJobFolder(jobId);
  }

  /** Removes every job, result and file; lookups and settings stay. */
  async deleteAll(): Promise<void> {
    await this.db.transaction('rw', this.db.jobs, this.db.results, async () => {
      await this.db.results.clear();
      await this.db.jobs.clear();
    });
    await removeAllJobFolders();
  }

  /**
   * On start: jobs that were running in a tab that closed or crashed become `interrupted`, and
   * folders of jobs that did not complete are removed. Each is checked holding the job's lock,
   * so a job another tab is running (or has just finished) is left alone.
   */
  async recover(): Promise<{ interrupted: string[]; removedFolders: string[] }> {
    const held = await heldLockNames();
    const candidates = interruptedJobs(await this.db.jobs.where('status').anyOf('running', 'queued').toArray(), held);
    const interrupted: string[] = [];
    for (const id of candidates) {
      const marked = await ifUnlocked(id, async () => {
        const job = await this.db.jobs.get(id);
        if (job?.status !== 'running' && job?.status !== 'queued') return false;
        await this.update(id, { status: 'interrupted' }, event('error', 'Interrupted: the tab was closed or crashed while the job ran. Pick the file again to run it again.'));
        return true;
      });
      if (marked === true) interrupted.push(id);
    }
    const removedFolders: string[] = [];
    for (const name of await jobFolderNames()) {
      const removed = await ifUnlocked(name, async () => {
        if ((await this.db.jobs.get(name))?.status === 'completed') return false;
        await removeJobFolder(name);
        return true;
      });
      if (removed === true) removedFolders.push(name);
    }
    return { interrupted, removedFolders };
  }
}
