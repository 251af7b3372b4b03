import type { ByteSink } from '../core/pipeline/runJob.ts';
import { held } from '../platform/held.ts';
import { fileIn } from '../platform/opfsJobs.ts';
import { CLEANED_ROWS_FILE, JOBS_FOLDER, REJECTED_ROWS_FILE, SAMPLES_FOLDER, type JobFiles } from './api.ts';
import { EngineFailure } from './engineError.ts';

const storageFailed = (what: string, error: unknown) =>
  (error as Error).name === 'QuotaExceededError'
    ? new EngineFailure('STORAGE_FULL', `The job’s files could not be written (${what}): the disk or this site’s storage quota is full.`)
    : new EngineFailure('STORAGE_FAILED', `The job’s files could not be written (${what}: ${(error as Error).message}).`);

/** A file in the origin's private file system written in order through a sync access handle. */
export class OpfsFile implements ByteSink {
  /** Where the next write goes: sync handles have no cursor of their own to rely on. */
  private at = 0;
  private closed = false;
  /** A sync handle's write is done with the bytes when it returns. */
  readonly copies = true;

  private constructor(private readonly handle: FileSystemSyncAccessHandle) {}

  static async create(folder: FileSystemDirectoryHandle, name: string): Promise<OpfsFile> {
    try {
      const file = await held(folder, folder.getFileHandle(name, { create: true }));
      const handle = await held(file, file.createSyncAccessHandle());
      handle.truncate(0);
      return new OpfsFile(handle);
    } catch (error) {
      throw storageFailed(`opening ${name}`, error);
    }
  }

  write(bytes: Uint8Array): void {
    try {
      for (let done = 0; done < bytes.length; ) {
        const written = this.handle.write(bytes.subarray(done), { at: this.at });
        if (written <= 0) throw new Error('nothing was written');
        done += written;
        this.at += written;
      }
    } catch (error) {
      throw storageFailed('writing', error);
    }
  }

  get size(): number {
    return this.at;
  }

  /**
   * Closed, not flushed: a flush waited for the disk, 1.7-2.3 s after every 10M-row job before
   * its summary showed, and wrote each job's gigabyte out even when it was deleted soon after.
   * The files are complete for every reader once closed (decision 010).
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.handle.close();
  }
}

/**
 * A job's folder, `jobs/<jobId>/`: its row files, written as the job runs, and its small tables
 * at the end. A job that does not finish takes its folder with it.
 */
export class JobFolder {
  readonly path: string;
  private readonly files: OpfsFile[] = [];
  private readonly tables: string[] = [];

  private constructor(
    private readonly jobs: FileSystemDirectoryHandle,
    private readonly folder: FileSystemDirectoryHandle,
    private readonly jobId: string,
    readonly cleanedRows: OpfsFile,
    readonly rejectedRows: OpfsFile,
  ) {
    this.path = `${JOBS_FOLDER}/${jobId}`;
    this.files.push(cleanedRows, rejectedRows);
  }

  static async create(jobId: string): Promise<JobFolder> {
    let jobs: FileSystemDirectoryHandle;
    let folder: FileSystemDirectoryHandle;
    try {
      const root = await navigator.storage.getDirectory();
      jobs = await held(root, root.getDirectoryHandle(JOBS_FOLDER, { create: true }));
      folder = await held(jobs, jobs.getDirectoryHandle(jobId, { create: true }));
    } catch (error) {
      throw storageFailed('making the job’s folder', error);
    }
    const files: OpfsFile[] = [];
    try {
      files.push(await OpfsFile.create(folder, CLEANED_ROWS_FILE));
      files.push(await OpfsFile.create(folder, REJECTED_ROWS_FILE));
    } catch (error) {
      for (const file of files) file.close();
      await held(jobs, jobs.removeEntry(jobId, { recursive: true })).catch(() => {});
      throw error;
    }
    return new JobFolder(jobs, folder, jobId, files[0]!, files[1]!);
  }

  /** Writes each small table, `[file name, CSV text]`, as its own file. */
  async writeTables(tables: ReadonlyArray<readonly [string, string]>): Promise<void> {
    const utf8 = new TextEncoder();
    for (const [name, text] of tables) {
      const file = await OpfsFile.create(this.folder, name);
      this.files.push(file);
      file.write(utf8.encode(text));
      file.close();
      this.tables.push(name);
    }
  }

  /** Closes every file: the job's files are complete. */
  close(): void {
    for (const file of this.files) file.close();
  }

  /** Where the files are, from the root of the origin's private file system. */
  paths(): JobFiles {
    return {
      folder: this.path,
      cleanedRows: `${this.path}/${CLEANED_ROWS_FILE}`,
      rejectedRows: `${this.path}/${REJECTED_ROWS_FILE}`,
      tables: this.tables.map((name) => `${this.path}/${name}`),
    };
  }

  /** Closes what is open and removes the folder with everything in it. */
  async discard(): Promise<void> {
    for (const file of this.files) {
      try {
        file.close();
      } catch {
        // Closing a handle whose write failed may fail too: the folder goes anyway.
      }
    }
    await held(this.jobs, this.jobs.removeEntry(this.jobId, { recursive: true }));
  }
}

/**
 * Writes text blocks as the one sample file in `samples/` (an earlier sample is replaced) and
 * answers it as a File, read from disk when a job reads it.
 */
export async function writeSample(name: string, blocks: Iterable<string>): Promise<File> {
  const root = await navigator.storage.getDirectory();
  await held(root, root.removeEntry(SAMPLES_FOLDER, { recursive: true })).catch(() => {});
  const folder = await held(root, root.getDirectoryHandle(SAMPLES_FOLDER, { create: true }));
  const file = await OpfsFile.create(folder, name);
  const utf8 = new TextEncoder();
  try {
    for (const block of blocks) file.write(utf8.encode(block));
  } finally {
    file.close();
  }
  return fileIn(folder, name);
}
