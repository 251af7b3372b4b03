import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { PipelineError } from '../../core/errors.ts';
import { csvToParquet } from '../../core/export/toParquet.ts';
import { defaultLookups } from '../../core/lookups/defaults.ts';
import type { Lookups } from '../../core/lookups/lookups.ts';
import { parseLookups } from '../../core/lookups/validateLookups.ts';
import { runJob, type Progress } from '../../core/pipeline/runJob.ts';
import { tableFiles } from '../../core/pipeline/tables.ts';
import { checkOptions, intOption, option, UsageError, type Args } from '../args.ts';
import { FileSink, fileSource, gunzip } from '../nodeIO.ts';
import { WorkerPool } from '../WorkerPool.ts';
import { jobOptions, JOB_OPTION_NAMES } from './jobOptions.ts';
import { progressPrinter } from './progressPrinter.ts';

/** A table's Parquet, read from its CSV a block at a time. */
async function writeParquet(table: string, csvPath: string, parquetPath: string): Promise<void> {
  const out = await open(parquetPath, 'w');
  try {
    for await (const part of csvToParquet(table, createReadStream(csvPath, { highWaterMark: 1 << 20 }))) await out.write(part);
  } finally {
    await out.close();
  }
}

export async function loadLookups(path: string | undefined): Promise<Lookups> {
  if (path === undefined) return defaultLookups();
  const text = await readFile(path, 'utf8').catch(() => {
    throw new PipelineError('INVALID_LOOKUPS', `There is no lookups file at ${path}.`);
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PipelineError('INVALID_LOOKUPS', `${path} is not valid JSON: ${(error as Error).message}.`);
  }
  return parseLookups(json);
}

/** `process FILE --out DIR ...`: every table of SPEC section 3 as a file in DIR. */
export async function processCommand(args: Args): Promise<void> {
  checkOptions(args, ['out', 'lookups', 'workers', 'chunk-size', 'format', ...JOB_OPTION_NAMES]);
  const [file, ...extra] = args.positional;
  if (file === undefined || extra.length > 0) throw new UsageError('process takes one input file: process FILE.csv --out DIR');
  const outDir = option(args, 'out');
  if (outDir === undefined) throw new UsageError('process needs --out DIR.');
  const workers = intOption(args, 'workers', Math.max(1, availableParallelism()), 1);
  const chunkSize = intOption(args, 'chunk-size', 4 << 20, 1);
  const formats = new Set((option(args, 'format') ?? 'csv').split(',').map((f) => f.trim()));
  for (const format of formats) if (format !== 'csv' && format !== 'parquet') throw new UsageError(`Unknown format "${format}": use csv, parquet or csv,parquet.`);
  const options = jobOptions(args);
  const lookups = await loadLookups(option(args, 'lookups'));
  const source = await fileSource(file);

  // Files are written into a scratch folder and moved into place only when the job succeeds.
  await mkdir(outDir, { recursive: true });
  const scratch = join(outDir, `.partial-${process.pid}`);
  await mkdir(scratch, { recursive: true });
  const cleaned = new FileSink(join(scratch, 'cleaned_rows.csv'));
  const rejected = new FileSink(join(scratch, 'rejected_rows.csv'));
  const printer = progressPrinter();
  try {
    const result = await runJob(
      {
        source: source.stream,
        size: source.size,
        gunzip,
        executor: (setup) => new WorkerPool(workers, setup),
        cleanedRows: cleaned,
        rejectedRows: rejected,
        onProgress: (p: Progress) => printer.progress(p),
      },
      options,
      lookups,
      { chunkSize, inFlight: workers * 2 + 1 },
    );
    await Promise.all([cleaned.close(), rejected.close()]);
    const files = tableFiles(result.tables);
    for (const [name, text] of files) await writeFile(join(scratch, name), text);
    // Parquet is made from the CSV, as the app makes it: one way for both.
    const names = ['cleaned_rows', 'rejected_rows', ...result.tables.map((t) => t.name)];
    if (formats.has('parquet')) for (const name of names) await writeParquet(name, join(scratch, `${name}.csv`), join(scratch, `${name}.parquet`));
    for (const format of formats) for (const name of names) await rename(join(scratch, `${name}.${format}`), join(outDir, `${name}.${format}`));
    printer.done(result, workers);
  } finally {
    printer.stop();
    await Promise.allSettled([cleaned.close(), rejected.close()]);
    await rm(scratch, { recursive: true, force: true });
  }
}
