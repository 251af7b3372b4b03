import { REJECTION_REASONS } from '../contract.ts';
import { compareBytes } from '../text/compareBytes.ts';
import { detach } from '../text/detach.ts';
import type { CalendarDate } from '../clean/values.ts';
import { bigSum, type BigSum } from './BigSum.ts';

/** A cleaned, accepted row: the values every output is made of. */
export interface AcceptedRow {
  rowNumber: number;
  orderId: string;
  product: string;
  category: string;
  region: string;
  quantity: number;
  unitPrice: number;
  /** The discount in 1e-8 units. */
  discountUnits: number;
  saleDate: CalendarDate;
  email: string;
  cents: number;
  heavy: boolean;
  /** The cells of the matched fields as read, where they differ from the cleaned value (else null). */
  corrected: { category: string | null; region: string | null; product_name: string | null } | null;
  invalidEmail: boolean;
  unmatchedProduct: boolean;
}

/** Sums over the accepted rows of one month, region, product, category or category-month. */
export interface GroupStats {
  orders: number;
  quantity: BigSum;
  cents: BigSum;
  discount: BigSum;
  minDiscount: number;
  maxDiscount: number;
  /** Rows at the minimum and at the maximum: a row can be taken away while one remains. */
  minCount: number;
  maxCount: number;
  heavy: number;
}

/**
 * Everything the small tables are made of, summed over a job's rows: chunks' tallies (ChunkTally)
 * add up to it in any grouping to the same result, as their sums are of integers only.
 */
export interface Totals {
  rowsRead: number;
  rejected: number[];
  invalidEmail: number;
  unmatchedProduct: number;
  heavyDiscount: number;
  corrected: { category: number; region: number; product_name: number };
  months: Map<string, GroupStats>;
  regions: Map<string, GroupStats>;
  products: Map<string, GroupStats>;
  categories: Map<string, GroupStats>;
  /** Category, then month. */
  categoryMonths: Map<string, Map<string, GroupStats>>;
  /** Per field, keyed by the raw cell as read: a raw cell always cleans to the same value. */
  corrections: Record<CorrectedField, Map<string, Correction>>;
  /** The highest-revenue accepted rows, best first. */
  anomalies: AcceptedRow[];
}

export type CorrectedField = 'category' | 'region' | 'product_name';

export interface Correction {
  canonical: string;
  rows: number;
}

export function newTotals(): Totals {
  return {
    rowsRead: 0,
    rejected: REJECTION_REASONS.map(() => 0),
    invalidEmail: 0,
    unmatchedProduct: 0,
    heavyDiscount: 0,
    corrected: { category: 0, region: 0, product_name: 0 },
    months: new Map(),
    regions: new Map(),
    products: new Map(),
    categories: new Map(),
    categoryMonths: new Map(),
    corrections: { category: new Map(), region: new Map(), product_name: new Map() },
    anomalies: [],
  };
}

export const newGroup = (): GroupStats => ({
  orders: 0,
  quantity: bigSum(),
  cents: bigSum(),
  discount: bigSum(),
  minDiscount: Number.POSITIVE_INFINITY,
  maxDiscount: Number.NEGATIVE_INFINITY,
  minCount: 0,
  maxCount: 0,
  heavy: 0,
});

/** Folds a minimum and a maximum discount, with how many rows hold each, into a group's. */
export function takeExtremes(group: GroupStats, min: number, minCount: number, max: number, maxCount: number): void {
  if (min < group.minDiscount) {
    group.minDiscount = min;
    group.minCount = minCount;
  } else if (min === group.minDiscount) group.minCount += minCount;
  if (max > group.maxDiscount) {
    group.maxDiscount = max;
    group.maxCount = maxCount;
  } else if (max === group.maxDiscount) group.maxCount += maxCount;
}

/** Revenue descending, then product name, then row number (SPEC's tie rule). */
export function compareAnomalies(a: AcceptedRow, b: AcceptedRow): number {
  return b.cents - a.cents || compareBytes(a.product, b.product) || a.rowNumber - b.rowNumber;
}

/** Whether a row would enter the anomalies kept so far (which compare neither ids nor emails). */
export function isAnomalyCandidate(best: readonly AcceptedRow[], row: AcceptedRow, limit: number): boolean {
  if (limit <= 0) return false;
  const last = best[best.length - 1];
  return best.length < limit || last === undefined || compareAnomalies(row, last) < 0;
}

export function offerAnomaly(best: AcceptedRow[], row: AcceptedRow, limit: number): void {
  if (!isAnomalyCandidate(best, row, limit)) return;
  let at = best.length;
  while (at > 0 && compareAnomalies(row, best[at - 1]!) < 0) at--;
  best.splice(at, 0, { ...row, orderId: detach(row.orderId), product: detach(row.product), email: detach(row.email), corrected: null });
  if (best.length > limit) best.pop();
}
