import { reasonCode } from '../contract.ts';
import { ChunkTally, type ChunkTotals } from '../aggregate/ChunkTally.ts';
import { KeyBook } from '../aggregate/KeyBook.ts';
import { isAnomalyCandidate } from '../aggregate/Totals.ts';
import { giveBuffer, takeBuffer } from '../bufferPool.ts';
import { isBlankBytes } from '../clean/asciiCells.ts';
import { RowCleaner } from '../clean/RowCleaner.ts';
import type { ColumnPlan } from '../input/header.ts';
import { ByteRecordReader, type ByteRecordVisitor } from '../input/ByteRecordReader.ts';
import type { Lookups } from '../lookups/lookups.ts';
import type { JobOptions } from '../options.ts';
import { ByteLines } from '../output/ByteLines.ts';
import { writeRejected } from '../output/rowsCsv.ts';
import { chunkText, type InputChunk } from '../input/openInput.ts';
import { NumberList } from './NumberList.ts';

const DUPLICATE = reasonCode('duplicate_order_id');

/** What every chunk of a job is cleaned with. Plain data: it is sent to each worker once. */
export interface ChunkSetup {
  plan: ColumnPlan;
  delimiter: string;
  options: JobOptions;
  lookups: Lookups;
}

/** A cleaned chunk's claim on order ids: the id of every accepted row in order, UTF-8, end to end. */
export interface ChunkClaims {
  ids: Uint8Array;
  idEnds: Uint32Array;
}

/** The ordered merge's answer to a chunk's claims. */
export interface ChunkVerdict {
  /** One byte per claimed id: 1 when an earlier row (of this chunk or one before) already has it. */
  duplicate: Uint8Array;
}

export interface ChunkOutput {
  /** Cleaned and rejected rows as CSV lines, UTF-8, ready for their files. */
  cleaned: Uint8Array;
  rejected: Uint8Array;
  totals: ChunkTotals;
  /** The chunk's own bytes, done with: handed back for reuse (bufferPool). */
  input: Uint8Array;
}

/**
 * A chunk after its first step: everything is done but check 13, which needs the earlier chunks.
 * It is kept in forms the garbage collector need not copy: lines as bytes, rows as integers.
 */
interface Cleaned {
  /** The chunk as UTF-8. */
  bytes: Uint8Array;
  input: InputChunk;
  /** Numbered lines, final unless a claimed id turns out to be taken. */
  cleaned: ByteLines;
  rejected: ByteLines;
  /** The row number of each rejected line. */
  rejectedRows: NumberList;
  /** Per claimed id (one per cleaned line): its row number, and where to read its record again (two numbers). */
  claimedRows: NumberList;
  claimedAt: NumberList;
  ids: ByteLines;
  /** As if every claim holds; finish() takes duplicates back out. */
  totals: ChunkTally;
}

/**
 * Cleans chunks of whole records in two steps, so that chunks can be cleaned in parallel and
 * still agree with a single pass over the file. Row numbers come with the chunk (the coordinator
 * counts records as it cuts them). `clean` runs checks 1-12, writes every row's numbered line and
 * counts the rows as if every claimed id holds; the coordinator, in file order, answers which ids
 * an earlier accepted row already has; `finish` moves those rows to the rejected lines as
 * duplicates and takes them back out of the totals.
 */
export class ChunkProcessor {
  private readonly cleaner: RowCleaner;
  private readonly book = new KeyBook();
  private readonly pending = new Map<number, Cleaned>();
  private readonly records: ByteRecordReader;
  /** The chunk being read, for the error of invalid UTF-8 in it. */
  private reading: InputChunk | null = null;

  constructor(private readonly setup: ChunkSetup) {
    this.cleaner = new RowCleaner(setup.plan, setup.options, setup.lookups);
    this.records = new ByteRecordReader(setup.delimiter, () => {
      const input = this.reading!;
      // Decoding the chunk as text throws the error that names the offset.
      chunkText(input);
      throw new Error(`Internal error: the chunk at byte ${input.offset} was found invalid as UTF-8, yet decodes.`);
    });
  }

  clean(seq: number, input: InputChunk): ChunkClaims {
    const chunk = this.cleanBytes(utf8Bytes(input), input, null);
    const rows = chunk.claimedRows.length + chunk.rejectedRows.length;
    if (rows !== input.records) {
      throw new Error(`Internal error: chunk ${seq} holds ${rows} records where ${input.records} were counted when it was cut. Please report this with the file.`);
    }
    this.pending.set(seq, chunk);
    const ids = chunk.ids;
    const idEnds = new Uint32Array(takeBuffer(4 * ids.count).buffer, 0, ids.count);
    for (let k = 0; k < idEnds.length; k++) idEnds[k] = ids.end(k);
    ids.releaseEnds();
    // A view, not a copy: the ids are not needed here again, so their buffer can be transferred.
    return { ids: ids.bytes.subarray(0, ids.used), idEnds };
  }

  /** Step one over a chunk; rows in `duplicates` are rejected as such, without a claim. */
  private cleanBytes(bytes: Uint8Array, input: InputChunk, duplicates: ReadonlySet<number> | null): Cleaned {
    const { plan, options, delimiter } = this.setup;
    const width = plan.header.length;
    const comma = delimiter === ',';
    const limit = options.anomaly_top_n;
    const cleaner = this.cleaner;
    const chunk: Cleaned = {
      bytes,
      input,
      // Lines come to about the size of the records they came from, mostly cleaned.
      cleaned: new ByteLines(bytes.length + (bytes.length >> 3) + 1024, input.records),
      rejected: new ByteLines((bytes.length >> 2) + 1024),
      rejectedRows: new NumberList(input.records),
      claimedRows: new NumberList(input.records),
      claimedAt: new NumberList(2 * input.records),
      ids: new ByteLines((bytes.length >> 3) + 1024, input.records),
      totals: new ChunkTally(this.book),
    };
    const totals = chunk.totals;
    let row = input.firstRow;
    this.reader(input).read(bytes, (record, starts, ends, count, quoteError, high, at, index) => {
      // An entirely blank line (one field of nothing but whitespace) is skipped and not counted.
      if (!quoteError && count === 1 && isBlankBytes(record, starts[0]!, ends[0]!)) return;
      let result = cleaner.clean(record, starts, ends, count, quoteError, high);
      if (typeof result !== 'number' && duplicates?.has(row)) result = DUPLICATE;
      if (typeof result === 'number') {
        chunk.rejectedRows.push(row);
        // A record read from a line of the chunk as it stands (not re-encoded from quoted fields).
        writeRejected(chunk.rejected, row, result, record, starts, ends, count, width, comma && record === bytes);
        totals.countRejected(result);
      } else {
        result.rowNumber = row;
        chunk.claimedRows.push(row);
        chunk.claimedAt.push(at);
        chunk.claimedAt.push(index);
        if (isAnomalyCandidate(totals.anomalies, result, limit)) cleaner.spell(result);
        cleaner.write(chunk.cleaned, chunk.ids, result);
        totals.countAccepted(result, limit);
      }
      row++;
    });
    return chunk;
  }

  private reader(input: InputChunk): ByteRecordReader {
    this.reading = input;
    return this.records;
  }

  finish(seq: number, verdict: ChunkVerdict): ChunkOutput {
    const chunk = this.pending.get(seq);
    if (chunk === undefined) throw new Error(`Chunk ${seq} was never cleaned here.`);
    this.pending.delete(seq);
    const taken: number[] = [];
    verdict.duplicate.forEach((dup, k) => dup && taken.push(k));
    const input = chunk.input.bytes;
    if (taken.length === 0) {
      release(chunk);
      return { cleaned: lineBytes(chunk.cleaned), rejected: lineBytes(chunk.rejected), totals: chunk.totals.output(), input };
    }

    if (!this.takeBack(chunk, taken)) {
      // The totals cannot be mended: count the chunk again, with the duplicates known.
      const duplicates = new Set(taken.map((k) => chunk.claimedRows.at(k)));
      release(chunk);
      giveBuffer(chunk.cleaned.bytes.buffer);
      giveBuffer(chunk.rejected.bytes.buffer);
      const again = this.cleanBytes(chunk.bytes, chunk.input, duplicates);
      release(again);
      again.ids.releaseEnds();
      giveBuffer(again.ids.bytes.buffer);
      return { cleaned: lineBytes(again.cleaned), rejected: lineBytes(again.rejected), totals: again.totals.output(), input };
    }
    const width = this.setup.plan.header.length;
    const duplicates = new ByteLines();
    for (const k of taken) {
      this.reread(chunk, k, (record, starts, ends, count) => writeRejected(duplicates, chunk.claimedRows.at(k), DUPLICATE, record, starts, ends, count, width));
    }
    const output = {
      cleaned: withoutLines(chunk.cleaned, taken),
      rejected: mergedLines(chunk.rejected, chunk.rejectedRows, duplicates, taken.map((k) => chunk.claimedRows.at(k))),
      totals: chunk.totals.output(),
      input,
    };
    release(chunk);
    duplicates.releaseEnds();
    return output;
  }

  /** Takes claimed rows that turned out to be duplicates out of the chunk's totals; false when that cannot be done exactly. */
  private takeBack(chunk: Cleaned, taken: number[]): boolean {
    for (const k of taken) {
      let exact = true;
      this.reread(chunk, k, (record, starts, ends, count, quoteError, high) => {
        const row = this.cleaner.clean(record, starts, ends, count, quoteError, high);
        if (typeof row === 'number') throw new Error('A claimed row no longer cleans the same way.');
        row.rowNumber = chunk.claimedRows.at(k);
        exact = chunk.totals.uncountAccepted(row);
      });
      if (!exact) return false;
      chunk.totals.countRejected(DUPLICATE);
    }
    return true;
  }

  /** Reads a claimed record again and hands it to `use`. */
  private reread(chunk: Cleaned, claim: number, use: ByteRecordVisitor): void {
    const at = chunk.claimedAt.at(2 * claim);
    const index = chunk.claimedAt.at(2 * claim + 1);
    this.reader(chunk.input).read(
      chunk.bytes,
      (record, starts, ends, count, quoteError, high, from, k) => {
        if (k !== index) return true;
        use(record, starts, ends, count, quoteError, high, from, k);
        return false;
      },
      at,
    );
  }
}

/** Gives a chunk's row lists and line ends back to the pool once its outputs are made (the line bytes go on). */
function release(chunk: Cleaned): void {
  chunk.cleaned.releaseEnds();
  chunk.rejected.releaseEnds();
  chunk.rejectedRows.release();
  chunk.claimedRows.release();
  chunk.claimedAt.release();
}

/** The chunk's bytes as UTF-8: windows-1252 is re-encoded (it cannot be invalid). */
function utf8Bytes(input: InputChunk): Uint8Array {
  if (input.encoding === 'utf-8') return input.bytes;
  return new TextEncoder().encode(new TextDecoder(input.encoding).decode(input.bytes));
}


const lineBytes = (lines: ByteLines): Uint8Array => lines.bytes.subarray(0, lines.used);

/**
 * The lines less those numbered in `skip` (ascending), moved down in runs within their own
 * buffer: a fresh buffer of megabytes costs more to touch than the copy (page faults).
 */
function withoutLines(lines: ByteLines, skip: number[]): Uint8Array {
  const bytes = lines.bytes;
  let used = 0;
  let from = 0;
  for (const line of skip) {
    const start = lines.start(line);
    bytes.copyWithin(used, from, start);
    used += start - from;
    from = lines.end(line);
  }
  bytes.copyWithin(used, from, lines.used);
  used += lines.used - from;
  return bytes.subarray(0, used);
}

/** Two sets of numbered lines, each in row order, merged into one in row order; their buffers are given back. */
function mergedLines(a: ByteLines, aRows: NumberList, b: ByteLines, bRows: number[]): Uint8Array {
  // As large as the lines it replaces, so that it can be filled again with a chunk's rejected lines.
  const out = takeBuffer(Math.max(a.bytes.length, a.used + b.used));
  let used = 0;
  const copy = (lines: ByteLines, from: number, to: number) => {
    if (to <= from) return;
    const start = lines.start(from);
    const end = lines.end(to - 1);
    out.set(lines.bytes.subarray(start, end), used);
    used += end - start;
  };
  let i = 0;
  for (let j = 0; j < bRows.length; j++) {
    let k = i;
    while (k < aRows.length && aRows.at(k) < bRows[j]!) k++;
    copy(a, i, k);
    copy(b, j, j + 1);
    i = k;
  }
  copy(a, i, aRows.length);
  giveBuffer(a.bytes.buffer);
  giveBuffer(b.bytes.buffer);
  return out.subarray(0, used);
}
