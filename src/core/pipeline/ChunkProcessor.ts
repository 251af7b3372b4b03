import Papa from 'papaparse';
import { reasonCode, type ReasonCode } from '../contract.ts';
import { countAccepted, countRejected, newTotals, type AcceptedRow, type Totals } from '../aggregate/Totals.ts';
import { RowCleaner } from '../clean/RowCleaner.ts';
import type { ColumnPlan } from '../input/header.ts';
import type { Lookups } from '../lookups/lookups.ts';
import type { JobOptions } from '../options.ts';
import { CleanedCsv, rejectedRest } from '../output/rowsCsv.ts';

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
  cleaned: string;
  rejected: string;
  totals: Totals;
}

/** Marks a record that passed checks 1-12 and waits for the verdict on its id. */
const CANDIDATE = 255;

/**
 * What a chunk keeps between its two steps. It is kept small on purpose: rows live from one step
 * to the other, and everything alive when the young generation is collected gets copied, so the
 * parsed fields are dropped after the first step and re-read in the rare case that they are needed.
 */
interface Pending {
  text: string;
  /** Per record: its reason code, or CANDIDATE. */
  kind: number[];
  /** Per record: its output line after the row number. */
  rest: string[];
  /** Per record: the cleaned row of a candidate. */
  rows: Array<AcceptedRow | undefined>;
  /** Per claimed id: the record that claims it, and its index among PapaParse's rows. */
  claimed: number[];
  claimedAt: number[];
}

const encoder = new TextEncoder();
function encodeIds(ids: string[]): { ids: Uint8Array; idEnds: Uint32Array } {
  const idEnds = new Uint32Array(ids.length);
  const joined = encoder.encode(ids.join(''));
  let end = 0;
  // Only all-ASCII text has as many UTF-8 bytes as UTF-16 units: then lengths give the ends.
  if (joined.length === ids.reduce((n, id) => n + id.length, 0)) {
    ids.forEach((id, i) => (idEnds[i] = end += id.length));
    return { ids: joined, idEnds };
  }
  const parts = ids.map((id) => encoder.encode(id));
  parts.forEach((part, i) => {
    joined.set(part, end);
    idEnds[i] = end += part.length;
  });
  return { ids: joined, idEnds };
}

/**
 * Cleans chunks of whole records in two steps, so that chunks can be cleaned in parallel and
 * still agree with a single pass over the file: `clean` runs checks 1-12 and names the order ids
 * of the rows that passed; the coordinator, in file order, answers which ids an earlier accepted
 * row already has and where the chunk's row numbers start; `finish` then writes rows and totals.
 */
export class ChunkProcessor {
  private readonly cleaner: RowCleaner;
  private readonly csv = new CleanedCsv();
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly setup: ChunkSetup) {
    this.cleaner = new RowCleaner(setup.plan, setup.options, setup.lookups);
  }

  clean(seq: number, text: string): ChunkClaims {
    const { plan, delimiter } = this.setup;
    const width = plan.header.length;
    const chunk: Pending = { text, kind: [], rest: [], rows: [], claimed: [], claimedAt: [] };
    const ids: string[] = [];
    const reject = (reason: ReasonCode, record: string[]) => {
      chunk.kind.push(reason);
      chunk.rest.push(rejectedRest(reason, record, width, delimiter));
      chunk.rows.push(undefined);
    };
    let at = -1;
    // Row by row (PapaParse's step), not an array of all rows: a row then dies young, where a
    // whole chunk of parsed rows would be copied by every young-generation collection.
    Papa.parse<string[]>(text, {
      delimiter,
      newline: '\n',
      quoteChar: '"',
      escapeChar: '"',
      step: ({ data: record, errors }) => {
        at++;
        const quoteError = errors.length > 0;
        // An entirely blank line is skipped and not counted.
        if (record.length === 1 && record[0]!.trim() === '' && !quoteError) return;
        const result = this.cleaner.clean(record, quoteError);
        if (typeof result === 'number') return reject(result, record);
        chunk.claimed.push(chunk.kind.length);
        chunk.claimedAt.push(at);
        ids.push(result.orderId);
        chunk.kind.push(CANDIDATE);
        chunk.rest.push(this.csv.rest(result));
        chunk.rows.push(result);
      },
    });
    this.pending.set(seq, chunk);
    return { records: chunk.kind.length, ...encodeIds(ids) };
  }

  finish(seq: number, verdict: ChunkVerdict): ChunkOutput {
    const chunk = this.pending.get(seq);
    if (chunk === undefined) throw new Error(`Chunk ${seq} was never cleaned here.`);
    this.pending.delete(seq);
    this.rejectTaken(chunk, verdict.duplicate);
    const totals = newTotals();
    const cleaned: string[] = [];
    const rejected: string[] = [];
    const anomalies = this.setup.options.anomaly_top_n;
    for (let i = 0; i < chunk.kind.length; i++) {
      const rowNumber = verdict.firstRowNumber + i;
      const kind = chunk.kind[i]!;
      if (kind === CANDIDATE) {
        const row = chunk.rows[i]!;
        row.rowNumber = rowNumber;
        countAccepted(totals, row, anomalies);
        cleaned.push(rowNumber + chunk.rest[i]!);
      } else {
        countRejected(totals, kind);
        rejected.push(rowNumber + chunk.rest[i]!);
      }
    }
    return { cleaned: cleaned.join(''), rejected: rejected.join(''), totals };
  }

  /** Candidates whose id an earlier row took become duplicates, their cells read again. */
  private rejectTaken(chunk: Pending, duplicate: Uint8Array): void {
    const taken: number[] = [];
    duplicate.forEach((dup, k) => dup && taken.push(k));
    if (taken.length === 0) return;
    const preview = Math.max(...taken.map((k) => chunk.claimedAt[k]!)) + 1;
    const records = Papa.parse<string[]>(chunk.text, { delimiter: this.setup.delimiter, newline: '\n', quoteChar: '"', escapeChar: '"', preview }).data;
    for (const k of taken) {
      const i = chunk.claimed[k]!;
      chunk.kind[i] = DUPLICATE;
      chunk.rest[i] = rejectedRest(DUPLICATE, records[chunk.claimedAt[k]!]!, this.setup.plan.header.length, this.setup.delimiter);
      chunk.rows[i] = undefined;
    }
  }
}
