import type { JobOptions } from '../options.ts';
import { canonicalList, fieldMap, type LookupField, type Lookups } from '../lookups/lookups.ts';
import { DISCOUNT_SCALE } from '../output/numbers.ts';
import { discountText, textCellBytes } from '../output/rowsCsv.ts';
import { MissingValues } from './CellReader.ts';
import { toUtf8 } from '../text/shortUtf8.ts';
import { Matcher } from './Matcher.ts';
import { parseDiscount, parseEmail, parsePrice, parseQuantity, parseSaleDate, TIME_PART, type CalendarDate } from './values.ts';

/** A product cell as cleaned: blank (check 3), or its cleaned name, matched or kept as written. */
export interface ProductCell {
  blank: boolean;
  cleaned: string;
  unmatched: boolean;
  /** The cell as read, when it differs from the cleaned name: a correction. */
  corrected: string | null;
  /** The cleaned name as a CSV cell, UTF-8. */
  bytes: Uint8Array;
}

/** A category or region cell: its canonical value (null: unknown) and, if it differs, the cell as read. */
export interface MatchedCell {
  value: string | null;
  corrected: string | null;
  bytes: Uint8Array;
}

/** A discount cell: invalid (check 7), or its ratio in DISCOUNT_SCALE units, range handled. */
export interface DiscountCell {
  invalid: boolean;
  ratio: number;
  units: number;
  heavy: boolean;
  bytes: Uint8Array;
}

/** A valid sale date with its two cleaned CSV cells (`sale_date,sale_ts`), UTF-8. */
export interface DateCell {
  date: CalendarDate;
  bytes: Uint8Array;
}

/**
 * The cleaning rules of SPEC section 2 for one cell at a time, from the cell as read (a string).
 * This is where each rule is written once: the row cleaner calls it for a cell it has not seen
 * before (and remembers the answer by the cell's bytes) or that it cannot read as bytes.
 */
export class CellRules {
  private readonly missing: MissingValues;
  private readonly matchers: Record<LookupField, Matcher>;
  /**
   * One cell per calendar day, whatever its spelling: a big file has tens of thousands of date
   * spellings, each remembered for good, and a new object per spelling survived collections.
   */
  private readonly days = new Map<number, DateCell>();

  constructor(
    private readonly options: JobOptions,
    lookups: Lookups,
  ) {
    this.missing = new MissingValues(options.null_tokens);
    const matcher = (field: LookupField) => new Matcher(canonicalList(lookups, field), fieldMap(lookups, field), options.fuzzy_max_distance);
    this.matchers = { category: matcher('category'), region: matcher('region'), product_name: matcher('product_name') };
  }

  /** The null tokens, trimmed and lower case. */
  get tokens(): ReadonlySet<string> {
    return this.missing.tokens;
  }

  /** The cell trimmed, with missing-value tokens made blank. */
  value(raw: string): string {
    return this.missing.value(raw);
  }

  /** The order id as kept (trimmed, upper case); '' when missing. */
  orderId(raw: string): string {
    return this.value(raw).toUpperCase();
  }

  product(raw: string): ProductCell {
    const cell = this.value(raw);
    const product = this.matchers.product_name.match(cell).value;
    const cleaned = product ?? cell.replace(/\s+/g, ' ');
    return { blank: cell === '', cleaned, unmatched: product === null, corrected: raw === cleaned ? null : raw, bytes: textCellBytes(cleaned) };
  }

  matched(field: 'category' | 'region', raw: string): MatchedCell {
    const value = this.matchers[field].match(this.value(raw)).value;
    return { value, corrected: raw === value ? null : raw, bytes: value === null ? new Uint8Array(0) : textCellBytes(value) };
  }

  quantity(raw: string): number | null {
    return parseQuantity(this.value(raw));
  }

  /** A unit price within [0, price_max], else null. */
  price(raw: string): number | null {
    const price = parsePrice(this.value(raw));
    return price === null || price < 0 || price > this.options.price_max ? null : price;
  }

  discount(raw: string): DiscountCell {
    let ratio = parseDiscount(this.value(raw));
    if (ratio !== null && (ratio < 0 || ratio > 1)) ratio = this.options.discount_out_of_range === 'clamp' ? (ratio < 0 ? 0 : 1) : null;
    if (ratio === null) return { invalid: true, ratio: 0, units: 0, heavy: false, bytes: new Uint8Array(0) };
    const units = Math.round(ratio * DISCOUNT_SCALE);
    return { invalid: false, ratio, units, heavy: ratio > this.options.heavy_discount_threshold, bytes: toUtf8(discountText(units)) };
  }

  /** A sale date in any of the four formats, a time part allowed; null when invalid. */
  saleDate(raw: string): DateCell | null {
    return this.date(this.value(raw));
  }

  /** saleDate of a cell already trimmed and known not to be a missing-value token. */
  date(cell: string): DateCell | null {
    const date = parseSaleDate(cell);
    if (date === null) return null;
    let found = this.days.get(date.day);
    if (found === undefined) this.days.set(date.day, (found = { date, bytes: toUtf8(date.cells) }));
    return found;
  }

  /** Whether a date's characters after its first ten are a time part that may be dropped. */
  timePart(rest: string): boolean {
    return TIME_PART.test(rest);
  }

  /** The email as kept (lower case), '' when blank, null when it does not match SPEC's pattern. */
  email(raw: string): string | null {
    const cell = this.value(raw);
    return cell === '' ? '' : parseEmail(cell);
  }
}
