import { UnknownValueCounter, type UnknownValue } from '../core/lookups/unknownValues.ts';
import { withDefaults, type JobOptions } from '../core/options.ts';
import { forEachRecord, openFile } from './rowPages.ts';

const BLOCK = 4 << 20;

/** Reads a job's whole rejected rows file, block by block, for the raw values rejected as unknown. */
export async function scanUnknownValues(path: string, options: Partial<JobOptions>): Promise<UnknownValue[]> {
  let counter: UnknownValueCounter | null = null;
  await forEachRecord(await openFile(path), 0, BLOCK, (fields) => {
    if (counter === null) counter = new UnknownValueCounter(fields, withDefaults(options));
    else counter.add(fields);
    return true;
  });
  return (counter as UnknownValueCounter | null)?.values() ?? [];
}
