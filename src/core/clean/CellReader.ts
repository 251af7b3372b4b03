import type { ContractColumn } from '../contract.ts';
import type { ColumnPlan } from '../input/header.ts';

/** Where a contract column's cell comes from: a field of the record, or a constant (at < 0). */
export interface CellSource {
  readonly at: number;
  readonly constant: string;
}

/** Reads contract columns out of a record: by field index or constant, trimmed, null tokens blank. */
export class CellReader {
  private readonly plan: ColumnPlan;
  private readonly nullTokens: Set<string>;
  private readonly longestNullToken: number;

  constructor(plan: ColumnPlan, nullTokens: readonly string[]) {
    this.plan = plan;
    this.nullTokens = new Set(nullTokens.map((t) => t.trim().toLowerCase()));
    this.longestNullToken = Math.max(0, ...[...this.nullTokens].map((t) => t.length));
  }

  /** A column's source, looked up once: reading by column name for every cell costs more than the read. */
  source(column: ContractColumn): CellSource {
    return { at: this.plan.index[column] ?? -1, constant: this.plan.constant[column] ?? '' };
  }

  /** The cell as read: the field, the constant, or '' for an absent optional column. */
  raw(fields: readonly string[], source: CellSource): string {
    return source.at < 0 ? source.constant : (fields[source.at] ?? '');
  }

  /** The cell trimmed, with missing-value tokens made blank. */
  value(fields: readonly string[], source: CellSource): string {
    const cell = this.raw(fields, source).trim();
    if (cell.length === 0 || cell.length > this.longestNullToken) return cell;
    return this.nullTokens.has(cell.toLowerCase()) ? '' : cell;
  }
}
