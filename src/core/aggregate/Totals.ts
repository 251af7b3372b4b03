import { REJECTION_REASONS, type ReasonCode } from '../contract.ts';
import { compareBytes } from '../text/compareBytes.ts';
import { detach } from '../text/detach.ts';
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
  saleDate: string;
  saleDay: number;
  email: string;
  cents: number;
  heavy: boolean;
  /** The cells of the matched fields as read, for the corrections table. */
  raw: { category: string; region: string; product_name: string };
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
  /** Keyed by category + NUL + month. */
  categoryMonths: Map<string, GroupStats>;
  /** Keyed by field + NUL + raw value + NUL + canonical value. */
  corrections: Map<string, number>;
  /** The highest-revenue accepted rows, best first. */
  anomalies: AcceptedRow[];
}

export const KEY_SEPARATOR = '\u0000';

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
    corrections: new Map(),
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
  best.splice(at, 0, { ...row, orderId: detach(row.orderId), product: detach(row.product), email: detach(row.email), raw: { category: '', region: '', product_name: '' } });
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
  const month = row.saleDate.slice(0, 7);
  addToGroup(totals.months, month, row);
  addToGroup(totals.regions, row.region, row);
  addToGroup(totals.products, row.product, row);
  addToGroup(totals.categories, row.category, row);
  addToGroup(totals.categoryMonths, row.category + KEY_SEPARATOR + month, row);
  if (row.heavy) totals.heavyDiscount++;
  correction(totals, 'category', row.raw.category, row.category);
  correction(totals, 'region', row.raw.region, row.region);
  correction(totals, 'product_name', row.raw.product_name, row.product);
  offerAnomaly(totals.anomalies, row, anomalyLimit);
}

function correction(totals: Totals, field: keyof AcceptedRow['raw'], raw: string, cleaned: string): void {
  if (raw === cleaned) return;
  totals.corrected[field]++;
  const k = field + KEY_SEPARATOR + raw + KEY_SEPARATOR + cleaned;
  const seen = totals.corrections.get(k);
  totals.corrections.set(seen === undefined ? detach(k) : k, (seen ?? 0) + 1);
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
  mergeGroups(into.categoryMonths, from.categoryMonths);
  for (const [k, n] of from.corrections) into.corrections.set(k, (into.corrections.get(k) ?? 0) + n);
  for (const row of from.anomalies) offerAnomaly(into.anomalies, row, anomalyLimit);
}
