import { makeZip } from 'client-zip';
import { giveBuffer } from '../core/bufferPool.ts';
import { cancelled } from '../core/input/openInput.ts';
import { csvToParquet } from '../core/export/toParquet.ts';
import { held } from '../platform/held.ts';
import { fileIn, opfsFolder } from '../platform/opfsJobs.ts';
import type { ExportEntry, ExportProgress } from './api.ts';
import { blobBytes } from './blobSource.ts';
import { EngineFailure } from './engineError.ts';
import { OpfsFile } from './opfs.ts';
import { readAll } from './readAll.ts';

/**
 * Files are read 1 MiB at a time into buffers of the pool, each given back once written or
 * copied: a fresh buffer per piece left gigabytes for the collector, and the tab's memory rose
 * by 200 MB while a 10M-row job's zip was written.
 */
const READ_STEP = 1 << 20;

type Report = (progress: ExportProgress) => void;

/** A file of a job's folder, or null when it is not there (yet). */
async function existing(folder: FileSystemDirectoryHandle, name: string): Promise<File | null> {
  try {
    return await fileIn(folder, name);
  } catch {
    return null;
  }
}

/** Pieces passed on as they are, counted as they go. */
async function* counted(pieces: AsyncIterable<Uint8Array>, count: (bytes: number) => void): AsyncGenerator<Uint8Array> {
  for await (const piece of pieces) {
    count(piece.length);
    yield piece;
  }
}

/**
 * Writes `name` in a job's folder from pieces: into `name.partial`, moved into place only when
 * complete and not cancelled, so a cancelled or failed export leaves nothing that looks finished.
 */
async function writeWhole(folder: FileSystemDirectoryHandle, name: string, pieces: AsyncIterable<Uint8Array>, signal: AbortSignal, handsOver = false): Promise<void> {
  const partial = `${name}.partial`;
  const out = await OpfsFile.create(folder, partial);
  try {
    for await (const piece of pieces) {
      out.write(piece);
      if (handsOver) giveBuffer(piece.buffer);
    }
    out.close();
    // The reads are over well before the last pieces are made: a cancel may come in between.
    if (signal.aborted) throw cancelled();
    await held(folder, folder.removeEntry(name)).catch(() => {});
    // move() renames within OPFS (Chromium 110+, Firefox 111+, Safari 15.2+); TypeScript's DOM types lack it.
    const done = (await held(folder, folder.getFileHandle(partial))) as FileSystemFileHandle & { move(name: string): Promise<void> };
    await held(done, done.move(name));
  } catch (error) {
    out.close();
    await held(folder, folder.removeEntry(partial)).catch(() => {});
    throw error;
  }
}

/**
 * Exports of a job's tables, written into its folder beside their CSV and kept there: a table's
 * Parquet (`<table>.parquet`) and every table in both formats as one zip. Each is made once; a
 * second ask while it is being made waits for the same work.
 */
export class Exports {
  private readonly making = new Map<string, Promise<string>>();

  /** `<folder>/<table>.parquet`, made from `<folder>/<table>.csv` unless it is there. */
  parquet(folder: string, table: string, signal: AbortSignal, report: Report): Promise<string> {
    return this.once(`${folder}/${table}.parquet`, async () => {
      const dir = await this.folder(folder);
      if ((await existing(dir, `${table}.parquet`)) !== null) return;
      const csv = await existing(dir, `${table}.csv`);
      if (csv === null) throw new EngineFailure('READ_FAILED', `${table}.csv is not in the job’s folder: the job’s files may have been deleted.`);
      let done = 0;
      const step = `Writing ${table}.parquet`;
      report({ step, done, total: csv.size });
      const pieces = counted(blobBytes(csv, READ_STEP, signal), (n) => report({ step, done: (done += n), total: csv.size }));
      await writeWhole(dir, `${table}.parquet`, csvToParquet(table, pieces, { handsOver: true }), signal);
    });
  }

  /** `<folder>/all.zip`: every entry, each table's Parquet made first where it is missing. */
  zip(folder: string, entries: ExportEntry[], signal: AbortSignal, report: Report): Promise<string> {
    return this.once(`${folder}/all.zip`, async () => {
      const dir = await this.folder(folder);
      for (const entry of entries) if (entry.format === 'parquet') await this.parquet(folder, entry.table, signal, report);
      const files: Array<{ name: string; file: File }> = [];
      for (const entry of entries) {
        const file = await existing(dir, `${entry.table}.${entry.format}`);
        if (file === null) throw new EngineFailure('READ_FAILED', `${entry.table}.${entry.format} is not in the job’s folder: the job’s files may have been deleted.`);
        files.push({ name: entry.name, file });
      }
      const total = files.reduce((n, f) => n + f.file.size, 0);
      let done = 0;
      const step = 'Writing the zip';
      const inputs = files.map(({ name, file }) => ({ name, lastModified: new Date(file.lastModified), size: file.size, input: counted(blobBytes(file, READ_STEP, signal), (n) => report({ step, done: (done += n), total })) }));
      report({ step, done, total });
      // The zip passes the files' pieces on as they are: each is done with once written.
      await writeWhole(dir, 'all.zip', readAll(makeZip(inputs, { buffersAreUTF8: true })), signal, true);
    });
  }

  private async once(path: string, make: () => Promise<void>): Promise<string> {
    const ongoing = this.making.get(path);
    if (ongoing) return ongoing;
    const made = make().then(() => path);
    this.making.set(path, made);
    try {
      return await made;
    } finally {
      this.making.delete(path);
    }
  }

  private async folder(path: string): Promise<FileSystemDirectoryHandle> {
    try {
      return await opfsFolder(path);
    } catch (error) {
      throw new EngineFailure('READ_FAILED', `The job’s folder ${path} could not be opened (${(error as Error).message}): it may have been deleted.`);
    }
  }
}
