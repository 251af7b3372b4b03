import { CONTRACT_COLUMNS, reasonCode, type ContractColumn, type ReasonCode } from '../contract.ts';
import type { AcceptedRow } from '../aggregate/Totals.ts';
import type { ColumnPlan } from '../input/header.ts';
import type { Lookups } from '../lookups/lookups.ts';
import type { JobOptions } from '../options.ts';
import { putBytes, putInteger, type ByteLines } from '../output/ByteLines.ts';
import { textCell } from '../output/csv.ts';
import { HEAVY_END_BYTES, needsQuotes, PLAIN_END_BYTES, riskyFirstByte } from '../output/rowsCsv.ts';
import { shiftYears } from './values.ts';
import { AsciiTokens, digitsValue, hasHighBytes, isEmail, plainDecimal, putCased, trimEnd, trimStart } from './asciiCells.ts';
import { ByteMemo } from './ByteMemo.ts';
import { putUtf8, utf8Text } from '../text/shortUtf8.ts';
import { CellRules, type DateCell, type DiscountCell, type MatchedCell, type ProductCell } from './cells.ts';

const MALFORMED = reasonCode('malformed_row');
const MISSING_ORDER_ID = reasonCode('missing_order_id');
const MISSING_PRODUCT = reasonCode('missing_product_name');
const INVALID_QUANTITY = reasonCode('invalid_quantity');
const ZERO_QUANTITY = reasonCode('zero_quantity');
const INVALID_PRICE = reasonCode('invalid_unit_price');
const INVALID_DISCOUNT = reasonCode('invalid_discount');
const INVALID_DATE = reasonCode('invalid_sale_date');
const DATE_OUT_OF_RANGE = reasonCode('sale_date_out_of_range');
const UNKNOWN_CATEGORY = reasonCode('unknown_category');
const UNKNOWN_REGION = reasonCode('unknown_region');
const INVALID_REVENUE = reasonCode('invalid_calculated_revenue');

const COMMA = 0x2c;
const DOT = 0x2e;
const DOLLAR = 0x24;
const DIGIT_0 = 0x30;
const NO_BYTES: Uint8Array = new Uint8Array(0);

/** Where a contract column's cells are: a field of the record, or a constant's bytes. */
interface Column {
  field: number;
  constant: Uint8Array;
  constantHigh: boolean;
}

/**
 * Runs checks 1 to 12 of SPEC section 2 on a record given as byte ranges, and writes an accepted
 * record's cleaned line. Check 13 (duplicate ids) needs every earlier row of the file, so the
 * caller applies it in file order.
 *
 * It reads cells as bytes and makes no string for a usual row: cells that repeat (names, dates,
 * discounts, words) are looked up by their bytes in memos filled by the string rules of
 * CellRules; ids, quantities, prices and emails in ASCII are read and copied as bytes; any other
 * cell (beyond ASCII, a missing-value token, a formula to guard) is decoded and given to CellRules.
 */
export class RowCleaner {
  private readonly rules: CellRules;
  private readonly tokens: AsciiTokens;
  private readonly columns: Record<ContractColumn, Column>;
  private readonly width: number;
  private readonly firstDay: number;
  private readonly lastDay: number;
  private readonly products: ByteMemo<ProductCell>;
  private readonly categories: ByteMemo<MatchedCell>;
  private readonly regions: ByteMemo<MatchedCell>;
  private readonly quantities: ByteMemo<number | null>;
  private readonly discounts: ByteMemo<DiscountCell>;
  private readonly dates: ByteMemo<DateCell | null>;
  private readonly times: ByteMemo<boolean>;
  /** Prices not read as bytes: mostly words (`free`, `call us`) that repeat. */
  private readonly prices: ByteMemo<{ price: number | null; text: string | null }>;

  // The record being cleaned, and the field taken last: bytes[start, end), `high` when it may hold bytes beyond ASCII.
  private record = NO_BYTES;
  private starts: Int32Array = new Int32Array(0);
  private ends: Int32Array = new Int32Array(0);
  private recordHigh = false;
  private bytes = NO_BYTES;
  private start = 0;
  private end = 0;
  private high = false;

  // What the cleaned line is written from: a range of `record` in ASCII, else a string (null: the range).
  private idStart = 0;
  private idEnd = 0;
  private idText: string | null = null;
  private priceStart = 0;
  private priceEnd = 0;
  /** Where the price's decimal point is (priceEnd when it has none). */
  private priceDot = 0;
  private priceText: string | null = null;
  private price = 0;
  private emailStart = 0;
  private emailEnd = 0;
  private emailText: string | null = null;
  private product: ProductCell | null = null;
  private discount: DiscountCell | null = null;
  private date: DateCell | null = null;
  private categoryBytes = NO_BYTES;
  private regionBytes = NO_BYTES;
  private readonly corrected: NonNullable<AcceptedRow['corrected']> = { category: null, region: null, product_name: null };
  private readonly row: AcceptedRow = {
    rowNumber: 0,
    // Made only when a row needs them as text (spell): the line is written from bytes.
    orderId: '',
    product: '',
    category: '',
    region: '',
    quantity: 0,
    unitPrice: 0,
    discountUnits: 0,
    saleDate: { day: 0, iso: '', month: '', cells: '' },
    email: '',
    cents: 0,
    heavy: false,
    corrected: null,
    invalidEmail: false,
    unmatchedProduct: false,
  };

  constructor(
    plan: ColumnPlan,
    private readonly options: JobOptions,
    lookups: Lookups,
  ) {
    const rules = (this.rules = new CellRules(options, lookups));
    this.tokens = new AsciiTokens(rules.tokens);
    const encoder = new TextEncoder();
    this.columns = Object.fromEntries(
      CONTRACT_COLUMNS.map((c) => {
        const constant = encoder.encode(plan.constant[c] ?? '');
        return [c, { field: plan.index[c] ?? -1, constant, constantHigh: hasHighBytes(constant, 0, constant.length) }];
      }),
    ) as Record<ContractColumn, Column>;
    this.width = plan.header.length;
    this.firstDay = shiftYears(options.reference_date, -20);
    this.lastDay = shiftYears(options.reference_date, 1);
    this.products = new ByteMemo((b, s, e) => rules.product(utf8Text(b, s, e)));
    this.categories = new ByteMemo((b, s, e) => rules.matched('category', utf8Text(b, s, e)));
    this.regions = new ByteMemo((b, s, e) => rules.matched('region', utf8Text(b, s, e)));
    this.quantities = new ByteMemo((b, s, e) => rules.quantity(utf8Text(b, s, e)));
    this.discounts = new ByteMemo((b, s, e) => rules.discount(utf8Text(b, s, e)));
    this.dates = new ByteMemo((b, s, e) => rules.date(utf8Text(b, s, e)));
    this.times = new ByteMemo((b, s, e) => rules.timePart(utf8Text(b, s, e)));
    this.prices = new ByteMemo((b, s, e) => {
      const price = rules.price(utf8Text(b, s, e));
      return { price, text: price === null ? null : price.toFixed(2) };
    });
  }

  /**
   * The accepted row, or the code of the first check it fails. The row is this cleaner's own,
   * overwritten by the next call: a fresh object per row was most of what a job allocated, and
   * so most of its young-generation collections. Copy what must outlive the next call.
   */
  clean(record: Uint8Array, starts: Int32Array, ends: Int32Array, count: number, quoteError: boolean, high: boolean): AcceptedRow | ReasonCode {
    if (quoteError || count !== this.width) return MALFORMED;
    const maxBytes = this.options.max_field_bytes;
    for (let i = 0; i < count; i++) if (ends[i]! - starts[i]! > maxBytes) return MALFORMED;
    this.record = record;
    this.starts = starts;
    this.ends = ends;
    this.recordHigh = high;
    const col = this.columns;

    if (!this.readId(col.order_id)) return MISSING_ORDER_ID;
    this.take(col.product_name);
    const product = (this.product = this.products.get(this.bytes, this.start, this.end));
    if (product.blank) return MISSING_PRODUCT;

    const quantity = this.readQuantity(col.quantity);
    if (quantity === null) return INVALID_QUANTITY;
    if (quantity === 0 && this.options.drop_zero_quantity) return ZERO_QUANTITY;

    if (!this.readPrice(col.unit_price)) return INVALID_PRICE;
    const unitPrice = this.price;

    this.take(col.discount_percent);
    const discount = (this.discount = this.discounts.get(this.bytes, this.start, this.end));
    if (discount.invalid) return INVALID_DISCOUNT;

    const date = (this.date = this.readDate(col.sale_date));
    if (date === null) return INVALID_DATE;
    const saleDate = date.date;
    if (saleDate.day < this.firstDay || saleDate.day > this.lastDay) return DATE_OUT_OF_RANGE;

    this.take(col.category);
    const category = this.categories.get(this.bytes, this.start, this.end);
    if (category.value === null) return UNKNOWN_CATEGORY;
    this.take(col.region);
    const region = this.regions.get(this.bytes, this.start, this.end);
    if (region.value === null) return UNKNOWN_REGION;
    this.categoryBytes = category.bytes;
    this.regionBytes = region.bytes;

    const cents = Math.round(quantity * unitPrice * (1 - discount.ratio) * 100);
    const revenue = cents / 100;
    if (revenue < 0 || revenue > this.options.revenue_max) return INVALID_REVENUE;

    const validEmail = this.readEmail(col.customer_email);
    const row = this.row;
    if (category.corrected === null && region.corrected === null && product.corrected === null) row.corrected = null;
    else {
      const corrected = (row.corrected = this.corrected);
      corrected.category = category.corrected;
      corrected.region = region.corrected;
      corrected.product_name = product.corrected;
    }
    row.rowNumber = 0;
    row.orderId = '';
    row.product = product.cleaned;
    row.category = category.value;
    row.region = region.value;
    row.quantity = quantity;
    row.unitPrice = unitPrice;
    row.discountUnits = discount.units;
    row.saleDate = saleDate;
    row.email = '';
    row.cents = cents;
    row.heavy = discount.heavy;
    row.invalidEmail = !validEmail;
    row.unmatchedProduct = product.unmatched;
    return row;
  }

  /** Gives the row last accepted its order id and email as text. */
  spell(row: AcceptedRow): void {
    row.orderId = this.idText ?? utf8Text(this.record, this.idStart, this.idEnd).toUpperCase();
    row.email = this.emailText ?? utf8Text(this.record, this.emailStart, this.emailEnd).toLowerCase();
  }

  /** Writes the cleaned line of the row last accepted (its cells in CLEANED_COLUMNS order), and its id. */
  write(lines: ByteLines, ids: ByteLines, row: AcceptedRow): void {
    const record = this.record;
    const id = this.idText === null ? null : textCell(this.idText);
    const email = this.emailText === null ? null : textCell(this.emailText);
    const product = this.product!.bytes;
    const discount = this.discount!.bytes;
    const date = this.date!.bytes;
    const out = lines.reserve(
      (id === null ? this.idEnd - this.idStart : 3 * id.length) +
        (email === null ? this.emailEnd - this.emailStart : 3 * email.length) +
        (this.priceText === null ? this.priceEnd - this.priceStart : this.priceText.length) +
        product.length + this.categoryBytes.length + this.regionBytes.length + discount.length + date.length + 96,
    );
    let at = putInteger(out, lines.used, row.rowNumber);
    out[at++] = COMMA;
    at = id === null ? putCased(out, at, record, this.idStart, this.idEnd, true) : putUtf8(out, at, id);
    out[at++] = COMMA;
    at = putBytes(out, at, product);
    out[at++] = COMMA;
    at = putBytes(out, at, this.categoryBytes);
    out[at++] = COMMA;
    at = putInteger(out, at, row.quantity);
    out[at++] = COMMA;
    at = this.priceText === null ? this.putPrice(out, at) : putUtf8(out, at, this.priceText);
    out[at++] = COMMA;
    at = putBytes(out, at, discount);
    out[at++] = COMMA;
    at = putBytes(out, at, this.regionBytes);
    out[at++] = COMMA;
    at = putBytes(out, at, date);
    out[at++] = COMMA;
    at = email === null ? putCased(out, at, record, this.emailStart, this.emailEnd, false) : putUtf8(out, at, email);
    out[at++] = COMMA;
    at = putInteger(out, at, Math.floor(row.cents / 100));
    out[at++] = DOT;
    const hundredths = row.cents % 100;
    out[at++] = DIGIT_0 + Math.floor(hundredths / 10);
    out[at++] = DIGIT_0 + (hundredths % 10);
    out[at++] = COMMA;
    lines.used = putBytes(out, at, row.heavy ? HEAVY_END_BYTES : PLAIN_END_BYTES);
    lines.endLine();

    if (this.idText !== null) ids.push(this.idText);
    else {
      ids.used = putCased(ids.reserve(this.idEnd - this.idStart), ids.used, record, this.idStart, this.idEnd, true);
      ids.endLine();
    }
  }

  /** Takes a column's cell of the current record as the current field. */
  private take(column: Column): void {
    const field = column.field;
    if (field < 0) {
      this.bytes = column.constant;
      this.start = 0;
      this.end = column.constant.length;
      this.high = column.constantHigh;
    } else {
      this.bytes = this.record;
      this.start = this.starts[field]!;
      this.end = this.ends[field]!;
      this.high = this.recordHigh;
    }
  }

  /** The current field as read, decoded. */
  private text(): string {
    return utf8Text(this.bytes, this.start, this.end);
  }

  /** Trims the current field (ASCII spaces); true when what is left is ASCII and no missing-value token. */
  private trimToAscii(): boolean {
    const start = (this.start = trimStart(this.bytes, this.start, this.end));
    const end = (this.end = trimEnd(this.bytes, start, this.end));
    if (this.high && hasHighBytes(this.bytes, start, end)) return false;
    this.high = false;
    return !this.tokens.has(this.bytes, start, end);
  }

  /** Puts the current field back as it was taken, untrimmed, for the string rules. */
  private untrim(start: number, end: number): string {
    this.start = start;
    this.end = end;
    return this.text();
  }

  private readId(column: Column): boolean {
    this.take(column);
    const { start, end } = this;
    if (!this.trimToAscii()) {
      this.idText = this.high ? this.rules.orderId(this.untrim(start, end)) : '';
      return this.idText !== '';
    }
    if (this.start === this.end) return false;
    const { bytes } = this;
    // A cell a spreadsheet would take as a formula, or one that needs quotes, is written as text.
    const plain = bytes === this.record && !riskyFirstByte(bytes[this.start]!) && !needsQuotes(bytes, this.start, this.end);
    this.idText = plain ? null : this.text().toUpperCase();
    this.idStart = this.start;
    this.idEnd = this.end;
    return true;
  }

  private readQuantity(column: Column): number | null {
    this.take(column);
    const { bytes, start, end } = this;
    if (this.trimToAscii()) {
      const n = digitsValue(bytes, this.start, this.end);
      if (n >= 0) return n;
    }
    return this.quantities.get(bytes, start, end);
  }

  /**
   * Reads the price into `price`; false when it is invalid. Not returned: a fractional number
   * returned from a call is a fresh heap object, one per row.
   */
  private readPrice(column: Column): boolean {
    this.take(column);
    const { start, end } = this;
    const ascii = this.trimToAscii() && this.bytes === this.record;
    // A leading $ is common enough to read here too.
    if (ascii && this.start < this.end && this.record[this.start] === DOLLAR) this.start++;
    const price = ascii ? plainDecimal(this.record, this.start, this.end) : -1;
    if (price < 0) {
      const cell = this.prices.get(this.bytes, start, end);
      this.priceText = cell.text;
      if (cell.price === null) return false;
      this.price = cell.price;
      return true;
    }
    if (price > this.options.price_max) return false;
    this.priceStart = this.start;
    this.priceEnd = this.end;
    let dot = this.start;
    while (dot < this.end && this.record[dot] !== DOT) dot++;
    this.priceDot = dot;
    // More than two decimals are rounded as toFixed rounds them.
    this.priceText = this.end - dot - 1 > 2 ? price.toFixed(2) : null;
    this.price = price;
    return true;
  }

  /** A price of at most two decimals, as toFixed(2) writes it: no leading zeros, two decimals. */
  private putPrice(out: Uint8Array, at: number): number {
    const record = this.record;
    const end = this.priceEnd;
    const dot = this.priceDot;
    let i = this.priceStart;
    while (i < dot - 1 && record[i] === DIGIT_0) i++;
    for (; i < dot; i++) out[at++] = record[i]!;
    out[at++] = DOT;
    for (let k = 1; k <= 2; k++) out[at++] = dot + k < end ? record[dot + k]! : DIGIT_0;
    return at;
  }

  private readDate(column: Column): DateCell | null {
    this.take(column);
    const { start, end } = this;
    if (!this.trimToAscii() || this.end - this.start <= this.tokens.longest) return this.rules.saleDate(this.untrim(start, end));
    const { bytes } = this;
    // Times vary row by row where dates repeat: the date and the time are remembered apart.
    if (this.end - this.start > 10 && !this.times.get(bytes, this.start + 10, this.end)) return null;
    return this.dates.get(bytes, this.start, Math.min(this.end, this.start + 10));
  }

  /** Reads the email to write; false when it is invalid (then it is written blank). */
  private readEmail(column: Column): boolean {
    this.take(column);
    const { start, end } = this;
    this.emailText = null;
    this.emailStart = this.emailEnd = 0;
    if (!this.trimToAscii()) {
      const email = this.rules.email(this.untrim(start, end));
      this.emailText = email ?? '';
      return email !== null;
    }
    const { bytes } = this;
    if (this.start === this.end) return true;
    if (!isEmail(bytes, this.start, this.end)) {
      this.emailText = '';
      return false;
    }
    if (bytes !== this.record || riskyFirstByte(bytes[this.start]!)) this.emailText = this.text().toLowerCase();
    else [this.emailStart, this.emailEnd] = [this.start, this.end];
    return true;
  }
}
