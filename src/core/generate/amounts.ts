// The quantity, unit_price, discount_percent and revenue cells: revenue is computed from the
// numbers the other three cells stand for, so they are written together.
import type { CatalogueEntry } from './catalogue.ts';
import { DIRT } from './dirt.ts';
import { csvField, groupedMoney, INTEGERS, money, PERCENTS, range, RATIOS } from './format.ts';
import { sampleTable, type Prng } from './prng.ts';

/** Quantities 1..10 (index + 1), small orders most common. */
export const QUANTITY_TABLE = sampleTable([30, 22, 15, 10, 8, 5, 4, 3, 2, 1]);
/** Discount percent 0..30: mostly none, then round numbers. */
export const DISCOUNT_TABLE = sampleTable(range(31, (d) => (d === 0 ? 55 : d % 5 === 0 ? 35 / 6 : 10 / 24)));

const NUMBER_WORD_LIST = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
/** Each quantity 0..10 as a word, in lower, capitalised and upper case. */
const NUMBER_WORDS: readonly string[][] = NUMBER_WORD_LIST.map((w) => [w, w[0]!.toUpperCase() + w.slice(1), w.toUpperCase()]);
const BAD_QUANTITY_WORDS = ['many', 'several', 'a few', 'Dozen', 'lots'];
const HUGE_QUANTITIES = [10_000, 50_000, 100_000, 100_000, 250_000];
const PRICES_ABOVE_MAX = ['$75,000.00', '120000', '99999.99', '$1,250,000.00', '50000.01'].map(csvField);
const PRICE_TEXTS = ['free', 'TBD', 'call us', '12,99', 'USD 19.99'].map(csvField);
const INTEGER_PREFIXES = ['+', '0', ' ', ''];
const INTEGER_SUFFIXES = ['', '.0', ' ', '.00'];

/** A price in the product's band, biased to cheap, mostly ending in .99. */
export function priceCents(rng: Prng, product: CatalogueEntry): number {
  const u = rng.float();
  const cents = product.minCents + Math.floor(u * u * product.spanCents);
  const ending = rng.next() & 7;
  if (ending >= 6) return cents;
  const whole = cents - (cents % 100);
  const charm = ending === 5 ? whole : whole + 99;
  return charm > product.minCents + product.spanCents ? charm - 100 : charm;
}

/** The numeric cells of a dirty row, called in column order; revenue follows from the other three. */
export class DirtyAmounts {
  // The numbers behind the cells of the current row, for its revenue.
  private quantity = 0;
  private cents = 0;
  private discount = 0;

  constructor(private readonly rng: Prng) {}

  /** A quantity cell; the number behind it is kept for the row's revenue. */
  dirtyQuantity(): string {
    const { rng } = this;
    const p = DIRT.quantity;
    const base = 1 + rng.sample(QUANTITY_TABLE);
    this.quantity = base;
    let r = rng.float();
    if ((r -= p.zero) < 0) {
      this.quantity = 0;
      return '0';
    }
    if ((r -= p.negative) < 0) {
      this.quantity = -base;
      return '-' + INTEGERS[base];
    }
    if ((r -= p.huge) < 0) {
      this.quantity = rng.pick(HUGE_QUANTITIES);
      return String(this.quantity);
    }
    if ((r -= p.blank) < 0) return '';
    if ((r -= p.word) < 0) return rng.pick(NUMBER_WORDS[base]!);
    if ((r -= p.badWord) < 0) return rng.pick(BAD_QUANTITY_WORDS);
    if ((r -= p.fraction) < 0) {
      this.quantity = base + 0.5;
      return INTEGERS[base] + '.5';
    }
    if (r < p.oddInteger) return rng.pick(INTEGER_PREFIXES) + INTEGERS[base] + rng.pick(INTEGER_SUFFIXES);
    return INTEGERS[base]!;
  }

  /** A unit_price cell in the product's band, or dirt; the cents behind it are kept for the revenue. */
  dirtyPrice(product: CatalogueEntry): string {
    const { rng } = this;
    const p = DIRT.price;
    const cents = priceCents(rng, product);
    this.cents = cents;
    let r = rng.float();
    if ((r -= p.negative) < 0) {
      this.cents = -cents;
      return '-' + money(cents);
    }
    if ((r -= p.blank) < 0) return '';
    if ((r -= p.aboveMax) < 0) return rng.pick(PRICES_ABOVE_MAX);
    if ((r -= p.text) < 0) return rng.pick(PRICE_TEXTS);
    if ((r -= p.dollar) < 0) return cents < 100_000 ? '$' + money(cents) : '"$' + groupedMoney(cents) + '"'; // "$1,299.00"
    // '£' is Latin-1, '€' is not: one '€' makes V8 hold the whole block as UTF-16, which halves
    // throughput, so it stays rare (about 1 row in 10,000).
    if (r < p.otherCurrency) return (rng.chance(0.01) ? '€' : '£') + money(cents);
    return money(cents);
  }

  /** Discount percent in this.discount, written as a ratio ('0.15'), a percent ('15%') or blank. */
  dirtyDiscount(): string {
    const { rng } = this;
    const p = DIRT.discount;
    let discount = rng.sample(DISCOUNT_TABLE);
    let r = rng.float();
    if ((r -= p.blank) < 0) {
      this.discount = 0;
      return '';
    }
    if ((r -= p.negative) < 0) {
      this.discount = -(discount || 5);
      return rng.chance(0.5) ? '-' + RATIOS[-this.discount] : '-' + PERCENTS[-this.discount];
    }
    if ((r -= p.aboveOne) < 0) {
      // A ratio or percent above 1, or a percent written without its sign ('15' for 15%).
      this.discount = 100 + 5 * rng.int(1, 10);
      switch (rng.int(0, 2)) {
        case 0: return RATIOS[this.discount]!;
        case 1: return PERCENTS[this.discount]!;
        default:
          this.discount = 100 * (discount || 10);
          return INTEGERS[discount || 10]!;
      }
    }
    if (r < p.heavy) discount = rng.int(85, 99);
    this.discount = discount;
    return rng.chance(p.percent) ? PERCENTS[discount]! : RATIOS[discount]!;
  }

  /** A revenue cell from this row's quantity, price and discount: right, blank or wrong. */
  dirtyRevenue(): string {
    const { rng } = this;
    const p = DIRT.revenue;
    const cents = revenueCents(this.quantity, this.cents, this.discount);
    let r = rng.float();
    if ((r -= p.blank) < 0) return '';
    if (r < p.wrong) {
      switch (rng.int(0, 3)) {
        case 0: return money(revenueCents(this.quantity, this.cents, 0)); // discount not applied
        case 1: return money(cents * 10);
        case 2: return money(cents + rng.int(-500, 500));
        default: return INTEGERS[Math.round(cents / 100)] ?? money(cents);
      }
    }
    return money(cents);
  }
}

/** SPEC's revenue, in whole cents: Math.round(quantity * unit_price * (1 - discount) * 100). */
export function revenueCents(quantity: number, cents: number, discountPercent: number): number {
  // cents / 100 is the same double as the parsed price text, discountPercent / 100 as the ratio.
  return Math.round(quantity * (cents / 100) * (1 - discountPercent / 100) * 100);
}
