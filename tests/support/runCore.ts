import { parseArgs } from '../../src/cli/args.ts';
import { jobOptions } from '../../src/cli/commands/jobOptions.ts';
import { loadLookups } from '../../src/cli/commands/process.ts';
import { fileSource, gunzip } from '../../src/cli/nodeIO.ts';
import { ChunkProcessor, type ChunkSetup } from '../../src/core/pipeline/ChunkProcessor.ts';
import { runJob, type ChunkExecutor } from '../../src/core/pipeline/runJob.ts';
import { tableFiles } from '../../src/core/pipeline/tables.ts';

/**
 * Several processors in this thread standing in for workers, each with its own memo caches;
 * replies come back after random delays so chunks finish out of order, as they do in workers.
 */
export function shuffledExecutor(workers: number, random: () => number = Math.random) {
  return (setup: ChunkSetup): ChunkExecutor => {
    const processors = Array.from({ length: workers }, () => new ChunkProcessor(setup));
    const owner = new Map<number, ChunkProcessor>();
    const later = <T>(work: () => T) => new Promise<T>((resolve, reject) => setTimeout(() => {
      try {
        resolve(work());
      } catch (error) {
        reject(error);
      }
    }, Math.floor(random() * 3)));
    return {
      clean: (seq, chunk) => {
        const processor = processors[seq % workers]!;
        owner.set(seq, processor);
        return later(() => processor.clean(seq, chunk));
      },
      finish: (seq, verdict) => later(() => owner.get(seq)!.finish(seq, verdict)),
      close: () => {},
    };
  };
}

/** Every output file of a job run by the core on a file, with command-line style arguments. */
export async function runCore(file: string, args: string[], run: { chunkSize: number; workers: number; lookups?: string }): Promise<Map<string, string>> {
  const options = jobOptions(parseArgs(args));
  const lookups = await loadLookups(run.lookups);
  const source = await fileSource(file);
  const files = new Map([['cleaned_rows.csv', ''], ['rejected_rows.csv', '']]);
  const decoder = new TextDecoder();
  const append = (name: string) => ({ write: (bytes: Uint8Array) => void files.set(name, files.get(name)! + decoder.decode(bytes)) });
  const result = await runJob(
    {
      source: source.stream,
      size: source.size,
      gunzip,
      executor: shuffledExecutor(run.workers),
      cleanedRows: append('cleaned_rows.csv'),
      rejectedRows: append('rejected_rows.csv'),
    },
    options,
    lookups,
    { chunkSize: run.chunkSize, inFlight: run.workers * 2 + 1 },
  );
  for (const [name, text] of tableFiles(result.tables)) files.set(name, text);
  return files;
}
