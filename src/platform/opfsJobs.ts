import { JOBS_FOLDER, SAMPLES_FOLDER } from '../engine/api.ts';
import { held } from './held.ts';

async function jobsFolder(): Promise<FileSystemDirectoryHandle | null> {
  try {
    const root = await navigator.storage.getDirectory();
    return await held(root, root.getDirectoryHandle(JOBS_FOLDER));
  } catch {
    return null;
  }
}

/** The job ids that have a folder in the origin's private file system. */
export async function jobFolderNames(): Promise<string[]> {
  const jobs = await jobsFolder();
  const names: string[] = [];
  if (jobs !== null) for await (const [name, handle] of jobs.entries()) if (handle.kind === 'directory') names.push(name);
  return names;
}

/** Bytes of every file in a job's folder; 0 when it has none. */
export async function jobFolderBytes(jobId: string): Promise<number> {
  const jobs = await jobsFolder();
  if (jobs === null) return 0;
  let folder: FileSystemDirectoryHandle;
  try {
    folder = await held(jobs, jobs.getDirectoryHandle(jobId));
  } catch {
    return 0;
  }
  let bytes = 0;
  for await (const handle of folder.values()) if (handle.kind === 'file') bytes += (await held(handle, (handle as FileSystemFileHandle).getFile())).size;
  return bytes;
}

/** Removes a job's folder and everything in it; a folder that is not there is fine. */
export async function removeJobFolder(jobId: string): Promise<void> {
  const jobs = await jobsFolder();
  try {
    if (jobs !== null) await held(jobs, jobs.removeEntry(jobId, { recursive: true }));
  } catch (error) {
    if ((error as DOMException).name !== 'NotFoundError') throw error;
  }
}

/** Removes every job's folder, and the sample data. */
export async function removeAllJobFolders(): Promise<void> {
  const root = await navigator.storage.getDirectory();
  for (const folder of [JOBS_FOLDER, SAMPLES_FOLDER]) {
    try {
      await held(root, root.removeEntry(folder, { recursive: true }));
    } catch (error) {
      if ((error as DOMException).name !== 'NotFoundError') throw error;
    }
  }
}

/** A file of the origin's private file system by its path (`jobs/<id>/cleaned_rows.csv`): a Blob on disk, not in memory. */
export async function opfsFile(path: string): Promise<File> {
  const parts = path.split('/');
  return fileIn(await opfsFolder(parts.slice(0, -1).join('/')), parts.at(-1)!);
}

/** The file `name` of a folder, as a File (a Blob on disk). */
export async function fileIn(folder: FileSystemDirectoryHandle, name: string): Promise<File> {
  const handle = await held(folder, folder.getFileHandle(name));
  return held(handle, handle.getFile());
}

/** A folder of the origin's private file system by its path (`jobs/<id>`). */
export async function opfsFolder(path: string): Promise<FileSystemDirectoryHandle> {
  let folder = await navigator.storage.getDirectory();
  for (const name of path.split('/').filter(Boolean)) folder = await held(folder, folder.getDirectoryHandle(name));
  return folder;
}
