import { CONTRACT_COLUMNS, reasonCode, type ContractColumn, type ReasonCode } from '../contract.ts';
import type { AcceptedRow } from '../aggregate/Totals.ts';
import type { ColumnPlan } from '../input/header.ts';
import { canonicalList, fieldMap, type LookupField, type Lookups } from '../lookups/lookups.ts';
import type { JobOptions } from '../options.ts';
import { DISCOUNT_SCALE } from '../output/numbers.ts';
import { CellReader, type CellSource } from './CellReader.ts';
import { Matcher } from './Matcher.ts';
import { detach } from '../text/detach.ts';
import { parseDiscount, parseEmail, parsePrice, parseQuantity, parseSaleDate, shiftYears, TIME_PART, type CalendarDate } from './values.ts';

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

/** Distinct cells remembered per parsed column; past it the memo starts afresh. */
const MEMO_LIMIT = 100_000;

function memoised<T>(parse: (cell: string) => T): (cell: string) => T {
  // Cells repeat: a file of millions of rows has a few thousand distinct dates or quantities.
  // (Prices are too varied to be worth remembering.)
  const memo = new Map<string, T>();
  return (cell) => {
    let value = memo.get(cell);
    if (value === undefined) {
      if (memo.size >= MEMO_LIMIT) memo.clear();
      value = parse(cell);
      memo.set(detach(cell), value);
    }
    return value as T;
  };
}

/** A cell of one to nine ASCII digits as its number, else null: most quantities, read without a lookup. */
function digitsValue(cell: string): number | null {
  if (cell.length === 0 || cell.length > 9) return null;
  let n = 0;
  for (let i = 0; i < cell.length; i++) {
    const d = cell.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return null;
    n = n * 10 + d;
  }
  return n;
}

/** UTF-8 length of a string, counted only as far as it matters for a limit. */
function utf8Exceeds(value: string, limit: number): boolean {
  if (value.length > limit) return true;
  if (value.length * 3 <= limit) return false;
  let bytes = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? (i++, 4) : 3;
  }
  return bytes > limit;
}

/**
 * Runs checks 1 to 12 of SPEC section 2 on one record. Check 13 (duplicate ids) needs every
 * earlier row of the file, so the caller applies it in file order.
 */
export class RowCleaner {
  private readonly cells: CellReader;
  private readonly column: Record<ContractColumn, CellSource>;
  private readonly fieldCount: number;
  private readonly matchers: Record<LookupField, Matcher>;
  private readonly quantity = memoised(parseQuantity);
  private readonly discount = memoised(parseDiscount);
  private readonly date = memoised(parseSaleDate);
  private readonly time = memoised((cell: string) => TIME_PART.test(cell));
  private readonly firstDay: number;
  private readonly lastDay: number;

  constructor(
    plan: ColumnPlan,
    private readonly options: JobOptions,
    lookups: Lookups,
  ) {
    this.cells = new CellReader(plan, options.null_tokens);
    this.column = Object.fromEntries(CONTRACT_COLUMNS.map((c) => [c, this.cells.source(c)])) as Record<ContractColumn, CellSource>;
    this.fieldCount = plan.header.length;
    const matcher = (field: LookupField) => new Matcher(canonicalList(lookups, field), fieldMap(lookups, field), options.fuzzy_max_distance);
    this.matchers = { category: matcher('category'), region: matcher('region'), product_name: matcher('product_name') };
    this.firstDay = shiftYears(options.reference_date, -20);
    this.lastDay = shiftYears(options.reference_date, 1);
  }

  /** The accepted-so-far row, or the code of the first check it fails. */
  clean(fields: readonly string[], quoteError: boolean): AcceptedRow | ReasonCode {
    if (quoteError || fields.length !== this.fieldCount) return MALFORMED;
    const col = this.column;
    const maxBytes = this.options.max_field_bytes;
    for (const field of fields) if (utf8Exceeds(field, maxBytes)) return MALFORMED;

    const orderId = this.cells.value(fields, col.order_id);
    if (orderId === '') return MISSING_ORDER_ID;
    const productCell = this.cells.value(fields, col.product_name);
    if (productCell === '') return MISSING_PRODUCT;

    const quantityCell = this.cells.value(fields, col.quantity);
    const quantity = digitsValue(quantityCell) ?? this.quantity(quantityCell);
    if (quantity === null) return INVALID_QUANTITY;
    if (quantity === 0 && this.options.drop_zero_quantity) return ZERO_QUANTITY;

    const unitPrice = parsePrice(this.cells.value(fields, col.unit_price));
    if (unitPrice === null || unitPrice < 0 || unitPrice > this.options.price_max) return INVALID_PRICE;

    let discount = this.discount(this.cells.value(fields, col.discount_percent));
    if (discount === null) return INVALID_DISCOUNT;
    if (discount < 0 || discount > 1) {
      if (this.options.discount_out_of_range !== 'clamp') return INVALID_DISCOUNT;
      discount = discount < 0 ? 0 : 1;
    }

    const saleCell = this.cells.value(fields, col.sale_date);
    // Times vary row by row where dates repeat: remember the date and the time apart.
    const saleDate: CalendarDate | null = saleCell.length > 10 && !this.time(saleCell.slice(10)) ? null : this.date(saleCell.slice(0, 10));
    if (saleDate === null) return INVALID_DATE;
    if (saleDate.day < this.firstDay || saleDate.day > this.lastDay) return DATE_OUT_OF_RANGE;

    const category = this.matchers.category.match(this.cells.value(fields, col.category)).value;
    if (category === null) return UNKNOWN_CATEGORY;
    const region = this.matchers.region.match(this.cells.value(fields, col.region)).value;
    if (region === null) return UNKNOWN_REGION;

    const cents = Math.round(quantity * unitPrice * (1 - discount) * 100);
    const revenue = cents / 100;
    if (revenue < 0 || revenue > this.options.revenue_max) return INVALID_REVENUE;

    const product = this.matchers.product_name.match(productCell).value;
    // Copied, so that a row's text never keeps a slice of a whole chunk alive in a table or memo.
    const cleanedProduct = product ?? detach(productCell.replace(/\s+/g, ' '));
    const emailCell = this.cells.value(fields, col.customer_email);
    const email = emailCell === '' ? '' : parseEmail(emailCell);
    const rawCategory = this.cells.raw(fields, col.category);
    const rawRegion = this.cells.raw(fields, col.region);
    const rawProduct = this.cells.raw(fields, col.product_name);
    const corrected =
      rawCategory === category && rawRegion === region && rawProduct === cleanedProduct
        ? null
        : {
            category: rawCategory === category ? null : rawCategory,
            region: rawRegion === region ? null : rawRegion,
            product_name: rawProduct === cleanedProduct ? null : rawProduct,
          };
    return {
      rowNumber: 0,
      orderId: orderId.toUpperCase(),
      product: cleanedProduct,
      category,
      region,
      quantity,
      unitPrice,
      discountUnits: Math.round(discount * DISCOUNT_SCALE),
      saleDate,
      email: email ?? '',
      cents,
      heavy: discount > this.options.heavy_discount_threshold,
      corrected,
      invalidEmail: email === null,
      unmatchedProduct: product === null,
    };
  }
}
