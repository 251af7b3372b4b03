import { mergeTotals, newTotals, type Totals } from '../aggregate/Totals.ts';
import { IdSet } from '../dedup/IdSet.ts';
import type { ChunkClaims, ChunkOutput, ChunkVerdict } from './ChunkProcessor.ts';

/**
 * The one ordered step of a job: chunks' claims arrive in file order and are told which ids an
 * earlier row accepted (check 13); their totals are summed.
 */
export class Merger {
  readonly ids = new IdSet();
  readonly totals: Totals = newTotals();

  constructor(private readonly anomalyLimit: number) {}

  claim(claims: ChunkClaims): ChunkVerdict {
    const { ids, idEnds } = claims;
    const duplicate = new Uint8Array(idEnds.length);
    let start = 0;
    for (let k = 0; k < idEnds.length; k++) {
      const end = idEnds[k]!;
      if (!this.ids.add(ids, start, end)) duplicate[k] = 1;
      start = end;
    }
    return { duplicate };
  }

  add(output: ChunkOutput): void {
    mergeTotals(this.totals, output.totals, this.anomalyLimit);
  }
}
