import type { ContractColumn } from '../contract.ts';
import type { ColumnPlan } from '../input/header.ts';

/** Where a contract column's cell comes from: a field of the record, or a constant (at < 0). */
export interface CellSource {
  readonly at: number;
  readonly constant: string;
}

/** The missing-value tokens of SPEC section 1: after trimming, a cell equal to one (ignoring case) is blank. */
export class MissingValues {
  /** Trimmed and lower case. */
  readonly tokens: ReadonlySet<string>;
  readonly longest: number;

  constructor(nullTokens: readonly string[]) {
    this.tokens = new Set(nullTokens.map((t) => t.trim().toLowerCase()));
    this.longest = Math.max(0, ...[...this.tokens].map((t) => t.length));
  }

  /** The cell trimmed, with missing-value tokens made blank. */
  value(raw: string): string {
    const cell = raw.trim();
    if (cell.length === 0 || cell.length > this.longest) return cell;
    return this.tokens.has(cell.toLowerCase()) ? '' : cell;
  }
}

/** Reads contract columns out of a record: by field index or constant, trimmed, null tokens blank. */
export class CellReader {
  private readonly plan: ColumnPlan;
  private readonly missing: MissingValues;

  constructor(plan: ColumnPlan, nullTokens: readonly string[]) {
    this.plan = plan;
    this.missing = new MissingValues(nullTokens);
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
    return this.missing.value(this.raw(fields, source));
  }
}
