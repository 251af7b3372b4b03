import { distance } from 'fastest-levenshtein';
import { key } from '../text/key.ts';
import { Prng, sampleTable, type SampleTable } from './prng.ts';
import {
  CATEGORIES,
  CATEGORY_ALIASES,
  PRODUCTS,
  PRODUCT_ALIASES,
  REGIONS,
  REGION_ALIASES,
  UNKNOWN_CATEGORIES,
  UNKNOWN_PRODUCTS,
  UNKNOWN_REGIONS,
} from './vocabulary.ts';

export interface GenerateOptions {
  /** Number of data rows (the header not counted). */
  rows: number;
  /** The same seed and options give the same text. */
  seed: number;
  /** Only valid, canonical values (true), or the dirt of real exports (false). */
  clean: boolean;
  /** YYYY-MM-DD: sale dates fall in the two years up to and including it. */
  endDate: string;
}

/** The header the generator writes: SPEC section 1's ten input columns. */
export const GENERATED_HEADER =
  'order_id,product_name,category,quantity,unit_price,discount_percent,region,sale_date,customer_email,revenue';

/** Shares of dirty rows that carry each kind of dirt, field by field (SPEC section 5). */
export const DIRT = {
  orderId: { reused: 0.01, blank: 0.002, variant: 0.02 },
  product: { blank: 0.002, lineBreak: 0.0005, typo: 0.028, variant: 0.015, unknown: 0.004, aliasOfAliased: 0.1 },
  category: { otherValid: 0.075, unknown: 0.025, typo: 0.03, alias: 0.02, variant: 0.03, blank: 0.003 },
  quantity: { zero: 0.015, negative: 0.01, huge: 0.004, blank: 0.015, word: 0.015, badWord: 0.006, fraction: 0.008, oddInteger: 0.005 },
  price: { negative: 0.008, blank: 0.01, aboveMax: 0.004, text: 0.006, dollar: 0.06, otherCurrency: 0.01 },
  discount: { heavy: 0.03, blank: 0.05, negative: 0.005, aboveOne: 0.006, percent: 0.2 },
  region: { variant: 0.04, typo: 0.025, alias: 0.025, emea: 0.02, unknown: 0.005, blank: 0.003 },
  date: { blank: 0.035, impossible: 0.008, farPast: 0.004, badFormat: 0.003 },
  email: { blank: 0.15, malformed: 0.05, mixedCase: 0.08, padded: 0.01 },
  revenue: { blank: 0.04, wrong: 0.05 },
} as const;

const DEFAULT_BLOCK_CHARS = 1 << 16;

/**
 * Synthetic sales CSV (SPEC section 5), yielded in blocks of roughly blockChars characters,
 * header first; concatenated they are the whole file, the same whatever blockChars is.
 * @example [...generateCsv({ rows: 1000, seed: 7, clean: false, endDate: '2025-06-30' })].join('')
 */
export function* generateCsv(options: GenerateOptions, blockChars = DEFAULT_BLOCK_CHARS): Generator<string> {
  const rows = options.rows;
  if (!Number.isSafeInteger(rows) || rows < 0) throw new RangeError(`rows must be a whole number ≥ 0, got ${rows}`);
  const writer = new RowWriter(new Prng(options.seed), catalogue(), buildCalendar(options.endDate));
  let block = GENERATED_HEADER + '\n';
  for (let i = 0; i < rows; i++) {
    // Appending builds a rope that V8 flattens once per block (measured as fast as joining an array).
    block += options.clean ? writer.cleanRow(i) : writer.dirtyRow(i);
    if (block.length >= blockChars) {
      yield block;
      block = '';
    }
  }
  if (block !== '') yield block;
}

// ---------------------------------------------------------------------------------------------
// Rows

const RECENT_IDS = 64; // ring of recent order ids; a power of two above the re-use window
const REUSE_WINDOW = 50;

/** Writes one CSV line per call; every value is drawn from one PRNG stream, in row order. */
class RowWriter {
  private readonly recent: string[] = new Array<string>(RECENT_IDS).fill('');
  private readonly idBase: number;
  // The numbers behind the cells of the current row, for its revenue.
  private quantity = 0;
  private cents = 0;
  private discount = 0;

  constructor(
    private readonly rng: Prng,
    private readonly cat: Catalogue,
    private readonly cal: Calendar,
  ) {
    this.idBase = 10_000_000 + rng.int(0, 8_999_999);
  }

  cleanRow(i: number): string {
    const { rng, cat } = this;
    const product = cat.products[rng.sample(cat.productTable)]!;
    const quantity = 1 + rng.sample(QUANTITY_TABLE);
    const cents = this.priceCents(product);
    const discount = rng.sample(DISCOUNT_TABLE);
    const region = cat.regions[rng.sample(cat.regionTable)]!;
    const day = rng.sample(this.cal.table);
    return (
      'ORD-' + (this.idBase + i) + ',' + product.spellings.canonical + ',' + cat.categories[product.category]!.canonical + ',' +
      INTEGERS[quantity] + ',' + money(cents) + ',' + RATIOS[discount] + ',' + region.canonical + ',' + this.cal.iso[day] + ',' +
      this.validEmail(false) + ',' + money(revenueCents(quantity, cents, discount)) + '\n'
    );
  }

  dirtyRow(i: number): string {
    const product = this.cat.products[this.rng.sample(this.cat.productTable)]!;
    return (
      this.dirtyOrderId(i) + ',' + this.dirtyProduct(product) + ',' + this.dirtyCategory(product.category) + ',' +
      this.dirtyQuantity() + ',' + this.dirtyPrice(product) + ',' + this.dirtyDiscount() + ',' + this.dirtyRegion() + ',' +
      this.dirtyDate() + ',' + this.dirtyEmail() + ',' + this.dirtyRevenue() + '\n'
    );
  }

  /** A price in the product's band, biased to cheap, mostly ending in .99. */
  private priceCents(product: CatalogueEntry): number {
    const u = this.rng.float();
    const cents = product.minCents + Math.floor(u * u * product.spanCents);
    const ending = this.rng.next() & 7;
    if (ending >= 6) return cents;
    const whole = cents - (cents % 100);
    const charm = ending === 5 ? whole : whole + 99;
    return charm > product.minCents + product.spanCents ? charm - 100 : charm;
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

  private dirtyProduct(product: CatalogueEntry): string {
    const { rng } = this;
    const p = DIRT.product;
    const names = product.spellings;
    const draw = rng.float();
    let r = draw;
    if ((r -= p.blank) < 0) return '';
    if ((r -= p.lineBreak) < 0) return product.lineBreak;
    if ((r -= p.typo) < 0) return rng.pick(names.typos);
    if ((r -= p.variant) < 0) return rng.pick(names.variants);
    if (r < p.unknown) return rng.pick(this.cat.unknownProducts);
    // A product that has an alias is written with it in a share of its rows (the top of the draw).
    if (names.aliases.length > 0 && draw >= 1 - p.aliasOfAliased) return rng.pick(names.aliases);
    return names.canonical;
  }

  private dirtyCategory(category: number): string {
    const { rng, cat } = this;
    const p = DIRT.category;
    const names = cat.categories[category]!;
    const count = cat.categories.length;
    let r = rng.float();
    if ((r -= p.otherValid) < 0) return cat.categories[(category + rng.int(1, count - 1)) % count]!.canonical;
    if ((r -= p.unknown) < 0) return rng.pick(cat.unknownCategories);
    if ((r -= p.typo) < 0) return rng.pick(names.typos);
    if ((r -= p.alias) < 0) return names.aliases.length > 0 ? rng.pick(names.aliases) : rng.pick(names.variants);
    if ((r -= p.variant) < 0) return rng.pick(names.variants);
    if (r < p.blank) return '';
    return names.canonical;
  }

  private dirtyQuantity(): string {
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

  private dirtyPrice(product: CatalogueEntry): string {
    const { rng } = this;
    const p = DIRT.price;
    const cents = this.priceCents(product);
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
  private dirtyDiscount(): string {
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

  private dirtyRegion(): string {
    const { rng, cat } = this;
    const p = DIRT.region;
    const names = cat.regions[rng.sample(cat.regionTable)]!;
    let r = rng.float();
    if ((r -= p.variant) < 0) return rng.pick(names.variants);
    if ((r -= p.typo) < 0) return rng.pick(names.typos);
    if ((r -= p.alias) < 0) return names.aliases.length > 0 ? rng.pick(names.aliases) : names.canonical;
    if ((r -= p.emea) < 0) return rng.pick(cat.unknownRegionAliases);
    if ((r -= p.unknown) < 0) return rng.pick(cat.unknownRegions);
    if (r < p.blank) return '';
    return names.canonical;
  }

  private dirtyDate(): string {
    const { rng, cal } = this;
    const p = DIRT.date;
    const day = rng.sample(cal.table);
    let r = rng.float();
    if ((r -= p.blank) < 0) return '';
    if ((r -= p.impossible) < 0) return rng.pick(cal.impossible);
    if ((r -= p.farPast) < 0) return pad(rng.int(1900, cal.endYear - 21), 4) + cal.iso[day]!.slice(4).replace('-02-29', '-02-28');
    if (r < p.badFormat) return badlyFormatted(rng, cal.iso[day]!);
    switch (rng.sample(DATE_FORMAT_TABLE)) {
      case 0: return cal.iso[day]!;
      case 1: return cal.us[day]!;
      case 2: return cal.eu[day]!;
      case 3: return cal.slash[day]!;
      case 4: return cal.iso[day]! + rng.pick(TIME_PARTS);
      default: return cal.us[day]! + rng.pick(SPACED_TIME_PARTS);
    }
  }

  private dirtyEmail(): string {
    const { rng } = this;
    const p = DIRT.email;
    let r = rng.float();
    if ((r -= p.blank) < 0) return '';
    if ((r -= p.malformed) < 0) return this.malformedEmail();
    if ((r -= p.mixedCase) < 0) return this.validEmail(true);
    if (r < p.padded) return ' ' + this.validEmail(false) + ' ';
    return this.validEmail(false);
  }

  private dirtyRevenue(): string {
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

  /** A valid address: lower case, or in mixed case that lower-cases to a valid one. */
  private validEmail(mixedCase: boolean): string {
    const { rng } = this;
    const f = rng.int(0, FIRST_NAMES.length - 1);
    const l = rng.int(0, LAST_NAMES.length - 1);
    const d = rng.int(0, DOMAINS.length - 1);
    const first = mixedCase ? FIRST_NAMES_CAPITAL[f]! : FIRST_NAMES[f]!;
    const last = mixedCase ? LAST_NAMES_CAPITAL[l]! : LAST_NAMES[l]!;
    const domain = mixedCase ? DOMAINS_CAPITAL[d]! : DOMAINS[d]!;
    switch (rng.next() & 7) {
      case 0: return first + last + '@' + domain;
      case 1: return first + '_' + last + INTEGERS[rng.int(1, 99)] + '@' + domain;
      case 2: return first[0] + last + '@' + domain;
      case 3: return first + '.' + last + INTEGERS[rng.int(1, 999)] + '@' + domain;
      case 4: return first + '+shop@' + domain;
      default: return first + '.' + last + '@' + domain;
    }
  }

  private malformedEmail(): string {
    const { rng } = this;
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const domain = rng.pick(DOMAINS);
    switch (rng.int(0, 6)) {
      case 0: return first + '.' + last + '@'; // john.doe@
      case 1: return first + '-' + last + '.' + domain; // no at sign
      case 2: return first[0] + '@' + last[0]; // a@b
      case 3: return first + '@@' + domain;
      case 4: return first + ' ' + last + '@' + domain;
      case 5: return first + '.' + last + '@' + domain.slice(0, domain.indexOf('.')); // no top-level domain
      default: return '@' + domain;
    }
  }
}

/** SPEC's revenue, in whole cents: Math.round(quantity * unit_price * (1 - discount) * 100). */
function revenueCents(quantity: number, cents: number, discountPercent: number): number {
  // cents / 100 is the same double as the parsed price text, discountPercent / 100 as the ratio.
  return Math.round(quantity * (cents / 100) * (1 - discountPercent / 100) * 100);
}

// ---------------------------------------------------------------------------------------------
// Value tables, formatted once

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const range = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

/** Decimal text of 0..16383, so hot paths format small integers without converting. */
const INTEGERS: readonly string[] = range(1 << 14, String);
const TWO_DIGITS: readonly string[] = range(100, (i) => pad(i, 2));
const THREE_DIGITS: readonly string[] = range(1000, (i) => pad(i, 3));
/** Discount percent 0..200 as a ratio with up to 2 decimals: 0 → '0', 15 → '0.15', 150 → '1.5'. */
const RATIOS: readonly string[] = range(201, (i) => String(i / 100));
const PERCENTS: readonly string[] = range(201, (i) => i + '%');

/** Whole cents as money text with 2 decimals: 129900 → '1299.00'. */
function money(cents: number): string {
  if (cents < 0) return '-' + money(-cents);
  const whole = (cents - (cents % 100)) / 100;
  return (INTEGERS[whole] ?? String(whole)) + '.' + TWO_DIGITS[cents % 100];
}

/** Money with thousands separators: 129900 → '1,299.00'. */
function groupedMoney(cents: number): string {
  let whole = (cents - (cents % 100)) / 100;
  let text = '';
  while (whole >= 1000) {
    text = ',' + THREE_DIGITS[whole % 1000] + text;
    whole = (whole - (whole % 1000)) / 1000;
  }
  return String(whole) + text + '.' + TWO_DIGITS[cents % 100];
}

/** Quantities 1..10 (index + 1), small orders most common. */
const QUANTITY_TABLE = sampleTable([30, 22, 15, 10, 8, 5, 4, 3, 2, 1]);
/** Discount percent 0..30: mostly none, then round numbers. */
const DISCOUNT_TABLE = sampleTable(range(31, (d) => (d === 0 ? 55 : d % 5 === 0 ? 35 / 6 : 10 / 24)));
/** Date formats: ISO, MM/DD/YYYY, DD-MM-YYYY, YYYY/MM/DD, ISO with a time, MM/DD/YYYY with a time. */
const DATE_FORMAT_TABLE = sampleTable([50, 15, 13, 10, 9, 3]);
const TIME_PARTS = ['T10:15:00', 'T09:30:00', 'T14:45:30', 'T23:59:59', ' 08:00', 'T12:00:00Z', 'T16:20:00+02:00', ' 17:05:00'];
const SPACED_TIME_PARTS = [' 10:15', ' 08:00:00', ' 19:42:05'];

const NUMBER_WORD_LIST = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
/** Each quantity 0..10 as a word, in lower, capitalised and upper case. */
const NUMBER_WORDS: readonly string[][] = NUMBER_WORD_LIST.map((w) => [w, w[0]!.toUpperCase() + w.slice(1), w.toUpperCase()]);
const BAD_QUANTITY_WORDS = ['many', 'several', 'a few', 'Dozen', 'lots'];
const HUGE_QUANTITIES = [10_000, 50_000, 100_000, 100_000, 250_000];
const PRICES_ABOVE_MAX = ['$75,000.00', '120000', '99999.99', '$1,250,000.00', '50000.01'].map(csvField);
const PRICE_TEXTS = ['free', 'TBD', 'call us', '12,99', 'USD 19.99'].map(csvField);
const INTEGER_PREFIXES = ['+', '0', ' ', ''];
const INTEGER_SUFFIXES = ['', '.0', ' ', '.00'];

const FIRST_NAMES = ['john', 'jane', 'maria', 'li', 'ahmed', 'sofia', 'lucas', 'emma', 'noah', 'olivia', 'liam', 'ava', 'mateo', 'yuki', 'priya', 'omar', 'chloe', 'david', 'sarah', 'kwame', 'anna', 'ivan', 'fatima', 'carlos', 'mei', 'leon', 'grace', 'hugo', 'nina', 'raj'];
const LAST_NAMES = ['doe', 'smith', 'garcia', 'chen', 'khan', 'muller', 'rossi', 'silva', 'kim', 'patel', 'nguyen', 'brown', 'jones', 'lopez', 'tanaka', 'okafor', 'novak', 'dubois', 'jensen', 'cohen', 'ali', 'wang', 'martin', 'costa', 'berg', 'haddad', 'fischer', 'moreau', 'sato', 'mensah'];
const DOMAINS = ['gmail.com', 'yahoo.com', 'outlook.com', 'hotmail.com', 'example.com', 'mail.co.uk', 'web.de', 'icloud.com', 'proton.me', 'shop-mail.net'];
const capitalise = (s: string): string => s[0]!.toUpperCase() + s.slice(1);
const FIRST_NAMES_CAPITAL = FIRST_NAMES.map(capitalise);
const LAST_NAMES_CAPITAL = LAST_NAMES.map(capitalise);
const DOMAINS_CAPITAL = DOMAINS.map(capitalise);

// ---------------------------------------------------------------------------------------------
// Calendar: the window's days, formatted once, with a recent and seasonal bias

interface Calendar {
  endYear: number;
  iso: string[];
  us: string[];
  eu: string[];
  slash: string[];
  /** Day indices, weighted: later days and November/December more often. */
  table: SampleTable;
  /** Dates that look right but are not on the calendar (2024-02-30). */
  impossible: string[];
}

const DAY_MS = 86_400_000;
/** Weight of each month (January first): holiday sales lift November and December. */
const SEASON = [0.9, 0.85, 0.95, 1, 1, 0.95, 0.95, 1, 1, 1.05, 1.5, 1.8];
/** The last day of the window is sold on this many times as often as the first. */
const RECENT_BIAS = 2.5;

function buildCalendar(endDate: string): Calendar {
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(endDate);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  const end = epochDay(year, month, day);
  if (end === null || year < 3) throw new RangeError(`endDate must be a real date as YYYY-MM-DD, got '${endDate}'`);
  const start = epochDay(year - 2, month, Math.min(day, daysInMonth(year - 2, month)))! + 1;
  const cal: Calendar = { endYear: year, iso: [], us: [], eu: [], slash: [], table: new Uint16Array(0), impossible: [] };
  const weights: number[] = [];
  const years = new Set<number>();
  for (let d = start; d <= end; d++) {
    const date = new Date(d * DAY_MS);
    const y = pad(date.getUTCFullYear(), 4);
    const m = TWO_DIGITS[date.getUTCMonth() + 1]!;
    const dd = TWO_DIGITS[date.getUTCDate()]!;
    cal.iso.push(`${y}-${m}-${dd}`);
    cal.us.push(`${m}/${dd}/${y}`);
    cal.eu.push(`${dd}-${m}-${y}`);
    cal.slash.push(`${y}/${m}/${dd}`);
    weights.push((1 + ((RECENT_BIAS - 1) * (d - start)) / (end - start)) * SEASON[date.getUTCMonth()]!);
    years.add(date.getUTCFullYear());
  }
  cal.table = sampleTable(weights);
  for (const y of years) {
    const yyyy = pad(y, 4);
    cal.impossible.push(`${yyyy}-02-30`, `${yyyy}-04-31`, `${yyyy}-09-31`, `${yyyy}-13-01`, `${yyyy}-00-12`, `02/30/${yyyy}`, `31-06-${yyyy}`, `${yyyy}/11/31`);
    if (daysInMonth(y, 2) === 28) cal.impossible.push(`${yyyy}-02-29`, `29-02-${yyyy}`);
  }
  return cal;
}

/** Days since 1970-01-01 of a real calendar date, or null. */
function epochDay(year: number, month: number, day: number): number | null {
  if (month < 1 || month > 12 || day < 1) return null;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return Math.round(date.getTime() / DAY_MS);
}

function daysInMonth(year: number, month: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A date in none of the four formats: '2024-3-5', '5 Mar 2024', '2024.03.05', '20240305'. */
function badlyFormatted(rng: Prng, iso: string): string {
  const [y, m, d] = [iso.slice(0, 4), iso.slice(5, 7), iso.slice(8, 10)];
  switch (rng.int(0, 3)) {
    case 0: return m[0] === '0' || d[0] === '0' ? `${y}-${Number(m)}-${Number(d)}` : `${y}${m}${d}`;
    case 1: return `${Number(d)} ${MONTH_NAMES[Number(m) - 1]} ${y}`;
    case 2: return `${y}.${m}.${d}`;
    default: return `${y}${m}${d}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Catalogue: every spelling of every value, CSV-quoted once

/** The spellings of one canonical value, each ready to write as a CSV field. */
interface Spellings {
  canonical: string;
  /** Same key() as the canonical value: case changes and extra spaces. */
  variants: string[];
  /** One or two edits away, and nearer to this value than to any other. */
  typos: string[];
  /** Entries of the lookups' map that point to this value. */
  aliases: string[];
}

interface CatalogueEntry {
  spellings: Spellings;
  category: number;
  minCents: number;
  spanCents: number;
  /** The name with a line break for a space, quoted (the canonical name when it has no space). */
  lineBreak: string;
}

interface Catalogue {
  products: CatalogueEntry[];
  productTable: SampleTable;
  categories: Spellings[];
  regions: Spellings[];
  regionTable: SampleTable;
  unknownProducts: string[];
  unknownCategories: string[];
  unknownRegions: string[];
  /** Region spellings the lookups map to UNKNOWN (EMEA). */
  unknownRegionAliases: string[];
}

/** Typos are drawn once from this fixed seed, so every file shares the same misspellings. */
const CATALOGUE_SEED = 0x5a1e5;
const CATEGORY_POPULARITY: Record<string, number> = {
  Electronics: 1,
  'Home & Kitchen': 1,
  Clothing: 1.3,
  'Sports & Outdoors': 0.8,
  Books: 1.3,
  'Beauty & Personal Care': 1.1,
  'Toys & Games': 0.9,
  Grocery: 1.6,
};
const REGION_POPULARITY = [28, 8, 24, 20, 7, 6, 7]; // in REGIONS order

let cachedCatalogue: Catalogue | null = null;

function catalogue(): Catalogue {
  if (cachedCatalogue) return cachedCatalogue;
  const rng = new Prng(CATALOGUE_SEED);
  const categories = CATEGORIES.map((c) => spellingsOf(c, CATEGORIES, CATEGORY_ALIASES, rng));
  const products = PRODUCTS.map(
    (p): CatalogueEntry => ({
      spellings: spellingsOf(p.name, PRODUCTS.map((q) => q.name), PRODUCT_ALIASES, rng),
      category: CATEGORIES.indexOf(p.category as (typeof CATEGORIES)[number]),
      minCents: p.minPrice * 100,
      spanCents: (p.maxPrice - p.minPrice) * 100,
      lineBreak: csvField(p.name.replace(' ', '\n')),
    }),
  );
  const popularity = PRODUCTS.map((p) => (CATEGORY_POPULARITY[p.category] ?? 1) * (0.5 + rng.float()));
  cachedCatalogue = {
    products,
    productTable: sampleTable(popularity),
    categories,
    regions: REGIONS.map((r) => spellingsOf(r, REGIONS, REGION_ALIASES, rng)),
    regionTable: sampleTable(REGIONS.map((_, i) => REGION_POPULARITY[i] ?? 5)),
    unknownProducts: UNKNOWN_PRODUCTS.map(csvField),
    unknownCategories: UNKNOWN_CATEGORIES.map(csvField),
    unknownRegions: UNKNOWN_REGIONS.map(csvField),
    unknownRegionAliases: Object.keys(REGION_ALIASES)
      .filter((alias) => REGION_ALIASES[alias] === 'UNKNOWN')
      .map(csvField),
  };
  return cachedCatalogue;
}

const TYPOS_PER_VALUE = 12;

function spellingsOf(value: string, canonical: readonly string[], aliases: Readonly<Record<string, string>>, rng: Prng): Spellings {
  const variants = new Set([
    value.toLowerCase(),
    value.toUpperCase(),
    value[0] + value.slice(1).toLowerCase(),
    ' ' + value + ' ',
    value + '  ',
    value.replace(' ', '  '),
  ]);
  variants.delete(value);
  const typos = typosOf(value, canonical, aliases, rng);
  return {
    canonical: csvField(value),
    variants: [...variants].map(csvField),
    typos: (typos.length > 0 ? typos : [...variants]).map(csvField), // a value too close to another has none
    aliases: Object.keys(aliases)
      .filter((alias) => aliases[alias] === value)
      .map(csvField),
  };
}

/**
 * Misspellings of a value that fuzzy matching (distance ≤ 2 on key()) brings back to it: each is
 * strictly nearer to it than to any other canonical value and is no key of the lookups' map.
 */
function typosOf(value: string, canonical: readonly string[], aliases: Readonly<Record<string, string>>, rng: Prng): string[] {
  const own = key(value);
  const others = canonical.map(key).filter((k) => k !== own);
  const mapKeys = new Set(Object.keys(aliases).map(key));
  const typos = new Set<string>();
  for (let attempt = 0; attempt < TYPOS_PER_VALUE * 40 && typos.size < TYPOS_PER_VALUE; attempt++) {
    let typo = misspell(value, rng);
    if (rng.chance(0.3)) typo = misspell(typo, rng);
    const k = key(typo);
    if (k === own || k === '' || mapKeys.has(k)) continue;
    const d = distance(k, own);
    if (d <= 2 && others.every((other) => distance(k, other) > d)) typos.add(typo);
  }
  return [...typos];
}

/** Keys near each letter on a QWERTY keyboard, for plausible replacements. */
const NEIGHBOURS: Record<string, string> = {
  a: 'qsz', b: 'vghn', c: 'xdfv', d: 'serfcx', e: 'wrd', f: 'drtgvc', g: 'ftyhbv', h: 'gyujnb', i: 'uok', j: 'huikmn',
  k: 'jiolm', l: 'kop', m: 'njk', n: 'bhjm', o: 'ipl', p: 'ol', q: 'wa', r: 'etf', s: 'awedxz', t: 'ryg', u: 'yij',
  v: 'cfgb', w: 'qes', x: 'zsdc', y: 'tuh', z: 'asx',
};

/** One edit at a letter: swap with the next letter, drop it, double it or hit a neighbouring key. */
function misspell(value: string, rng: Prng): string {
  const letters: number[] = [];
  for (let i = 0; i < value.length; i++) if (/[a-z]/i.test(value[i]!)) letters.push(i);
  if (letters.length === 0) return value;
  const at = rng.pick(letters);
  const ch = value[at]!;
  switch (rng.int(0, 3)) {
    case 0:
      if (at + 1 < value.length && /[a-z]/i.test(value[at + 1]!) && value[at + 1] !== ch) {
        return value.slice(0, at) + value[at + 1] + ch + value.slice(at + 2);
      }
      return value.slice(0, at) + value.slice(at + 1);
    case 1:
      return value.slice(0, at) + value.slice(at + 1);
    case 2:
      return value.slice(0, at) + ch + value.slice(at);
    default: {
      const lower = ch.toLowerCase();
      const hit = rng.pick([...(NEIGHBOURS[lower] ?? 'e')]);
      return value.slice(0, at) + (ch === lower ? hit : hit.toUpperCase()) + value.slice(at + 1);
    }
  }
}

/** A value as one RFC 4180 field: quoted when it holds a comma, a quote or a line break. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? '"' + value.replaceAll('"', '""') + '"' : value;
}
