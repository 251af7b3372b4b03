import { giveBuffer } from '../bufferPool.ts';
import { PipelineError } from '../errors.ts';
import { planColumns } from '../input/header.ts';
import { cancelled, openInput, type InputChunk, type InputIO } from '../input/openInput.ts';
import type { Lookups } from '../lookups/lookups.ts';
import type { Encoding, JobOptions } from '../options.ts';
import { cleanedHeader, rejectedHeader } from '../output/rowsCsv.ts';
import type { ChunkClaims, ChunkOutput, ChunkSetup, ChunkVerdict } from './ChunkProcessor.ts';
import { Merger } from './Merger.ts';
import { buildTables, type Table } from './tables.ts';

/** Cleans chunks: in this thread, in worker threads or in Web Workers. */
export interface ChunkExecutor {
  /** The chunk's bytes may be transferred (and so taken from the caller). */
  clean(seq: number, chunk: InputChunk): Promise<ChunkClaims>;
  finish(seq: number, verdict: ChunkVerdict): Promise<ChunkOutput>;
  /** Takes back buffers of its outputs that the job is done with, to fill again (bufferPool). */
  recycle?(buffers: ArrayBuffer[]): void;
  close(): void | Promise<void>;
}

/** Where a row file goes: UTF-8 bytes, in order. */
export interface ByteSink {
  write(bytes: Uint8Array): void | Promise<void>;
  /** True when a write is done with its bytes once it returns or resolves, so they may be reused. */
  readonly copies?: boolean;
}

export interface Progress {
  bytesRead: number;
  totalBytes: number;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  /** Estimated seconds left, from the bytes still to read; null until it can be told. */
  secondsLeft: number | null;
}

/** Everything a job touches outside the core, given by the platform that runs it. */
export interface JobIO extends InputIO {
  /** Bytes of the source as stored, for progress. */
  size: number;
  executor(setup: ChunkSetup): ChunkExecutor | Promise<ChunkExecutor>;
  cleanedRows: ByteSink;
  rejectedRows: ByteSink;
  onProgress?(progress: Progress): void;
}

export interface RunSettings {
  /** Bytes per chunk: a chunk ends at the first record boundary past it. */
  chunkSize: number;
  /** Chunks being cleaned or written at once: memory is bounded by this times chunkSize. */
  inFlight: number;
  progressEveryMs?: number;
}

export interface JobResult {
  tables: Table[];
  log: string[];
  encoding: Encoding;
  delimiter: string;
  header: string[];
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  /** Bytes held by the set of accepted order ids. */
  idSetBytes: number;
  seconds: number;
}

/** The distinct buffers under some views (a buffer listed twice cannot be transferred). */
export const buffersOf = (...views: ArrayBufferView[]): ArrayBuffer[] => [...new Set(views.map((v) => v.buffer as ArrayBuffer))];

/**
 * The pipeline: ingest (sniff, decode, split into chunks of whole records) → clean (in
 * parallel, by the executor) → merge in file order (dedup, row numbers, totals) → write rows as
 * they come and return the small tables.
 */
export async function runJob(io: JobIO, options: JobOptions, lookups: Lookups, settings: RunSettings): Promise<JobResult> {
  const started = Date.now();
  const input = await openInput(io, options, settings.chunkSize);
  const { encoding, delimiter, header, log } = input;
  const plan = planColumns(header, options);
  log.push(...plan.notes);

  const setup: ChunkSetup = { plan, delimiter, options, lookups };
  const merger = new Merger(options.anomaly_top_n);
  const executor = await io.executor(setup);
  try {
    const utf8 = new TextEncoder();
    await io.cleanedRows.write(utf8.encode(cleanedHeader()));
    await io.rejectedRows.write(utf8.encode(rejectedHeader(header)));

    const progressEvery = settings.progressEveryMs ?? 250;
    let lastProgress = 0;
    const progress = (force: boolean) => {
      const now = Date.now();
      if (!io.onProgress || (!force && now - lastProgress < progressEvery)) return;
      lastProgress = now;
      const seconds = (now - started) / 1000;
      const rate = input.bytesRead() / Math.max(seconds, 1e-3);
      io.onProgress({
        bytesRead: input.bytesRead(),
        totalBytes: io.size,
        rows: merger.totals.rowsRead,
        seconds,
        rowsPerSecond: merger.totals.rowsRead / Math.max(seconds, 1e-3),
        secondsLeft: input.bytesRead() > 0 && io.size > 0 ? Math.max(0, io.size - input.bytesRead()) / rate : null,
      });
    };

    let seq = 0;
    let claims: Promise<unknown> = Promise.resolve();
    let writes: Promise<void> = Promise.resolve();
    let failure: unknown = null;
    const inFlight: Array<Promise<void>> = [];
    const dispatch = (chunk: InputChunk) => {
      const n = seq++;
      // The first chunk tells about how many rows the file holds: the id set is sized once for them.
      if (n === 0 && chunk.bytes.length > 0) merger.ids.reserve(Math.ceil((io.size * chunk.records) / chunk.bytes.length));
      const cleaned = executor.clean(n, chunk);
      const verdict = claims
        .then(() => cleaned)
        .then((c) => {
          const verdict = merger.claim(c);
          executor.recycle?.(buffersOf(c.ids, c.idEnds));
          return verdict;
        });
      claims = verdict;
      const output = verdict.then(async (v) => {
        const out = await executor.finish(n, v);
        merger.arrived(out);
        return out;
      });
      // A failure reaches the job through `writes`; these copies must not be reported as unhandled.
      for (const step of [cleaned, verdict, output]) step.catch(() => {});
      writes = writes
        .then(() => output)
        .then(async (out) => {
          await io.cleanedRows.write(out.cleaned);
          await io.rejectedRows.write(out.rejected);
          merger.add(out);
          giveBuffer(out.input.buffer);
          if (io.cleanedRows.copies && io.rejectedRows.copies) executor.recycle?.(buffersOf(out.cleaned, out.rejected));
          progress(false);
        });
      writes.catch((error: unknown) => (failure ??= error));
      inFlight.push(writes);
    };
    const drain = async (limit: number) => {
      while (inFlight.length > limit) await inFlight.shift();
      if (failure !== null) throw failure;
      if (io.signal?.aborted) throw cancelled();
    };

    for await (const chunk of input.chunks) {
      await drain(settings.inFlight - 1);
      dispatch(chunk);
    }
    await drain(0);
    progress(true);
  } finally {
    await executor.close();
  }

  const t = merger.totals;
  if (t.rowsRead === 0) {
    throw new PipelineError('NO_ROWS', `The file has a header (${header.join(', ')}) but no data rows.`);
  }
  const rowsRejected = t.rejected.reduce((a, b) => a + b, 0);
  return {
    tables: buildTables(t, options),
    log,
    encoding,
    delimiter,
    header,
    rowsRead: t.rowsRead,
    rowsAccepted: t.rowsRead - rowsRejected,
    rowsRejected,
    idSetBytes: merger.ids.bytes,
    seconds: (Date.now() - started) / 1000,
  };
}

