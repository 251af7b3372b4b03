import { reasonCode, type ReasonCode } from '../contract.ts';
import { countAccepted, countRejected, newTotals, uncountAccepted, type Totals } from '../aggregate/Totals.ts';
import { RowCleaner } from '../clean/RowCleaner.ts';
import type { ColumnPlan } from '../input/header.ts';
import type { Lookups } from '../lookups/lookups.ts';
import type { JobOptions } from '../options.ts';
import { ByteLines } from '../output/ByteLines.ts';
import { CleanedCsv, rejectedRest } from '../output/rowsCsv.ts';
import { chunkText, type InputChunk } from '../input/openInput.ts';
import { forEachRecord, isBlankRecord } from '../input/records.ts';

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
  totals: Totals;
}

/**
 * A chunk after its first step: everything is done but check 13, which needs the earlier chunks.
 * It is kept in forms the garbage collector need not copy: lines as bytes, rows as integers.
 */
interface Cleaned {
  text: string;
  firstRow: number;
  /** Numbered lines, final unless a claimed id turns out to be taken. */
  cleaned: ByteLines;
  rejected: ByteLines;
  /** The row number of each rejected line. */
  rejectedRows: number[];
  /** Per claimed id (one per cleaned line): its row number, and where its record is in the text. */
  claimedRows: number[];
  claimedSpans: number[];
  ids: ByteLines;
  /** As if every claim holds; finish() takes duplicates back out. */
  totals: Totals;
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
  private readonly csv = new CleanedCsv();
  private readonly pending = new Map<number, Cleaned>();

  constructor(private readonly setup: ChunkSetup) {
    this.cleaner = new RowCleaner(setup.plan, setup.options, setup.lookups);
  }

  clean(seq: number, input: InputChunk): ChunkClaims {
    const chunk = this.cleanText(chunkText(input), input.firstRow, null);
    const rows = chunk.claimedRows.length + chunk.rejectedRows.length;
    if (rows !== input.records) {
      throw new Error(`Internal error: chunk ${seq} holds ${rows} records where ${input.records} were counted when it was cut. Please report this with the file.`);
    }
    this.pending.set(seq, chunk);
    const ids = chunk.ids;
    const idEnds = new Uint32Array(ids.count);
    for (let k = 0; k < idEnds.length; k++) idEnds[k] = ids.end(k);
    // A view, not a copy: the ids are not needed here again, so their buffer can be transferred.
    return { ids: ids.bytes.subarray(0, ids.used), idEnds };
  }

  /** Step one over a chunk; rows in `duplicates` are rejected as such, without a claim. */
  private cleanText(text: string, firstRow: number, duplicates: ReadonlySet<number> | null): Cleaned {
    const { plan, delimiter, options } = this.setup;
    const width = plan.header.length;
    const chunk: Cleaned = {
      text,
      firstRow,
      // Lines come to about the size of the text they came from, mostly cleaned.
      cleaned: new ByteLines(text.length + (text.length >> 3) + 1024),
      rejected: new ByteLines((text.length >> 2) + 1024),
      rejectedRows: [],
      claimedRows: [],
      claimedSpans: [],
      ids: new ByteLines((text.length >> 3) + 1024),
      totals: newTotals(),
    };
    let row = firstRow;
    const reject = (reason: ReasonCode, record: string[]) => {
      chunk.rejectedRows.push(row);
      chunk.rejected.push(row + rejectedRest(reason, record, width, delimiter));
      countRejected(chunk.totals, reason);
      row++;
    };
    // Record by record, not an array of all records: a record then dies young, where a whole
    // chunk of parsed records would be copied by every young-generation collection.
    forEachRecord(text, delimiter, (record, quoteError, start, end) => {
      if (isBlankRecord(record, quoteError)) return;
      const result = this.cleaner.clean(record, quoteError);
      if (typeof result === 'number') return reject(result, record);
      if (duplicates?.has(row)) return reject(DUPLICATE, record);
      result.rowNumber = row;
      chunk.claimedRows.push(row);
      chunk.claimedSpans.push(start, end);
      chunk.ids.push(result.orderId);
      this.csv.write(chunk.cleaned, result);
      countAccepted(chunk.totals, result, options.anomaly_top_n);
      row++;
    });
    return chunk;
  }

  finish(seq: number, verdict: ChunkVerdict): ChunkOutput {
    const chunk = this.pending.get(seq);
    if (chunk === undefined) throw new Error(`Chunk ${seq} was never cleaned here.`);
    this.pending.delete(seq);
    const taken: number[] = [];
    verdict.duplicate.forEach((dup, k) => dup && taken.push(k));
    if (taken.length === 0) return { cleaned: lineBytes(chunk.cleaned), rejected: lineBytes(chunk.rejected), totals: chunk.totals };

    const records = taken.map((k) => this.reread(chunk, k));
    if (!this.takeBack(chunk, taken, records)) {
      // The totals cannot be mended: count the chunk again, with the duplicates known.
      const again = this.cleanText(chunk.text, chunk.firstRow, new Set(taken.map((k) => chunk.claimedRows[k]!)));
      return { cleaned: lineBytes(again.cleaned), rejected: lineBytes(again.rejected), totals: again.totals };
    }
    const { plan, delimiter } = this.setup;
    const duplicates = new ByteLines();
    taken.forEach((k, i) => duplicates.push(chunk.claimedRows[k]! + rejectedRest(DUPLICATE, records[i]!, plan.header.length, delimiter)));
    return {
      cleaned: withoutLines(chunk.cleaned, taken),
      rejected: mergedLines(chunk.rejected, chunk.rejectedRows, duplicates, taken.map((k) => chunk.claimedRows[k]!)),
      totals: chunk.totals,
    };
  }

  /** Takes claimed rows that turned out to be duplicates out of the chunk's totals; false when that cannot be done exactly. */
  private takeBack(chunk: Cleaned, taken: number[], records: string[][]): boolean {
    for (let i = 0; i < taken.length; i++) {
      const row = this.cleaner.clean(records[i]!, false);
      if (typeof row === 'number') throw new Error('A claimed row no longer cleans the same way.');
      row.rowNumber = chunk.claimedRows[taken[i]!]!;
      if (!uncountAccepted(chunk.totals, row)) return false;
      countRejected(chunk.totals, DUPLICATE);
    }
    return true;
  }

  /** The cells of a claimed record, read again from the text. */
  private reread(chunk: Cleaned, claim: number): string[] {
    const text = chunk.text.slice(chunk.claimedSpans[2 * claim], chunk.claimedSpans[2 * claim + 1]);
    let cells: string[] = [];
    forEachRecord(text, this.setup.delimiter, (fields) => (cells = cells.length > 0 ? cells : fields));
    return cells;
  }
}

const lineBytes = (lines: ByteLines): Uint8Array => lines.bytes.subarray(0, lines.used);

/** The lines less those numbered in `skip` (ascending), copied in runs. */
function withoutLines(lines: ByteLines, skip: number[]): Uint8Array {
  const out = new Uint8Array(lines.used);
  let used = 0;
  let from = 0;
  for (const line of skip) {
    const start = lines.start(line);
    out.set(lines.bytes.subarray(from, start), used);
    used += start - from;
    from = lines.end(line);
  }
  out.set(lines.bytes.subarray(from, lines.used), used);
  used += lines.used - from;
  return out.subarray(0, used);
}

/** Two sets of numbered lines, each in row order, merged into one in row order. */
function mergedLines(a: ByteLines, aRows: number[], b: ByteLines, bRows: number[]): Uint8Array {
  const out = new Uint8Array(a.used + b.used);
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
    while (k < aRows.length && aRows[k]! < bRows[j]!) k++;
    copy(a, i, k);
    copy(b, j, j + 1);
    i = k;
  }
  copy(a, i, aRows.length);
  return out;
}
