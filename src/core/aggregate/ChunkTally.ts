import { REJECTION_REASONS, type ReasonCode } from '../contract.ts';
import { grown } from '../grown.ts';
import { addToCells, subtractFromCells } from './BigSum.ts';
import { CATEGORY, CORRECTED_FIELDS, MONTH, PRODUCT, REGION, type BookEntries, type KeyBook } from './KeyBook.ts';
import { offerAnomaly, type AcceptedRow } from './Totals.ts';

/** A group's counts: STRIDE numbers from its slot times STRIDE. A sum takes two (BigSum's cells). */
export const STRIDE = 12;
export const ORDERS = 0;
export const QUANTITY = 1;
export const CENTS = 3;
export const DISCOUNT = 5;
export const MIN = 7;
export const MIN_COUNT = 8;
export const MAX = 9;
export const MAX_COUNT = 10;
export const HEAVY = 11;

/** Counters: rows read, invalid emails, unmatched products, heavy discounts, corrections per field, then rows per rejection reason. */
export const ROWS_READ = 0;
export const INVALID_EMAIL = 1;
export const UNMATCHED_PRODUCT = 2;
export const HEAVY_DISCOUNT = 3;
export const CORRECTED = 4;
export const REJECTED = CORRECTED + CORRECTED_FIELDS.length;

/** A chunk's totals as they cross to the merge: typed arrays, and the few rows that are anomalies. */
export interface ChunkTotals {
  entries: BookEntries;
  counters: Float64Array;
  /** Per slot: the book's number of a group, and its counts (STRIDE per slot). */
  groupIds: Int32Array;
  groups: Float64Array;
  correctionIds: Int32Array;
  correctionRows: Float64Array;
  /** The highest-revenue accepted rows, best first. */
  anomalies: AcceptedRow[];
}

/**
 * What a chunk's rows add to the totals, counted under the numbers of the worker's KeyBook: the
 * same sums as Totals, in typed arrays, so a chunk makes no objects per group.
 */
export class ChunkTally {
  private readonly owner: number;
  private readonly counters = new Float64Array(REJECTED + REJECTION_REASONS.length);
  private groupIds = new Int32Array(256);
  private groups = new Float64Array(256 * STRIDE);
  private groupCount = 0;
  private correctionIds = new Int32Array(256);
  private correctionRows = new Float64Array(256);
  private correctionCount = 0;
  readonly anomalies: AcceptedRow[] = [];

  constructor(private readonly book: KeyBook) {
    this.owner = book.newOwner();
  }

  countRejected(reason: ReasonCode): void {
    this.counters[ROWS_READ]!++;
    this.counters[REJECTED + reason]!++;
  }

  countAccepted(row: AcceptedRow, anomalyLimit: number): void {
    const book = this.book;
    if (book.current !== this.owner) this.resume();
    const counters = this.counters;
    counters[ROWS_READ]!++;
    if (row.invalidEmail) counters[INVALID_EMAIL]!++;
    if (row.unmatchedProduct) counters[UNMATCHED_PRODUCT]!++;
    if (row.heavy) counters[HEAVY_DISCOUNT]!++;
    const month = row.saleDate.month;
    const category = book.group(CATEGORY, row.category);
    this.add(book.group(MONTH, month), row);
    this.add(book.group(REGION, row.region), row);
    this.add(book.group(PRODUCT, row.product), row);
    this.add(category, row);
    this.add(book.categoryMonth(category, month), row);
    const corrected = row.corrected;
    if (corrected !== null) {
      this.correct(0, corrected.category, row.category, 1);
      this.correct(1, corrected.region, row.region, 1);
      this.correct(2, corrected.product_name, row.product, 1);
    }
    offerAnomaly(this.anomalies, row, anomalyLimit);
  }

  /**
   * Takes back an accepted row that turned out to be a duplicate. False when that cannot be done
   * exactly (the row was a category's minimum or maximum discount, or an anomaly): the caller counts again.
   */
  uncountAccepted(row: AcceptedRow): boolean {
    if (this.anomalies.some((a) => a.rowNumber === row.rowNumber)) return false;
    const book = this.book;
    if (book.current !== this.owner) this.resume();
    const counters = this.counters;
    counters[ROWS_READ]!--;
    if (row.invalidEmail) counters[INVALID_EMAIL]!--;
    if (row.unmatchedProduct) counters[UNMATCHED_PRODUCT]!--;
    if (row.heavy) counters[HEAVY_DISCOUNT]!--;
    const month = row.saleDate.month;
    const category = book.group(CATEGORY, row.category);
    this.remove(book.categoryMonth(category, month), row, false);
    this.remove(book.group(MONTH, month), row, false);
    this.remove(book.group(REGION, row.region), row, false);
    this.remove(book.group(PRODUCT, row.product), row, false);
    if (!this.remove(category, row, true)) return false;
    const corrected = row.corrected;
    if (corrected !== null) {
      this.correct(0, corrected.category, row.category, -1);
      this.correct(1, corrected.region, row.region, -1);
      this.correct(2, corrected.product_name, row.product, -1);
    }
    return true;
  }

  /** The tally as it crosses to the merge, with what the book learned since its last output. */
  output(): ChunkTotals {
    return {
      entries: this.book.takeEntries(),
      counters: this.counters,
      groupIds: this.groupIds.subarray(0, this.groupCount),
      groups: this.groups.subarray(0, this.groupCount * STRIDE),
      correctionIds: this.correctionIds.subarray(0, this.correctionCount),
      correctionRows: this.correctionRows.subarray(0, this.correctionCount),
      anomalies: this.anomalies,
    };
  }

  /** Another chunk was counted since: the book's slots are this chunk's again. */
  private resume(): void {
    this.book.own(this.owner, this.groupIds, this.groupCount, this.correctionIds, this.correctionCount);
  }

  private add(id: number, row: AcceptedRow): void {
    let slot = this.book.groupSlotOf(id);
    if (slot < 0) slot = this.newGroupSlot(id);
    const g = this.groups;
    const at = slot * STRIDE;
    const d = row.discountUnits;
    if (g[at + ORDERS]!++ === 0) {
      g[at + MIN] = g[at + MAX] = d;
      g[at + MIN_COUNT] = g[at + MAX_COUNT] = 1;
    } else {
      if (d < g[at + MIN]!) {
        g[at + MIN] = d;
        g[at + MIN_COUNT] = 1;
      } else if (d === g[at + MIN]) g[at + MIN_COUNT]!++;
      if (d > g[at + MAX]!) {
        g[at + MAX] = d;
        g[at + MAX_COUNT] = 1;
      } else if (d === g[at + MAX]) g[at + MAX_COUNT]!++;
    }
    addToCells(g, at + QUANTITY, row.quantity);
    addToCells(g, at + CENTS, row.cents);
    addToCells(g, at + DISCOUNT, d);
    if (row.heavy) g[at + HEAVY]!++;
  }

  /** Takes a row out of its group; false when the group's minimum or maximum discount can no longer be told (asked with `extremes`). */
  private remove(id: number, row: AcceptedRow, extremes: boolean): boolean {
    const g = this.groups;
    const at = this.book.groupSlotOf(id) * STRIDE;
    if (--g[at + ORDERS]! === 0) {
      g.fill(0, at, at + STRIDE);
      return true;
    }
    subtractFromCells(g, at + QUANTITY, row.quantity);
    subtractFromCells(g, at + CENTS, row.cents);
    subtractFromCells(g, at + DISCOUNT, row.discountUnits);
    if (row.heavy) g[at + HEAVY]!--;
    const d = row.discountUnits;
    if (d === g[at + MIN] && --g[at + MIN_COUNT]! === 0 && extremes) return false;
    if (d === g[at + MAX] && --g[at + MAX_COUNT]! === 0 && extremes) return false;
    return true;
  }

  private newGroupSlot(id: number): number {
    const slot = this.groupCount++;
    this.groupIds = grown(this.groupIds, slot + 1);
    this.groupIds[slot] = id;
    this.groups = grown(this.groups, (slot + 1) * STRIDE);
    this.book.claimGroup(id, slot);
    return slot;
  }

  /** Counts (by +1 or -1) a cell corrected to its canonical spelling; nothing for a cell that was not. */
  private correct(field: number, raw: string | null, canonical: string, by: number): void {
    if (raw === null) return;
    this.counters[CORRECTED + field]! += by;
    const id = this.book.correction(field, raw, canonical);
    let slot = this.book.correctionSlotOf(id);
    if (slot < 0) {
      slot = this.correctionCount++;
      this.correctionIds = grown(this.correctionIds, slot + 1);
      this.correctionIds[slot] = id;
      this.correctionRows = grown(this.correctionRows, slot + 1);
      this.book.claimCorrection(id, slot);
    }
    this.correctionRows[slot]! += by;
  }
}

/** A tally's typed arrays, to transfer rather than copy. */
export const tallyViews = (t: ChunkTotals): ArrayBufferView[] => [t.counters, t.groupIds, t.groups, t.correctionIds, t.correctionRows];
