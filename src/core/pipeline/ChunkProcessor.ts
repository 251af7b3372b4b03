import Papa from 'papaparse';
import { reasonCode, type ReasonCode } from '../contract.ts';
import { countAccepted, countRejected, newTotals, type AcceptedRow, type Totals } from '../aggregate/Totals.ts';
import { RowCleaner } from '../clean/RowCleaner.ts';
import type { ColumnPlan } from '../input/header.ts';
import type { Lookups } from '../lookups/lookups.ts';
import type { JobOptions } from '../options.ts';
import { CleanedCsv, rejectedLine } from '../output/rowsCsv.ts';

const DUPLICATE = reasonCode('duplicate_order_id');

/** What every chunk of a job is cleaned with. Plain data: it is sent to each worker once. */
export interface ChunkSetup {
  plan: ColumnPlan;
  delimiter: string;
  options: JobOptions;
  lookups: Lookups;
}

/** A cleaned chunk's claim on order ids: the first candidate row of each id, UTF-8, end to end. */
export interface ChunkClaims {
  records: number;
  ids: Uint8Array;
  idEnds: Uint32Array;
}

/** The ordered merge's answer to a chunk's claims. */
export interface ChunkVerdict {
  firstRowNumber: number;
  /** One byte per claimed id: 1 when an earlier chunk already accepted it. */
  duplicate: Uint8Array;
}

export interface ChunkOutput {
  cleaned: string;
  rejected: string;
  totals: Totals;
}

interface Pending {
  fields: string[][];
  outcome: Array<AcceptedRow | ReasonCode>;
  claimed: number[];
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
 * the chunk would accept; the coordinator, in file order, answers which were taken by an earlier
 * chunk and where the chunk's row numbers start; `finish` then writes rows and totals.
 */
export class ChunkProcessor {
  private readonly cleaner: RowCleaner;
  private readonly csv = new CleanedCsv();
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly setup: ChunkSetup) {
    this.cleaner = new RowCleaner(setup.plan, setup.options, setup.lookups);
  }

  clean(seq: number, text: string): ChunkClaims {
    const parsed = Papa.parse<string[]>(text, { delimiter: this.setup.delimiter, newline: '\n', quoteChar: '"', escapeChar: '"' });
    const quoteErrors = new Set<number>();
    for (const error of parsed.errors) if (error.row !== undefined) quoteErrors.add(error.row);
    const fields: string[][] = [];
    const outcome: Array<AcceptedRow | ReasonCode> = [];
    const firstOfId = new Map<string, number>();
    const claimed: number[] = [];
    const ids: string[] = [];
    parsed.data.forEach((record, i) => {
      // An entirely blank line is skipped and not counted.
      if (record.length === 1 && record[0]!.trim() === '' && !quoteErrors.has(i)) return;
      const result = this.cleaner.clean(record, quoteErrors.has(i));
      if (typeof result !== 'number') {
        // A later candidate with an id this chunk already claimed is a duplicate whatever the
        // earlier chunks hold: its first occurrence here is accepted now or was already taken.
        if (firstOfId.has(result.orderId)) {
          outcome.push(DUPLICATE);
          fields.push(record);
          return;
        }
        firstOfId.set(result.orderId, outcome.length);
        claimed.push(outcome.length);
        ids.push(result.orderId);
      }
      outcome.push(result);
      fields.push(record);
    });
    this.pending.set(seq, { fields, outcome, claimed });
    return { records: outcome.length, ...encodeIds(ids) };
  }

  finish(seq: number, verdict: ChunkVerdict): ChunkOutput {
    const chunk = this.pending.get(seq);
    if (chunk === undefined) throw new Error(`Chunk ${seq} was never cleaned here.`);
    this.pending.delete(seq);
    verdict.duplicate.forEach((dup, k) => {
      if (dup) chunk.outcome[chunk.claimed[k]!] = DUPLICATE;
    });
    const { options, plan, delimiter } = this.setup;
    const totals = newTotals();
    const cleaned: string[] = [];
    const rejected: string[] = [];
    chunk.outcome.forEach((result, i) => {
      const rowNumber = verdict.firstRowNumber + i;
      if (typeof result === 'number') {
        countRejected(totals, result);
        rejected.push(rejectedLine(rowNumber, result, chunk.fields[i]!, plan.header.length, delimiter));
        return;
      }
      result.rowNumber = rowNumber;
      countAccepted(totals, result, options.anomaly_top_n);
      cleaned.push(this.csv.line(result));
    });
    return { cleaned: cleaned.join(''), rejected: rejected.join(''), totals };
  }

  /** Forgets a chunk that will not be finished (the job was cancelled). */
  drop(seq: number): void {
    this.pending.delete(seq);
  }
}
