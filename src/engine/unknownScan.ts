import { UnknownValueCounter, type UnknownValue } from '../core/lookups/unknownValues.ts';
import { withDefaults, type JobOptions } from '../core/options.ts';
import { parseCsvRecord, recordEnds } from '../core/output/readRowsCsv.ts';
import { openFile } from './rowPages.ts';

const BLOCK = 4 << 20;

/** Reads a job's whole rejected rows file, block by block, for the raw values rejected as unknown. */
export async function scanUnknownValues(path: string, options: Partial<JobOptions>): Promise<UnknownValue[]> {
  const file = await openFile(path);
  const decoder = new TextDecoder();
  let counter: UnknownValueCounter | null = null;
  let at = 0;
  let block = BLOCK;
  while (at < file.size) {
    const bytes = new Uint8Array(await file.slice(at, at + block).arrayBuffer());
    const ends = recordEnds(bytes);
    if (ends.length === 0 && at + bytes.length >= file.size) ends.push(bytes.length);
    if (ends.length === 0) {
      block *= 2;
      continue;
    }
    let begin = 0;
    for (const end of ends) {
      const fields = parseCsvRecord(decoder.decode(bytes.subarray(begin, end)));
      begin = end;
      if (counter === null) counter = new UnknownValueCounter(fields, withDefaults(options));
      else counter.add(fields);
    }
    at += begin;
  }
  return counter?.values() ?? [];
}
