import Papa from 'papaparse';
import { giveBuffer } from '../bufferPool.ts';
import { PipelineError, isPipelineError } from '../errors.ts';
import type { Encoding, JobOptions } from '../options.ts';
import { ByteReader } from './ByteReader.ts';
import { TextStream } from './decodeText.ts';
import { detectDelimiter } from './header.ts';
import { ByteRecordSplitter, type BytePiece } from './ByteRecordSplitter.ts';
import { forEachRecord, isBlankRecord, toLf } from './records.ts';
import { sniff } from './sniff.ts';

export interface InputIO {
  source: AsyncIterable<Uint8Array>;
  /** The source's pieces are the job's own (no buffer the source fills again): once copied, they go to the buffer pool. */
  handsOver?: boolean;
  gunzip(stream: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array>;
  signal?: { readonly aborted: boolean };
}

/** Whole records in bytes: what a worker decodes, parses and cleans. */
export interface InputChunk {
  bytes: Uint8Array;
  /** UTF-16 files are re-encoded as UTF-8 on the way; windows-1252 stays as it is. */
  encoding: 'utf-8' | 'windows-1252';
  /** Bytes of the file (decompressed) before the chunk: where a decoding error is. */
  offset: number;
  /** The row number of the chunk's first record, and how many it holds (blank lines not counted). */
  firstRow: number;
  records: number;
}

/** A file opened for reading: what it is, its header, and its records in chunks. */
export interface OpenedInput {
  encoding: Encoding;
  delimiter: string;
  header: string[];
  log: string[];
  /** Whole records after the header, in pieces that end on record boundaries. */
  chunks: AsyncGenerator<InputChunk>;
  /** Bytes of the file (as stored, compressed or not) read so far. */
  bytesRead(): number;
}

const SNIFF_BYTES = 64 * 1024;

/** Blank lines before the header, which are skipped. */
const LEADING_BLANK_LINES = /^(?:[^\S\n]*\n)+/;

/** A chunk's text, line breaks LF; invalid bytes are an error naming their offset in the file. */
export function chunkText(chunk: InputChunk): string {
  const decoder = new TextStream(chunk.encoding, chunk.offset);
  return toLf(decoder.push(chunk.bytes) + decoder.end());
}

/** An error of the source itself (a read that failed), carried through decompression untouched. */
class SourceFailure {
  constructor(readonly error: unknown) {}
}

async function* sourceFailures(stream: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  try {
    yield* stream;
  } catch (error) {
    throw new SourceFailure(error);
  }
}

/** Decompressed bytes; what breaks inside decompression is a damaged file, a failed read is itself. */
async function* damagedGzipIsAnError(stream: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  try {
    yield* stream;
  } catch (error) {
    if (error instanceof SourceFailure) throw error.error;
    if (isPipelineError(error)) throw error;
    throw new PipelineError('NOT_TEXT', `The file looks like gzip but cannot be decompressed (${(error as Error).message}). It may be damaged or cut short: export it again.`);
  }
}

export const cancelled = () => new PipelineError('CANCELLED', 'The job was cancelled.');

async function* withoutBom(stream: AsyncIterable<Uint8Array>, bomBytes: number, signal: InputIO['signal']): AsyncIterable<Uint8Array> {
  let skip = bomBytes;
  for await (let bytes of stream) {
    if (signal?.aborted) throw cancelled();
    if (skip > 0) {
      const n = Math.min(skip, bytes.length);
      bytes = bytes.subarray(n);
      skip -= n;
    }
    if (bytes.length > 0) yield bytes;
  }
}

/** UTF-16 re-encoded as UTF-8, so that every later step reads one family of encodings. */
async function* utf16AsUtf8(stream: AsyncIterable<Uint8Array>, decoder: TextStream): AsyncIterable<Uint8Array> {
  const utf8 = new TextEncoder();
  for await (const bytes of stream) yield utf8.encode(decoder.push(bytes));
  const rest = decoder.end();
  if (rest !== '') yield utf8.encode(rest);
}

/**
 * Opens a byte stream as CSV: sniffs it (refusing empty and binary files), decompresses gzip,
 * reads the header (skipping blank lines before it) and detects the delimiter. The records after
 * the header come as bytes in chunks of about `chunkSize` that end on record boundaries: decoding
 * them is the workers' job.
 */
export async function openInput(io: InputIO, options: JobOptions, chunkSize: number): Promise<OpenedInput> {
  const log: string[] = [];
  const outer = new ByteReader(io.source);
  let reader = outer;
  let sniffed = sniff(await outer.peek(SNIFF_BYTES), options.encoding);
  if (sniffed.kind === 'gzip') {
    log.push('The file is gzip-compressed: reading it through decompression.');
    reader = new ByteReader(damagedGzipIsAnError(io.gunzip(sourceFailures(outer))));
    sniffed = sniff(await reader.peek(SNIFF_BYTES), options.encoding);
    if (sniffed.kind === 'gzip') throw new PipelineError('NOT_TEXT', 'The file is gzip inside gzip: decompress it once and pick the result.');
  }
  const { encoding, bomBytes } = sniffed;
  log.push(`Encoding: ${encoding}${bomBytes > 0 ? ' (byte-order mark dropped)' : ''}.`);

  const utf16 = encoding === 'utf-16le' || encoding === 'utf-16be';
  const chunkEncoding = utf16 ? 'utf-8' : encoding;
  let stream = withoutBom(reader, bomBytes, io.signal);
  if (utf16) stream = utf16AsUtf8(stream, new TextStream(encoding, bomBytes));
  const pieces = stream[Symbol.asyncIterator]();
  const held: Uint8Array[] = [];
  let ended = false;

  // The delimiter is told from the first line that is not blank.
  const headDecoder = new TextStream(chunkEncoding, bomBytes);
  // Read until a line that is not blank has ended, looking only at what each read adds: a wide
  // header or a long first line comes in many reads.
  let raw = '';
  let textAt = -1;
  let lineEnded = false;
  while (!lineEnded && raw.length <= options.max_record_bytes) {
    const next = await pieces.next();
    if (next.done) {
      ended = true;
      break;
    }
    held.push(next.value);
    const added = headDecoder.push(next.value);
    const from = raw.length;
    raw += added;
    if (textAt < 0) {
      const found = added.search(/\S/);
      if (found >= 0) textAt = from + found;
    }
    if (textAt >= 0) {
      const after = added.slice(Math.max(0, textAt - from));
      lineEnded = after.includes('\n') || after.includes('\r');
    }
  }
  const head = toLf(raw).replace(LEADING_BLANK_LINES, '');
  if (head.trim() === '') throw new PipelineError('EMPTY_FILE', 'The file holds no header and no data: it is empty or only blank lines.');
  const delimiter = options.delimiter ?? detectDelimiter(head);
  log.push(`Delimiter: ${JSON.stringify(delimiter)}${options.delimiter ? ' (chosen)' : ' (detected from the header line)'}.`);

  // The header is the first record that is not a blank line: decode whole records until one is.
  const splitter = new ByteRecordSplitter(delimiter, chunkSize, options.max_record_bytes, new TextDecoder(chunkEncoding));
  // The splitter copies what it is given: a piece the job owns can then be filled again.
  const push = (bytes: Uint8Array) => {
    splitter.push(bytes);
    if (io.handsOver) giveBuffer(bytes.buffer);
  };
  const firstDecoder = new TextStream(chunkEncoding, bomBytes);
  let first = '';
  const addRecords = (bytes: Uint8Array) => (first = toLf(first + firstDecoder.push(bytes)).replace(LEADING_BLANK_LINES, ''));
  while (!/\S/.test(first)) {
    const records = splitter.takeComplete();
    if (records !== null) {
      addRecords(records.bytes);
      continue;
    }
    let more = held.shift();
    if (more === undefined && !ended) {
      const next = await pieces.next();
      if (next.done) ended = true;
      else more = next.value;
    }
    if (more === undefined) {
      for (const rest of splitter.end()) addRecords(rest.bytes);
      first += firstDecoder.end();
      break;
    }
    push(more);
  }
  // PapaParse's fast mode (text without quotes) reports a cursor one record too far with
  // preview: the full parser stops right after the header.
  const parsed = Papa.parse<string[]>(first, { delimiter, newline: '\n', quoteChar: '"', escapeChar: '"', preview: 1, fastMode: false });
  const header = parsed.data[0] ?? [];
  if (header.length > options.max_columns) {
    throw new PipelineError(
      'TOO_MANY_COLUMNS',
      `The header has ${header.length.toLocaleString('en-US')} columns, more than the limit of ${options.max_columns.toLocaleString('en-US')} (max_columns). If the delimiter ${JSON.stringify(delimiter)} is wrong, choose the right one; if the file really is this wide, raise max_columns.`,
      { byteOffset: bomBytes },
    );
  }

  const chunks = (async function* (): AsyncGenerator<InputChunk> {
    // Records decoded along with the header go out as UTF-8 (they are checked already).
    const afterHeader = first.slice(parsed.meta.cursor);
    let rows = 0;
    forEachRecord(afterHeader, delimiter, (fields, quoteError) => void (isBlankRecord(fields, quoteError) || rows++));
    if (rows > 0) yield { bytes: new TextEncoder().encode(afterHeader), encoding: 'utf-8', offset: 0, firstRow: 1, records: rows };
    const chunk = (piece: BytePiece): InputChunk => {
      const firstRow = rows + 1;
      rows += piece.records;
      return { bytes: piece.bytes, encoding: chunkEncoding, offset: bomBytes + piece.offset, firstRow, records: piece.records };
    };
    for (;;) {
      for (let piece = splitter.take(); piece !== null; piece = splitter.take()) yield chunk(piece);
      if (ended) break;
      const next = await pieces.next();
      if (next.done) break;
      push(next.value);
    }
    for (const piece of splitter.end()) yield chunk(piece);
  })();
  return { encoding, delimiter, header, log, chunks, bytesRead: () => outer.bytesRead };
}
