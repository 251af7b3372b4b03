import { grown } from '../grown.ts';
import { detach } from '../text/detach.ts';
import type { CorrectedField } from './Totals.ts';

/** The kinds of group a row is counted in. A category-month's parent is its category's group. */
export const MONTH = 0;
export const REGION = 1;
export const PRODUCT = 2;
export const CATEGORY = 3;
export const CATEGORY_MONTH = 4;

export const CORRECTED_FIELDS = ['category', 'region', 'product_name'] as const satisfies readonly CorrectedField[];

/**
 * Keys a book learned since it was last read out, in the order it numbered them: the merge
 * learns them in that order, so that a chunk's counts can name their groups by number.
 */
export interface BookEntries {
  book: number;
  /** How many groups the book held before these. */
  groupsFrom: number;
  groupKinds: number[];
  groupNames: string[];
  /** A category-month's category group; -1 for other kinds. */
  groupParents: number[];
  correctionsFrom: number;
  /** An index into CORRECTED_FIELDS. */
  correctionFields: number[];
  correctionRaws: string[];
  correctionCanonicals: string[];
}

const noEntries = (book: number, groupsFrom: number, correctionsFrom: number): BookEntries => ({
  book,
  groupsFrom,
  groupKinds: [],
  groupNames: [],
  groupParents: [],
  correctionsFrom,
  correctionFields: [],
  correctionRaws: [],
  correctionCanonicals: [],
});

/**
 * Numbers every group and correction a worker counts, for the whole job. A chunk's counts then
 * sit in typed arrays under these numbers instead of in Maps of fresh objects per chunk: such
 * Maps outlived many young-generation collections while their chunk was cleaned and waited, and
 * what survives them is what makes V8 grow a thread's young generation (decision 002).
 *
 * A chunk's slots: `slot` answers where a group's counts sit in the chunk being counted, which
 * claims it with `own`. Only one chunk is counted at a time in a worker.
 */
export class KeyBook {
  /** Tells this book's numbers apart from another worker's. */
  readonly id = Math.floor(Math.random() * 2 ** 52);
  private readonly groups = [new Map<string, number>(), new Map<string, number>(), new Map<string, number>(), new Map<string, number>()];
  /** Per category group: its months. */
  private readonly categoryMonths: Array<Map<string, number>> = [];
  private groupCount = 0;
  private readonly corrections = CORRECTED_FIELDS.map(() => new Map<string, number>());
  private correctionCount = 0;
  private entries: BookEntries = noEntries(this.id, 0, 0);

  /** Per group (correction) number: its slot in the chunk that last claimed it, and that chunk. */
  private groupSlot = new Int32Array(256);
  private groupOwner = new Int32Array(256);
  private correctionSlot = new Int32Array(256);
  private correctionOwner = new Int32Array(256);
  private owners = 0;
  private owner = 0;

  group(kind: number, name: string): number {
    const ids = this.groups[kind]!;
    let id = ids.get(name);
    if (id === undefined) {
      const key = detach(name);
      ids.set(key, (id = this.addGroup(kind, key, -1)));
    }
    return id;
  }

  categoryMonth(category: number, month: string): number {
    const months = (this.categoryMonths[category] ??= new Map());
    let id = months.get(month);
    if (id === undefined) months.set(month, (id = this.addGroup(CATEGORY_MONTH, month, category)));
    return id;
  }

  correction(field: number, raw: string, canonical: string): number {
    const ids = this.corrections[field]!;
    let id = ids.get(raw);
    if (id === undefined) {
      const key = detach(raw);
      ids.set(key, (id = this.correctionCount++));
      this.correctionSlot = grown(this.correctionSlot, id + 1);
      this.correctionOwner = grown(this.correctionOwner, id + 1);
      this.entries.correctionFields.push(field);
      this.entries.correctionRaws.push(key);
      this.entries.correctionCanonicals.push(canonical);
    }
    return id;
  }

  /** Everything numbered since the last call. */
  takeEntries(): BookEntries {
    const taken = this.entries;
    this.entries = noEntries(this.id, this.groupCount, this.correctionCount);
    return taken;
  }

  /** A new owner of slots: a chunk about to be counted. */
  newOwner(): number {
    return ++this.owners;
  }

  /** The chunk being counted. */
  get current(): number {
    return this.owner;
  }

  /** Makes `owner` the chunk being counted; its slots (numbers in ids) claimed again. */
  own(owner: number, groupIds: Int32Array, groups: number, correctionIds: Int32Array, corrections: number): void {
    this.owner = owner;
    for (let slot = 0; slot < groups; slot++) this.claimGroup(groupIds[slot]!, slot);
    for (let slot = 0; slot < corrections; slot++) this.claimCorrection(correctionIds[slot]!, slot);
  }

  /** The slot of a group in the chunk being counted; -1 when it has none yet. */
  groupSlotOf(id: number): number {
    return this.groupOwner[id] === this.owner ? this.groupSlot[id]! : -1;
  }

  correctionSlotOf(id: number): number {
    return this.correctionOwner[id] === this.owner ? this.correctionSlot[id]! : -1;
  }

  claimGroup(id: number, slot: number): void {
    this.groupOwner[id] = this.owner;
    this.groupSlot[id] = slot;
  }

  claimCorrection(id: number, slot: number): void {
    this.correctionOwner[id] = this.owner;
    this.correctionSlot[id] = slot;
  }

  private addGroup(kind: number, name: string, parent: number): number {
    const id = this.groupCount++;
    this.groupSlot = grown(this.groupSlot, id + 1);
    this.groupOwner = grown(this.groupOwner, id + 1);
    this.entries.groupKinds.push(kind);
    this.entries.groupNames.push(name);
    this.entries.groupParents.push(parent);
    return id;
  }
}
