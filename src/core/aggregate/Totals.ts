import { REJECTION_REASONS, type ReasonCode } from '../contract.ts';
import { compareBytes } from '../text/compareBytes.ts';
import { detach } from '../text/detach.ts';
import type { CalendarDate } from '../clean/values.ts';
import { addInteger, addSum, bigSum, type BigSum } from './BigSum.ts';

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
  heavy: number;
}

/**
 * Everything the small tables are made of, summed over some rows. Partial totals of chunks merge
 * in any grouping to the same result (integer sums only), and are plain data for structured clone.
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

const newGroup = (): GroupStats => ({
  orders: 0,
  quantity: bigSum(),
  cents: bigSum(),
  discount: bigSum(),
  minDiscount: Number.POSITIVE_INFINITY,
  maxDiscount: Number.NEGATIVE_INFINITY,
  heavy: 0,
});

function addToGroup(groups: Map<string, GroupStats>, name: string, row: AcceptedRow): void {
  let group = groups.get(name);
  if (group === undefined) groups.set(detach(name), (group = newGroup()));
  group.orders++;
  addInteger(group.quantity, row.quantity);
  addInteger(group.cents, row.cents);
  addInteger(group.discount, row.discountUnits);
  if (row.discountUnits < group.minDiscount) group.minDiscount = row.discountUnits;
  if (row.discountUnits > group.maxDiscount) group.maxDiscount = row.discountUnits;
  if (row.heavy) group.heavy++;
}

function mergeGroups(into: Map<string, GroupStats>, from: Map<string, GroupStats>): void {
  for (const [name, part] of from) {
    const group = into.get(name);
    if (group === undefined) {
      into.set(name, part);
      continue;
    }
    group.orders += part.orders;
    addSum(group.quantity, part.quantity);
    addSum(group.cents, part.cents);
    addSum(group.discount, part.discount);
    group.minDiscount = Math.min(group.minDiscount, part.minDiscount);
    group.maxDiscount = Math.max(group.maxDiscount, part.maxDiscount);
    group.heavy += part.heavy;
  }
}

/** Revenue descending, then product name, then row number (SPEC's tie rule). */
export function compareAnomalies(a: AcceptedRow, b: AcceptedRow): number {
  return b.cents - a.cents || compareBytes(a.product, b.product) || a.rowNumber - b.rowNumber;
}

function offerAnomaly(best: AcceptedRow[], row: AcceptedRow, limit: number): void {
  if (limit <= 0) return;
  const last = best[best.length - 1];
  if (best.length >= limit && last !== undefined && compareAnomalies(row, last) >= 0) return;
  let at = best.length;
  while (at > 0 && compareAnomalies(row, best[at - 1]!) < 0) at--;
  best.splice(at, 0, { ...row, orderId: detach(row.orderId), product: detach(row.product), email: detach(row.email), corrected: null });
  if (best.length > limit) best.pop();
}

export function countRejected(totals: Totals, reason: ReasonCode): void {
  totals.rowsRead++;
  totals.rejected[reason]!++;
}

export function countAccepted(totals: Totals, row: AcceptedRow, anomalyLimit: number): void {
  totals.rowsRead++;
  if (row.invalidEmail) totals.invalidEmail++;
  if (row.unmatchedProduct) totals.unmatchedProduct++;
  const month = row.saleDate.month;
  addToGroup(totals.months, month, row);
  addToGroup(totals.regions, row.region, row);
  addToGroup(totals.products, row.product, row);
  addToGroup(totals.categories, row.category, row);
  let months = totals.categoryMonths.get(row.category);
  if (months === undefined) totals.categoryMonths.set(row.category, (months = new Map()));
  addToGroup(months, month, row);
  if (row.heavy) totals.heavyDiscount++;
  const corrected = row.corrected;
  if (corrected !== null) {
    correction(totals, 'category', corrected.category, row.category);
    correction(totals, 'region', corrected.region, row.region);
    correction(totals, 'product_name', corrected.product_name, row.product);
  }
  offerAnomaly(totals.anomalies, row, anomalyLimit);
}

function correction(totals: Totals, field: CorrectedField, raw: string | null, cleaned: string): void {
  if (raw === null) return;
  totals.corrected[field]++;
  const seen = totals.corrections[field].get(raw);
  if (seen === undefined) totals.corrections[field].set(detach(raw), { canonical: cleaned, rows: 1 });
  else seen.rows++;
}

/** Adds `from` into `into`; `from` must not be used afterwards. */
export function mergeTotals(into: Totals, from: Totals, anomalyLimit: number): void {
  into.rowsRead += from.rowsRead;
  from.rejected.forEach((n, i) => (into.rejected[i]! += n));
  into.invalidEmail += from.invalidEmail;
  into.unmatchedProduct += from.unmatchedProduct;
  into.heavyDiscount += from.heavyDiscount;
  into.corrected.category += from.corrected.category;
  into.corrected.region += from.corrected.region;
  into.corrected.product_name += from.corrected.product_name;
  mergeGroups(into.months, from.months);
  mergeGroups(into.regions, from.regions);
  mergeGroups(into.products, from.products);
  mergeGroups(into.categories, from.categories);
  for (const [category, months] of from.categoryMonths) {
    const mine = into.categoryMonths.get(category);
    if (mine === undefined) into.categoryMonths.set(category, months);
    else mergeGroups(mine, months);
  }
  for (const field of ['category', 'region', 'product_name'] as const) {
    for (const [raw, c] of from.corrections[field]) {
      const mine = into.corrections[field].get(raw);
      if (mine === undefined) into.corrections[field].set(raw, c);
      else mine.rows += c.rows;
    }
  }
  for (const row of from.anomalies) offerAnomaly(into.anomalies, row, anomalyLimit);
}
