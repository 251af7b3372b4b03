import { REJECTION_REASONS } from '../contract.ts';
import { addCells } from './BigSum.ts';
import { CENTS, CORRECTED, DISCOUNT, HEAVY, HEAVY_DISCOUNT, INVALID_EMAIL, MAX, MAX_COUNT, MIN, MIN_COUNT, ORDERS, QUANTITY, REJECTED, ROWS_READ, STRIDE, UNMATCHED_PRODUCT, type ChunkTotals } from './ChunkTally.ts';
import { CATEGORY, CATEGORY_MONTH, CORRECTED_FIELDS, MONTH, PRODUCT, REGION, type BookEntries } from './KeyBook.ts';
import { newGroup, newTotals, offerAnomaly, takeExtremes, type Correction, type GroupStats, type Totals } from './Totals.ts';

/** What the merge knows of one worker's KeyBook: its keys, and the groups they were found to be. */
interface Mirror {
  groupKinds: number[];
  groupNames: string[];
  groupParents: number[];
  groups: Array<GroupStats | undefined>;
  correctionFields: number[];
  correctionRaws: string[];
  correctionCanonicals: string[];
  corrections: Array<Correction | undefined>;
}

/**
 * Sums chunks' tallies into the job's Totals. A group enters the Totals when a chunk first has
 * rows in it, so a key whose rows all turned out duplicates makes no empty group.
 */
export class TotalsBuilder {
  readonly totals: Totals = newTotals();
  private readonly mirrors = new Map<number, Mirror>();

  constructor(private readonly anomalyLimit: number) {}

  /**
   * Learns a book's new keys. Called as each tally arrives, in the order its worker made them,
   * which need not be the order chunks are added in.
   */
  learn(entries: BookEntries): void {
    let mirror = this.mirrors.get(entries.book);
    if (mirror === undefined) {
      mirror = { groupKinds: [], groupNames: [], groupParents: [], groups: [], correctionFields: [], correctionRaws: [], correctionCanonicals: [], corrections: [] };
      this.mirrors.set(entries.book, mirror);
    }
    if (entries.groupsFrom !== mirror.groupKinds.length || entries.correctionsFrom !== mirror.correctionFields.length) {
      throw new Error('Internal error: a worker\'s totals arrived out of order. Please report this.');
    }
    // Not push(...): a first chunk may bring more keys than a call takes arguments.
    entries.groupKinds.forEach((kind, k) => {
      mirror.groupKinds.push(kind);
      mirror.groupNames.push(entries.groupNames[k]!);
      mirror.groupParents.push(entries.groupParents[k]!);
    });
    entries.correctionFields.forEach((field, k) => {
      mirror.correctionFields.push(field);
      mirror.correctionRaws.push(entries.correctionRaws[k]!);
      mirror.correctionCanonicals.push(entries.correctionCanonicals[k]!);
    });
  }

  /** Adds a tally whose entries were learned. */
  add(tally: ChunkTotals): void {
    const into = this.totals;
    const mirror = this.mirrors.get(tally.entries.book);
    if (mirror === undefined) throw new Error('Internal error: totals of a worker never heard of. Please report this.');
    const c = tally.counters;
    into.rowsRead += c[ROWS_READ]!;
    into.invalidEmail += c[INVALID_EMAIL]!;
    into.unmatchedProduct += c[UNMATCHED_PRODUCT]!;
    into.heavyDiscount += c[HEAVY_DISCOUNT]!;
    CORRECTED_FIELDS.forEach((field, k) => (into.corrected[field] += c[CORRECTED + k]!));
    for (let r = 0; r < REJECTION_REASONS.length; r++) into.rejected[r]! += c[REJECTED + r]!;

    const { groupIds, groups } = tally;
    for (let slot = 0; slot < groupIds.length; slot++) {
      const at = slot * STRIDE;
      if (groups[at + ORDERS] === 0) continue;
      const id = groupIds[slot]!;
      const group = (mirror.groups[id] ??= this.group(mirror, id));
      group.orders += groups[at + ORDERS]!;
      addCells(group.quantity, groups, at + QUANTITY);
      addCells(group.cents, groups, at + CENTS);
      addCells(group.discount, groups, at + DISCOUNT);
      takeExtremes(group, groups[at + MIN]!, groups[at + MIN_COUNT]!, groups[at + MAX]!, groups[at + MAX_COUNT]!);
      group.heavy += groups[at + HEAVY]!;
    }
    const { correctionIds, correctionRows } = tally;
    for (let slot = 0; slot < correctionIds.length; slot++) {
      if (correctionRows[slot] === 0) continue;
      const id = correctionIds[slot]!;
      (mirror.corrections[id] ??= this.correction(mirror, id)).rows += correctionRows[slot]!;
    }
    for (const row of tally.anomalies) offerAnomaly(into.anomalies, row, this.anomalyLimit);
  }

  /** The Totals' group for a book's group number, made when first needed. */
  private group(mirror: Mirror, id: number): GroupStats {
    const name = mirror.groupNames[id]!;
    const kind = mirror.groupKinds[id]!;
    let groups: Map<string, GroupStats>;
    if (kind === CATEGORY_MONTH) {
      const category = mirror.groupNames[mirror.groupParents[id]!]!;
      const months = this.totals.categoryMonths.get(category);
      if (months === undefined) this.totals.categoryMonths.set(category, (groups = new Map()));
      else groups = months;
    } else groups = this.byKind(kind);
    let group = groups.get(name);
    if (group === undefined) groups.set(name, (group = newGroup()));
    return group;
  }

  private byKind(kind: number): Map<string, GroupStats> {
    const t = this.totals;
    if (kind === MONTH) return t.months;
    if (kind === REGION) return t.regions;
    if (kind === PRODUCT) return t.products;
    if (kind === CATEGORY) return t.categories;
    throw new Error(`Internal error: no group kind ${kind}.`);
  }

  private correction(mirror: Mirror, id: number): Correction {
    const found = this.totals.corrections[CORRECTED_FIELDS[mirror.correctionFields[id]!]!];
    const raw = mirror.correctionRaws[id]!;
    let correction = found.get(raw);
    if (correction === undefined) found.set(raw, (correction = { canonical: mirror.correctionCanonicals[id]!, rows: 0 }));
    return correction;
  }
}
