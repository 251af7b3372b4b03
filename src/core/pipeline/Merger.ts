import { TotalsBuilder } from '../aggregate/TotalsBuilder.ts';
import type { Totals } from '../aggregate/Totals.ts';
import { IdSet } from '../dedup/IdSet.ts';
import type { ChunkClaims, ChunkOutput, ChunkVerdict } from './ChunkProcessor.ts';

/**
 * The one ordered step of a job: chunks' claims arrive in file order and are told which ids an
 * earlier row accepted (check 13); their totals are summed.
 */
export class Merger {
  readonly ids = new IdSet();
  private readonly builder: TotalsBuilder;

  constructor(anomalyLimit: number) {
    this.builder = new TotalsBuilder(anomalyLimit);
  }

  get totals(): Totals {
    return this.builder.totals;
  }

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

  /** Called as each chunk's output arrives, in the order its worker made them (see TotalsBuilder). */
  arrived(output: ChunkOutput): void {
    this.builder.learn(output.totals.entries);
  }

  /** Called in file order. */
  add(output: ChunkOutput): void {
    this.builder.add(output.totals);
  }
}
