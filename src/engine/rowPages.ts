import { parseCsvRecord, recordEnds } from '../core/output/readRowsCsv.ts';
import { utf8Text } from '../core/text/shortUtf8.ts';
import type { RowPage, RowPageRequest } from './api.ts';
import { opfsFile } from '../platform/opfsJobs.ts';
import { EngineFailure } from './engineError.ts';

/** Read this much at a time; a longer record makes the next read longer. */
const BLOCK = 256 << 10;
/** A filtered page stops scanning here and says where to go on: a reply comes within a second or so. */
const MAX_SCAN = 64 << 20;

export async function openFile(path: string): Promise<File> {
  try {
    return await opfsFile(path);
  } catch (error) {
    throw new EngineFailure('READ_FAILED', `The row file ${path} could not be read (${(error as Error).message}): it may have been deleted.`);
  }
}

/**
 * A page of a row file (cleaned or rejected rows) read from `from` (0: the first row): only the
 * bytes of that page are read, so a file of any size is browsed without loading it. With a
 * reason, only rejected rows of that reason count.
 */
export async function readRowPage({ path, from, rows: wanted, reason }: RowPageRequest): Promise<RowPage> {
  const file = await openFile(path);
  const decoder = new TextDecoder();
  const head = new Uint8Array(await file.slice(0, BLOCK).arrayBuffer());
  const headerEnd = recordEnds(head, 1)[0] ?? head.length;
  const columns = parseCsvRecord(decoder.decode(head.subarray(0, headerEnd)));
  const reasonAt = columns.indexOf('rejection_reason');
  const start = Math.max(from, headerEnd);
  const rows: string[][] = [];
  let at = start;
  if (wanted > 0) {
    await forEachRecord(file, start, BLOCK, (fields, end) => {
      at = end;
      if (reason === undefined || fields[reasonAt] === reason) rows.push(fields);
      return rows.length < wanted && at - start < MAX_SCAN;
    });
  }
  return { columns, rows, from: start, next: at < file.size ? at : null, size: file.size };
}

/**
 * Parses the records of a CSV file from byte `from`, read `block` bytes at a time (more when a
 * record is longer), handing each with the offset where it ends to `visit` until it answers false.
 */
export async function forEachRecord(file: File, from: number, block: number, visit: (fields: string[], end: number) => boolean): Promise<void> {
  let at = from;
  while (at < file.size) {
    const bytes = new Uint8Array(await file.slice(at, at + block).arrayBuffer());
    const ends = recordEnds(bytes);
    // The file's last record may lack a line break; any other cut record needs a longer read.
    if (ends.length === 0 && at + bytes.length >= file.size) ends.push(bytes.length);
    if (ends.length === 0) {
      block *= 2;
      continue;
    }
    let begin = 0;
    for (const end of ends) {
      const fields = parseCsvRecord(utf8Text(bytes, begin, end));
      begin = end;
      if (!visit(fields, at + end)) return;
    }
    at += begin;
  }
}
