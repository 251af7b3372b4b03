import { resolveColumns } from '../input/header.ts';
import type { JobOptions } from '../options.ts';

/** A raw value that no lookup knows, and how many rows were rejected for it. */
export interface UnknownValue {
  field: 'category' | 'region';
  raw: string;
  rows: number;
}

const REASONS = { unknown_category: 'category', unknown_region: 'region' } as const;
const GUARDED = /^'[=+\-@\t\r]/;

/**
 * Counts the raw categories and regions of rows rejected as unknown, read back from a job's
 * rejected rows (row_number, rejection_reason, the input's columns as read, extra_fields), so
 * that a person can map each spelling once.
 */
export class UnknownValueCounter {
  private readonly reasonAt: number;
  private readonly at: Record<'category' | 'region', number>;
  private readonly constant: Partial<Record<'category' | 'region', string>>;
  private readonly counts = new Map<string, UnknownValue>();

  constructor(columns: string[], options: Pick<JobOptions, 'map' | 'set'>) {
    this.reasonAt = columns.indexOf('rejection_reason');
    const header = columns.slice(2, columns.at(-1) === 'extra_fields' ? -1 : undefined);
    const { plan } = resolveColumns(header, options);
    this.at = { category: 2 + (plan.index.category ?? -3), region: 2 + (plan.index.region ?? -3) };
    this.constant = { category: plan.constant.category, region: plan.constant.region };
  }

  add(fields: readonly string[]): void {
    const field = REASONS[fields[this.reasonAt] as keyof typeof REASONS];
    if (field === undefined) return;
    const at = this.at[field];
    // A text cell written with the spreadsheet guard (SPEC section 3) is read back without it.
    const cell = at >= 0 ? (fields[at] ?? '') : (this.constant[field] ?? '');
    const raw = (GUARDED.test(cell) ? cell.slice(1) : cell).trim();
    const id = `${field}\u0000${raw}`;
    const known = this.counts.get(id);
    if (known) known.rows++;
    else this.counts.set(id, { field, raw, rows: 1 });
  }

  /** Most rows first; then by field and raw value. */
  values(): UnknownValue[] {
    return [...this.counts.values()].sort((a, b) => b.rows - a.rows || (a.field < b.field ? -1 : a.field > b.field ? 1 : a.raw < b.raw ? -1 : a.raw > b.raw ? 1 : 0));
  }
}
