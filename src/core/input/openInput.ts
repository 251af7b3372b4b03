import Papa from 'papaparse';
import { PipelineError, isPipelineError } from '../errors.ts';
import type { Encoding, JobOptions } from '../options.ts';
import { ByteReader } from './ByteReader.ts';
import { TextStream, type Latin1Decode } from './decodeText.ts';
import { detectDelimiter } from './header.ts';
import { RecordSplitter } from './RecordSplitter.ts';
import { sniff } from './sniff.ts';

export interface InputIO {
  source: AsyncIterable<Uint8Array>;
  gunzip(stream: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array>;
  /** A fast byte-to-character copy, where the platform has one (see TextStream). */
  latin1?: Latin1Decode;
  signal?: { readonly aborted: boolean };
}

/** A file opened for reading: what it is, its header, and its records in chunks. */
export interface OpenedInput {
  encoding: Encoding;
  delimiter: string;
  header: string[];
  log: string[];
  /** Whole records after the header, in pieces that end on record boundaries. */
  chunks: AsyncGenerator<string>;
  /** Bytes of the file (as stored, compressed or not) read so far. */
  bytesRead(): number;
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

export const cancelled = () => new PipelineError('CANCELLED', 'The job was cancelled.');

/**
 * Opens a byte stream as CSV: sniffs it (refusing empty and binary files), decompresses gzip,
 * decodes it, reads the header (skipping blank lines before it) and detects the delimiter.
 * Text is decoded in pieces of at most `chunkSize` bytes, so a small chunk size puts a piece
 * boundary inside multi-byte characters: the decoder carries them over.
 */
export async function openInput(io: InputIO, options: JobOptions, chunkSize: number): Promise<OpenedInput> {
  const log: string[] = [];
  const outer = new ByteReader(io.source);
  let reader = outer;
  let sniffed = sniff(await outer.peek(SNIFF_BYTES), options.encoding);
  if (sniffed.kind === 'gzip') {
    log.push('The file is gzip-compressed: reading it through decompression.');
    reader = new ByteReader(damagedGzipIsAnError(io.gunzip(outer)));
    sniffed = sniff(await reader.peek(SNIFF_BYTES), options.encoding);
    if (sniffed.kind === 'gzip') throw new PipelineError('NOT_TEXT', 'The file is gzip inside gzip: decompress it once and pick the result.');
  }
  const { encoding, bomBytes } = sniffed;
  log.push(`Encoding: ${encoding}${bomBytes > 0 ? ' (byte-order mark dropped)' : ''}.`);

  const decoder = new TextStream(encoding, bomBytes, io.latin1);
  const endings = new LineEndings();
  let skipBom = bomBytes;
  // Decoded pieces are gathered to about chunkSize and joined once: growing one string piece by
  // piece would copy it again at every step.
  const text = (async function* (): AsyncGenerator<string> {
    let parts: string[] = [];
    let size = 0;
    for await (let bytes of reader) {
      if (io.signal?.aborted) throw cancelled();
      if (skipBom > 0) {
        const skip = Math.min(skipBom, bytes.length);
        bytes = bytes.subarray(skip);
        skipBom -= skip;
      }
      for (let at = 0; at < bytes.length; at += chunkSize) {
        const piece = endings.push(decoder.push(bytes.subarray(at, at + chunkSize)));
        parts.push(piece);
        size += piece.length;
        if (size >= chunkSize) {
          // A lone part goes as it is: joining would copy it, and copies of large strings are slow.
          yield parts.length === 1 ? parts[0]! : parts.join('');
          parts = [];
          size = 0;
        }
      }
    }
    parts.push(endings.push(decoder.end()) + endings.end());
    const last = parts.join('');
    if (last !== '') yield last;
  })();

  // The header is the first record that is not a blank line.
  let head = '';
  let ended = false;
  while (!/\S[^\n]*\n/.test(head) && head.length <= options.max_record_bytes) {
    const next = await text.next();
    if (next.done) {
      ended = true;
      break;
    }
    head = (head + next.value).replace(/^(?:[^\S\n]*\n)+/, '');
  }
  if (head.trim() === '') throw new PipelineError('EMPTY_FILE', 'The file holds no header and no data: it is empty or only blank lines.');
  const delimiter = options.delimiter ?? detectDelimiter(head);
  log.push(`Delimiter: ${JSON.stringify(delimiter)}${options.delimiter ? ' (chosen)' : ' (detected from the header line)'}.`);
  const splitter = new RecordSplitter(delimiter, options.max_record_bytes);
  splitter.push(head);
  while (splitter.ready === 0 && !ended) {
    const next = await text.next();
    if (next.done) ended = true;
    else splitter.push(next.value);
  }
  const first = splitter.ready === 0 ? splitter.end() : splitter.take();
  // PapaParse's fast mode (text without quotes) reports a cursor one record too far with
  // preview: the full parser stops right after the header.
  const parsed = Papa.parse<string[]>(first, { delimiter, newline: '\n', quoteChar: '"', escapeChar: '"', preview: 1, fastMode: false });
  const header = parsed.data[0] ?? [];

  const chunks = (async function* (): AsyncGenerator<string> {
    // Records read along with the header are whole: they go out as a piece of their own.
    const afterHeader = first.slice(parsed.meta.cursor);
    if (afterHeader !== '') yield afterHeader;
    for await (const piece of text) {
      splitter.push(piece);
      if (splitter.ready > 0) yield splitter.take();
    }
    const rest = splitter.end();
    if (rest !== '') yield rest;
  })();
  return { encoding, delimiter, header, log, chunks, bytesRead: () => outer.bytesRead };
}
