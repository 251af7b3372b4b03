import { mergeTotals, newTotals, type Totals } from '../aggregate/Totals.ts';
import { IdSet } from '../dedup/IdSet.ts';
import type { ChunkClaims, ChunkOutput, ChunkVerdict } from './ChunkProcessor.ts';

/**
 * The one ordered step of a job: chunks' claims arrive in file order and get their first row
 * number and the ids an earlier chunk accepted (check 13); their totals are summed.
 */
export class Merger {
  readonly ids = new IdSet();
  readonly totals: Totals = newTotals();
  private records = 0;

  constructor(private readonly anomalyLimit: number) {}

  claim(claims: ChunkClaims): ChunkVerdict {
    const firstRowNumber = this.records + 1;
    this.records += claims.records;
    const duplicate = new Uint8Array(claims.idEnds.length);
    let start = 0;
    claims.idEnds.forEach((end, k) => {
      if (!this.ids.add(claims.ids, start, end)) duplicate[k] = 1;
      start = end;
    });
    return { firstRowNumber, duplicate };
  }

  add(output: ChunkOutput): void {
    mergeTotals(this.totals, output.totals, this.anomalyLimit);
  }

  /** Records claimed so far: the row number of the last one. */
  get rows(): number {
    return this.records;
  }
}
