import type { Lookups } from '../lookups/lookups.ts';
import type { JobOptions } from '../options.ts';
import type { ChunkSetup } from './ChunkProcessor.ts';
import { inProcessExecutor } from './inProcess.ts';
import { runJob, type ChunkExecutor, type JobIO, type JobResult } from './runJob.ts';

export interface InMemoryResult extends JobResult {
  cleanedCsv: string;
  rejectedCsv: string;
}

export interface InMemoryRun {
  chunkSize?: number;
  inFlight?: number;
  executor?: (setup: ChunkSetup) => ChunkExecutor | Promise<ChunkExecutor>;
  gunzip?: JobIO['gunzip'];
}

function decodeAll(parts: Uint8Array[]): string {
  const decoder = new TextDecoder();
  return parts.map((part) => decoder.decode(part, { stream: true })).join('') + decoder.decode();
}

/** The bytes as a file reader gives them: in pieces of up to a megabyte, or of `size` if smaller. */
export async function* pieces(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  const step = Math.max(1, Math.min(size, 1 << 20));
  for (let at = 0; at < bytes.length; at += step) yield bytes.slice(at, at + step);
}

/** Runs a whole job over bytes in memory, collecting the row files as text. For tests and samples. */
export async function runInMemory(input: Uint8Array | string, options: JobOptions, lookups: Lookups, run: InMemoryRun = {}): Promise<InMemoryResult> {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const cleaned: Uint8Array[] = [];
  const rejected: Uint8Array[] = [];
  const result = await runJob(
    {
      source: pieces(bytes, run.chunkSize ?? 4 << 20),
      handsOver: true,
      size: bytes.length,
      gunzip:
        run.gunzip ??
        (() => {
          throw new Error('This run cannot decompress gzip.');
        }),
      executor: run.executor ?? inProcessExecutor,
      // Copies, as a file's write makes them: the job may fill the same buffers again.
      cleanedRows: { write: (bytes) => void cleaned.push(bytes.slice()), copies: true },
      rejectedRows: { write: (bytes) => void rejected.push(bytes.slice()), copies: true },
    },
    options,
    lookups,
    { chunkSize: run.chunkSize ?? 4 << 20, inFlight: run.inFlight ?? 4 },
  );
  return { ...result, cleanedCsv: decodeAll(cleaned), rejectedCsv: decodeAll(rejected) };
}
