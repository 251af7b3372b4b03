import { reasonCode, type ReasonCode } from '../contract.ts';
import { countAccepted, countRejected, newTotals, uncountAccepted, type Totals } from '../aggregate/Totals.ts';
import { RowCleaner } from '../clean/RowCleaner.ts';
import type { ColumnPlan } from '../input/header.ts';
import type { Lookups } from '../lookups/lookups.ts';
import type { JobOptions } from '../options.ts';
import { ByteLines, NumberedLines } from '../output/ByteLines.ts';
import { CleanedCsv, rejectedRest } from '../output/rowsCsv.ts';
import { chunkText, type InputChunk } from '../input/openInput.ts';
import { forEachRecord } from '../input/records.ts';

const DUPLICATE = reasonCode('duplicate_order_id');

/** What every chunk of a job is cleaned with. Plain data: it is sent to each worker once. */
export interface ChunkSetup {
  plan: ColumnPlan;
  delimiter: string;
  options: JobOptions;
  lookups: Lookups;
}

/** A cleaned chunk's claim on order ids: the id of every candidate row in order, UTF-8, end to end. */
export interface ChunkClaims {
  records: number;
  ids: Uint8Array;
  idEnds: Uint32Array;
}

/** The ordered merge's answer to a chunk's claims. */
export interface ChunkVerdict {
  firstRowNumber: number;
  /** One byte per claimed id: 1 when an earlier row (of this chunk or one before) already has it. */
  duplicate: Uint8Array;
}

export interface ChunkOutput {
  /** Cleaned and rejected rows as CSV lines, UTF-8, ready for their files. */
  cleaned: Uint8Array;
  rejected: Uint8Array;
  totals: Totals;
}

/** A record's line in the cleaned file (>= 0) or the rejected one (~line, < 0). */
type LineRef = number;

/**
 * A chunk after its first step. Everything is done but what needs the earlier chunks (row
 * numbers, and whether a claimed id was taken before), and it is kept in forms the garbage
 * collector need not copy: lines as bytes, records as small integers.
 */
interface Cleaned {
  text: string;
  /** Per record: where its line is. */
  lines: LineRef[];
  cleaned: ByteLines;
  rejected: ByteLines;
  /** Per claimed id: its record, and that record's index among PapaParse's rows. */
  claimed: number[];
  claimedAt: number[];
  ids: ByteLines;
  /** As if every claim holds; finish() takes duplicates back out. */
  totals: Totals;
}

/**
 * Cleans chunks of whole records in two steps, so that chunks can be cleaned in parallel and
 * still agree with a single pass over the file: `clean` runs checks 1-12, writes every row's line
 * but for its row number and counts the rows as if every claimed id holds; the coordinator, in
 * file order, answers which ids an earlier accepted row already has and where the chunk's row
 * numbers start; `finish` takes the duplicates back out and numbers the lines.
 */
export class ChunkProcessor {
  private readonly cleaner: RowCleaner;
  private readonly csv = new CleanedCsv();
  private readonly pending = new Map<number, Cleaned>();

  constructor(private readonly setup: ChunkSetup) {
    this.cleaner = new RowCleaner(setup.plan, setup.options, setup.lookups);
  }

  clean(seq: number, input: InputChunk): ChunkClaims {
    const chunk = this.cleanText(chunkText(input), null);
    this.pending.set(seq, chunk);
    const ids = chunk.ids;
    const idEnds = new Uint32Array(chunk.claimed.length);
    for (let k = 0; k < idEnds.length; k++) idEnds[k] = ids.end(k);
    // A view, not a copy: the ids are not needed here again, so their buffer can be transferred.
    return { records: chunk.lines.length, ids: ids.bytes.subarray(0, ids.used), idEnds };
  }

  /** Step one over a chunk; `duplicates` (record numbers) are rejected as such without a claim. */
  private cleanText(text: string, duplicates: ReadonlySet<number> | null): Cleaned {
    const { plan, delimiter, options } = this.setup;
    const width = plan.header.length;
    const chunk: Cleaned = {
      text,
      lines: [],
      // Lines come to about the size of the text they came from, mostly cleaned.
      cleaned: new ByteLines(text.length + 1024),
      rejected: new ByteLines((text.length >> 2) + 1024),
      claimed: [],
      claimedAt: [],
      ids: new ByteLines((text.length >> 3) + 1024),
      totals: newTotals(),
    };
    const reject = (reason: ReasonCode, record: string[]) => {
      chunk.lines.push(~chunk.rejected.count);
      chunk.rejected.push(rejectedRest(reason, record, width, delimiter));
      countRejected(chunk.totals, reason);
    };
    let at = -1;
    // Record by record, not an array of all records: a record then dies young, where a whole
    // chunk of parsed records would be copied by every young-generation collection.
    forEachRecord(text, delimiter, (record, quoteError) => {
      at++;
      // An entirely blank line is skipped and not counted.
      if (record.length === 1 && record[0]!.trim() === '' && !quoteError) return;
      const result = this.cleaner.clean(record, quoteError);
      if (typeof result === 'number') return reject(result, record);
      if (duplicates?.has(chunk.lines.length)) return reject(DUPLICATE, record);
      result.rowNumber = chunk.lines.length;
      if (duplicates === null) {
        chunk.claimed.push(chunk.lines.length);
        chunk.claimedAt.push(at);
        chunk.ids.push(result.orderId);
      }
      chunk.lines.push(chunk.cleaned.count);
      chunk.cleaned.push(this.csv.rest(result));
      countAccepted(chunk.totals, result, options.anomaly_top_n);
    });
    return chunk;
  }

  finish(seq: number, verdict: ChunkVerdict): ChunkOutput {
    let chunk = this.pending.get(seq);
    if (chunk === undefined) throw new Error(`Chunk ${seq} was never cleaned here.`);
    this.pending.delete(seq);
    const reread = this.reread(chunk, verdict.duplicate);
    let duplicateLines = reread.length > 0 ? this.duplicateLines(reread) : null;
    if (duplicateLines !== null && !this.takeBack(chunk, reread)) {
      chunk = this.cleanText(chunk.text, new Set(duplicateLines.keys()));
      duplicateLines = null;
    }

    const cleaned = new NumberedLines(chunk.cleaned.used + chunk.lines.length * 8);
    const rejected = new NumberedLines(chunk.rejected.used + chunk.rejected.count * 8 + 1024);
    chunk.lines.forEach((line, i) => {
      const rowNumber = verdict.firstRowNumber + i;
      const dup = duplicateLines?.get(i);
      if (dup !== undefined) rejected.add(rowNumber, dup, 0);
      else if (line >= 0) cleaned.add(rowNumber, chunk.cleaned, line);
      else rejected.add(rowNumber, chunk.rejected, ~line);
    });
    for (const row of chunk.totals.anomalies) row.rowNumber += verdict.firstRowNumber;
    return { cleaned: cleaned.take(), rejected: rejected.take(), totals: chunk.totals };
  }

  /**
   * Takes rows whose id an earlier row took out of the chunk's totals, re-reading their cells;
   * false when the totals cannot be mended and the chunk must be counted again.
   */
  private takeBack(chunk: Cleaned, reread: Array<[number, string[]]>): boolean {
    for (const [i, record] of reread) {
      const row = this.cleaner.clean(record, false);
      if (typeof row === 'number') throw new Error('A claimed row no longer cleans the same way.');
      row.rowNumber = i;
      if (!uncountAccepted(chunk.totals, row)) return false;
      countRejected(chunk.totals, DUPLICATE);
    }
    return true;
  }

  /** The rejected lines of duplicates, by record. */
  private duplicateLines(reread: Array<[number, string[]]>): Map<number, ByteLines> {
    const { plan, delimiter } = this.setup;
    const lines = new Map<number, ByteLines>();
    for (const [i, record] of reread) {
      const line = new ByteLines();
      line.push(rejectedRest(DUPLICATE, record, plan.header.length, delimiter));
      lines.set(i, line);
    }
    return lines;
  }

  /** The cells of claimed records that turned out to be duplicates, read again from the text. */
  private reread(chunk: Cleaned, duplicate: Uint8Array): Array<[record: number, cells: string[]]> {
    const wanted: number[] = [];
    duplicate.forEach((dup, k) => dup && wanted.push(k));
    if (wanted.length === 0) return [];
    const byRow = new Map(wanted.map((k) => [chunk.claimedAt[k]!, chunk.claimed[k]!]));
    const found: Array<[number, string[]]> = [];
    let at = -1;
    forEachRecord(chunk.text, this.setup.delimiter, (fields) => {
      const record = byRow.get(++at);
      if (record !== undefined) found.push([record, fields]);
    });
    return found;
  }
}
