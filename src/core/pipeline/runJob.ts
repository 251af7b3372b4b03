import Papa from 'papaparse';
import { PipelineError, isPipelineError } from '../errors.ts';
import { TextStream } from '../input/decodeText.ts';
import { detectDelimiter, planColumns } from '../input/header.ts';
import { RecordSplitter } from '../input/RecordSplitter.ts';
import { sniff } from '../input/sniff.ts';
import type { Lookups } from '../lookups/lookups.ts';
import type { Encoding, JobOptions } from '../options.ts';
import { cleanedHeader, rejectedHeader } from '../output/rowsCsv.ts';
import { ByteReader } from './ByteReader.ts';
import type { ChunkClaims, ChunkOutput, ChunkSetup, ChunkVerdict } from './ChunkProcessor.ts';
import { Merger } from './Merger.ts';
import { buildTables, type Table } from './tables.ts';

/** Cleans chunks: in this thread, in worker threads or in Web Workers. */
export interface ChunkExecutor {
  clean(seq: number, text: string): Promise<ChunkClaims>;
  finish(seq: number, verdict: ChunkVerdict): Promise<ChunkOutput>;
  close(): void | Promise<void>;
}

export interface TextSink {
  write(text: string): void | Promise<void>;
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
export interface JobIO {
  source: AsyncIterable<Uint8Array>;
  /** Bytes of the source as stored, for progress. */
  size: number;
  gunzip(stream: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array>;
  executor(setup: ChunkSetup): ChunkExecutor | Promise<ChunkExecutor>;
  cleanedRows: TextSink;
  rejectedRows: TextSink;
  onProgress?(progress: Progress): void;
  signal?: { readonly aborted: boolean };
}

export interface RunSettings {
  /** Characters of text per chunk (about bytes, for ASCII). */
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

const SNIFF_BYTES = 64 * 1024;

/** CRLF and lone CR become LF; a CR at the end of a piece waits for the next one. */
class LineEndings {
  private pendingCr = false;
  push(text: string): string {
    if (this.pendingCr) text = '\r' + text;
    this.pendingCr = text.endsWith('\r');
    if (this.pendingCr) text = text.slice(0, -1);
    return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  }
  end(): string {
    return this.pendingCr ? '\n' : '';
  }
}

async function* damagedGzipIsAnError(stream: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  try {
    yield* stream;
  } catch (error) {
    if (isPipelineError(error)) throw error;
    throw new PipelineError('NOT_TEXT', `The file looks like gzip but cannot be decompressed (${(error as Error).message}). It may be damaged or cut short: export it again.`);
  }
}

/**
 * The pipeline: ingest (sniff, decode, split into chunks of whole records) → clean (in
 * parallel, by the executor) → merge in file order (dedup, row numbers, totals) → write rows as
 * they come and return the small tables.
 */
export async function runJob(io: JobIO, options: JobOptions, lookups: Lookups, settings: RunSettings): Promise<JobResult> {
  const started = Date.now();
  const log: string[] = [];
  const outer = new ByteReader(io.source);
  let reader = outer;
  let sniffed = sniff(await outer.peek(SNIFF_BYTES), options.encoding);
  if (sniffed.kind === 'gzip') {
    log.push('The file is gzip-compressed: reading it through decompression.');
    reader = new ByteReader(damagedGzipIsAnError(io.gunzip(outer)));
    const head = await reader.peek(SNIFF_BYTES);
    sniffed = sniff(head, options.encoding);
    if (sniffed.kind === 'gzip') throw new PipelineError('NOT_TEXT', 'The file is gzip inside gzip: decompress it once and pick the result.');
  }
  const { encoding, bomBytes } = sniffed;
  log.push(`Encoding: ${encoding}${bomBytes > 0 ? ' (byte-order mark dropped)' : ''}.`);

  const decoder = new TextStream(encoding, bomBytes);
  const endings = new LineEndings();
  let skipBom = bomBytes;
  const pieces = async function* (): AsyncGenerator<string> {
    for await (let bytes of reader) {
      if (io.signal?.aborted) throw cancelled();
      if (skipBom > 0) {
        const skip = Math.min(skipBom, bytes.length);
        bytes = bytes.subarray(skip);
        skipBom -= skip;
      }
      for (let at = 0; at < bytes.length; at += settings.chunkSize) {
        const text = endings.push(decoder.push(bytes.subarray(at, at + settings.chunkSize)));
        if (text !== '') yield text;
      }
    }
    const last = endings.push(decoder.end()) + endings.end();
    if (last !== '') yield last;
  };
  const text = pieces();

  // The header: the first record that is not a blank line.
  let head = '';
  let headDone = false;
  while (!/\S[^\n]*\n/.test(head)) {
    const next = await text.next();
    if (next.done) {
      headDone = true;
      break;
    }
    head = (head + next.value).replace(/^(?:[^\S\n]*\n)+/, '');
    if (head.length > options.max_record_bytes) break;
  }
  if (head.trim() === '') throw new PipelineError('EMPTY_FILE', 'The file holds no header and no data: it is empty or only blank lines.');
  const delimiter = options.delimiter ?? detectDelimiter(head);
  log.push(`Delimiter: ${JSON.stringify(delimiter)}${options.delimiter ? ' (chosen)' : ' (detected from the header line)'}.`);
  const splitter = new RecordSplitter(delimiter, options.max_record_bytes);
  splitter.push(head);
  while (splitter.ready === 0 && !headDone) {
    const next = await text.next();
    if (next.done) headDone = true;
    else splitter.push(next.value);
  }
  const first = headDone && splitter.ready === 0 ? splitter.end() : splitter.take();
  const parsedHead = Papa.parse<string[]>(first, { delimiter, newline: '\n', quoteChar: '"', escapeChar: '"', preview: 1 });
  const header = parsedHead.data[0] ?? [];
  const plan = planColumns(header, options);
  log.push(...plan.notes);

  const setup: ChunkSetup = { plan, delimiter, options, lookups };
  const merger = new Merger(options.anomaly_top_n);
  const executor = await io.executor(setup);
  try {
    await io.cleanedRows.write(cleanedHeader());
    await io.rejectedRows.write(rejectedHeader(header));

    const progressEvery = settings.progressEveryMs ?? 250;
    let lastProgress = 0;
    const progress = (force: boolean) => {
      const now = Date.now();
      if (!io.onProgress || (!force && now - lastProgress < progressEvery)) return;
      lastProgress = now;
      const seconds = (now - started) / 1000;
      const rate = outer.bytesRead / Math.max(seconds, 1e-3);
      io.onProgress({
        bytesRead: outer.bytesRead,
        totalBytes: io.size,
        rows: merger.totals.rowsRead,
        seconds,
        rowsPerSecond: merger.totals.rowsRead / Math.max(seconds, 1e-3),
        secondsLeft: outer.bytesRead > 0 && io.size > 0 ? Math.max(0, io.size - outer.bytesRead) / rate : null,
      });
    };

    let seq = 0;
    let claims: Promise<unknown> = Promise.resolve();
    let writes: Promise<void> = Promise.resolve();
    let failure: unknown = null;
    const inFlight: Array<Promise<void>> = [];
    const dispatch = (chunk: string) => {
      if (chunk === '') return;
      const n = seq++;
      const cleaned = executor.clean(n, chunk);
      const verdict = claims.then(() => cleaned).then((c) => merger.claim(c));
      claims = verdict;
      const output = verdict.then((v) => executor.finish(n, v));
      writes = writes
        .then(() => output)
        .then(async (out) => {
          await io.cleanedRows.write(out.cleaned);
          await io.rejectedRows.write(out.rejected);
          merger.add(out);
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

    // Records read along with the header are whole: they go out as a chunk of their own.
    dispatch(first.slice(parsedHead.meta.cursor));
    for (;;) {
      if (splitter.ready >= settings.chunkSize) {
        await drain(settings.inFlight - 1);
        dispatch(splitter.take());
      }
      const next = await text.next();
      if (next.done) break;
      splitter.push(next.value);
    }
    await drain(settings.inFlight - 1);
    dispatch(splitter.end());
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

const cancelled = () => new PipelineError('CANCELLED', 'The job was cancelled.');
