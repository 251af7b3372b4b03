import type { AppDb } from './db.ts';
import { jobFolderBytes } from './opfsJobs.ts';
import { estimateStorage, type StorageEstimateBytes } from './quota.ts';
import type { JobStatus } from './records.ts';

export interface JobUsage {
  id: string;
  fileName: string;
  status: JobStatus;
  /** Bytes of its folder in the origin's private file system (row files and table files). */
  fileBytes: number;
  /** Bytes of its results as stored in IndexedDB (their JSON, near enough). */
  resultBytes: number;
}

export interface StorageReport {
  jobs: JobUsage[];
  estimate: StorageEstimateBytes | null;
  /** Whether the browser keeps this site's storage under pressure (`navigator.storage.persisted()`). */
  persisted: boolean | null;
}

/**
 * Storage used per job, and what the browser says of the whole site. Every database read comes
 * before the first file-system call: a live query tracks only the reads made before it awaits
 * anything but Dexie.
 */
export async function storageReport(db: AppDb): Promise<StorageReport> {
  const records = await db.jobs.orderBy('createdAt').reverse().toArray();
  const results = await db.results.bulkGet(records.map((job) => job.id));
  const jobs: JobUsage[] = [];
  for (const [i, job] of records.entries()) {
    const tables = results[i]?.tables;
    jobs.push({
      id: job.id,
      fileName: job.file.name,
      status: job.status,
      fileBytes: await Promise.resolve(jobFolderBytes(job.id)),
      resultBytes: tables === undefined ? 0 : JSON.stringify(tables).length,
    });
  }
  let persisted: boolean | null = null;
  try {
    persisted = await Promise.resolve(navigator.storage.persisted());
  } catch {
    // Not told: shown as unknown.
  }
  return { jobs, estimate: await Promise.resolve(estimateStorage()), persisted };
}
