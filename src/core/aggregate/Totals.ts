import { REJECTION_REASONS, type ReasonCode } from '../contract.ts';
import { compareBytes } from '../text/compareBytes.ts';
import { detach } from '../text/detach.ts';
import type { CalendarDate } from '../clean/values.ts';
import { addInteger, addSum, bigSum, subtractInteger, type BigSum } from './BigSum.ts';

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
  minCount: 0,
  maxCount: 0,
  heavy: 0,
});

function addToGroup(groups: Map<string, GroupStats>, name: string, row: AcceptedRow): void {
  let group = groups.get(name);
  if (group === undefined) groups.set(detach(name), (group = newGroup()));
  group.orders++;
  addInteger(group.quantity, row.quantity);
  addInteger(group.cents, row.cents);
  addInteger(group.discount, row.discountUnits);
  takeExtremes(group, row.discountUnits, 1, row.discountUnits, 1);
  if (row.heavy) group.heavy++;
}

/** Folds a minimum and a maximum discount, with how many rows hold each, into a group's. */
function takeExtremes(group: GroupStats, min: number, minCount: number, max: number, maxCount: number): void {
  if (min < group.minDiscount) [group.minDiscount, group.minCount] = [min, minCount];
  else if (min === group.minDiscount) group.minCount += minCount;
  if (max > group.maxDiscount) [group.maxDiscount, group.maxCount] = [max, maxCount];
  else if (max === group.maxDiscount) group.maxCount += maxCount;
}

/**
 * Takes a row out of a group; false when the group's minimum or maximum discount (which only the
 * category table shows) can no longer be told.
 */
function removeFromGroup(groups: Map<string, GroupStats>, name: string, row: AcceptedRow, extremes = false): boolean {
  const group = groups.get(name)!;
  if (--group.orders === 0) {
    groups.delete(name);
    return true;
  }
  subtractInteger(group.quantity, row.quantity);
  subtractInteger(group.cents, row.cents);
  subtractInteger(group.discount, row.discountUnits);
  if (row.heavy) group.heavy--;
  const d = row.discountUnits;
  if (d === group.minDiscount && --group.minCount === 0 && extremes) return false;
  if (d === group.maxDiscount && --group.maxCount === 0 && extremes) return false;
  return true;
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
    takeExtremes(group, part.minDiscount, part.minCount, part.maxDiscount, part.maxCount);
    group.heavy += part.heavy;
  }
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

function offerAnomaly(best: AcceptedRow[], row: AcceptedRow, limit: number): void {
  if (!isAnomalyCandidate(best, row, limit)) return;
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

/**
 * Takes back an accepted row that turned out to be a duplicate. False when that cannot be done
 * exactly (the row was a minimum, a maximum or an anomaly alone): the caller counts again.
 */
export function uncountAccepted(totals: Totals, row: AcceptedRow): boolean {
  if (totals.anomalies.some((a) => a.rowNumber === row.rowNumber)) return false;
  totals.rowsRead--;
  if (row.invalidEmail) totals.invalidEmail--;
  if (row.unmatchedProduct) totals.unmatchedProduct--;
  if (row.heavy) totals.heavyDiscount--;
  const month = row.saleDate.month;
  const months = totals.categoryMonths.get(row.category)!;
  removeFromGroup(months, month, row);
  if (months.size === 0) totals.categoryMonths.delete(row.category);
  for (const [groups, name] of [
    [totals.months, month],
    [totals.regions, row.region],
    [totals.products, row.product],
  ] as const) {
    removeFromGroup(groups, name, row);
  }
  const exact = removeFromGroup(totals.categories, row.category, row, true);
  const corrected = row.corrected;
  if (corrected !== null) {
    for (const field of ['category', 'region', 'product_name'] as const) {
      const raw = corrected[field];
      if (raw === null) continue;
      totals.corrected[field]--;
      const c = totals.corrections[field].get(raw)!;
      if (--c.rows === 0) totals.corrections[field].delete(raw);
    }
  }
  return exact;
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
