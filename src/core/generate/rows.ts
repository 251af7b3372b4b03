import { DirtyAmounts, DISCOUNT_TABLE, priceCents, QUANTITY_TABLE, revenueCents } from './amounts.ts';
import type { Calendar } from './calendar.ts';
import type { Catalogue } from './catalogue.ts';
import { dirtyDate } from './dates.ts';
import { DIRT } from './dirt.ts';
import { dirtyEmail, validEmail } from './emails.ts';
import { INTEGERS, money, RATIOS } from './format.ts';
import { dirtyCategory, dirtyProduct, dirtyRegion } from './labels.ts';
import type { Prng } from './prng.ts';

const RECENT_IDS = 64; // ring of recent order ids; a power of two above the re-use window
const REUSE_WINDOW = 50;

/** Writes one CSV line per call; every value is drawn from one PRNG stream, in row order. */
export class RowWriter {
  private readonly recent: string[] = new Array<string>(RECENT_IDS).fill('');
  private readonly idBase: number;
  private readonly amounts: DirtyAmounts;

  constructor(
    private readonly rng: Prng,
    private readonly cat: Catalogue,
    private readonly cal: Calendar,
  ) {
    this.idBase = 10_000_000 + rng.int(0, 8_999_999);
    this.amounts = new DirtyAmounts(rng);
  }

  /** Row i with only valid, canonical values. */
  cleanRow(i: number): string {
    const { rng, cat } = this;
    const product = cat.products[rng.sample(cat.productTable)]!;
    const quantity = 1 + rng.sample(QUANTITY_TABLE);
    const cents = priceCents(rng, product);
    const discount = rng.sample(DISCOUNT_TABLE);
    const region = cat.regions[rng.sample(cat.regionTable)]!;
    const day = rng.sample(this.cal.table);
    return (
      'ORD-' + (this.idBase + i) + ',' + product.spellings.canonical + ',' + cat.categories[product.category]!.canonical + ',' +
      INTEGERS[quantity] + ',' + money(cents) + ',' + RATIOS[discount] + ',' + region.canonical + ',' + this.cal.iso[day] + ',' +
      validEmail(rng, false) + ',' + money(revenueCents(quantity, cents, discount)) + '\n'
    );
  }

  /** Row i with the dirt of real exports, at the rates of DIRT. */
  dirtyRow(i: number): string {
    const { rng, cat, amounts } = this;
    const product = cat.products[rng.sample(cat.productTable)]!;
    return (
      this.dirtyOrderId(i) + ',' + dirtyProduct(rng, cat, product) + ',' + dirtyCategory(rng, cat, product.category) + ',' +
      amounts.dirtyQuantity() + ',' + amounts.dirtyPrice(product) + ',' + amounts.dirtyDiscount() + ',' + dirtyRegion(rng, cat) + ',' +
      dirtyDate(rng, this.cal) + ',' + dirtyEmail(rng) + ',' + amounts.dirtyRevenue() + '\n'
    );
  }

  private dirtyOrderId(i: number): string {
    const { rng } = this;
    const p = DIRT.orderId;
    let r = rng.float() - p.reused;
    if (r < 0 && i > 0) {
      const reused = this.recent[(i - rng.int(1, Math.min(i, REUSE_WINDOW))) & (RECENT_IDS - 1)]!;
      this.recent[i & (RECENT_IDS - 1)] = reused;
      return reused;
    }
    const id = 'ORD-' + (this.idBase + i);
    this.recent[i & (RECENT_IDS - 1)] = id;
    if (r < 0) return id;
    if ((r -= p.blank) < 0) return '';
    // The pipeline trims and upper-cases ids, so these stay the same id.
    if (r < p.variant) return rng.chance(0.5) ? id.toLowerCase() : ' ' + id + ' ';
    return id;
  }
}
