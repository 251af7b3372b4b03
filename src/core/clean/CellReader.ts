import type { ContractColumn } from '../contract.ts';
import type { ColumnPlan } from '../input/header.ts';

/** Reads contract columns out of a record: by field index or constant, trimmed, null tokens blank. */
export class CellReader {
  private readonly index: Partial<Record<ContractColumn, number>>;
  private readonly constant: Partial<Record<ContractColumn, string>>;
  private readonly nullTokens: Set<string>;
  private readonly longestNullToken: number;

  constructor(plan: ColumnPlan, nullTokens: readonly string[]) {
    this.index = plan.index;
    this.constant = plan.constant;
    this.nullTokens = new Set(nullTokens.map((t) => t.trim().toLowerCase()));
    this.longestNullToken = Math.max(0, ...[...this.nullTokens].map((t) => t.length));
  }

  /** The cell of a column as read: the field, the constant, or '' for an absent optional column. */
  raw(fields: readonly string[], column: ContractColumn): string {
    const at = this.index[column];
    if (at !== undefined) return fields[at] ?? '';
    return this.constant[column] ?? '';
  }

  /** The cell trimmed, with missing-value tokens made blank. */
  value(fields: readonly string[], column: ContractColumn): string {
    const cell = this.raw(fields, column).trim();
    if (cell.length === 0 || cell.length > this.longestNullToken) return cell;
    return this.nullTokens.has(cell.toLowerCase()) ? '' : cell;
  }
}
