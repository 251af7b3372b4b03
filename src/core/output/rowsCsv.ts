import { CLEANED_COLUMNS, REJECTION_REASONS, type ReasonCode } from '../contract.ts';
import type { AcceptedRow } from '../aggregate/Totals.ts';
import { csvLine, CSV_EOL, textCell } from './csv.ts';
import { putBytes, putInteger, putText, type ByteLines } from './ByteLines.ts';
import { DISCOUNT_SCALE } from './numbers.ts';

const pad2 = (n: number) => (n < 10 ? '0' : '') + n;

/** Integer cents as money, for one row (numbers, not bigints: this runs per row). */
export function centsText(cents: number): string {
  return `${Math.floor(cents / 100)}.${pad2(cents % 100)}`;
}

/** A discount in 1e-8 units (0..1e8) as a ratio with 4 decimals, half up. */
export function discountText(units: number): string {
  const tenThousandths = Math.floor((units + DISCOUNT_SCALE / 20_000) / (DISCOUNT_SCALE / 10_000));
  return `${Math.floor(tenThousandths / 10_000)}.${String(tenThousandths % 10_000).padStart(4, '0')}`;
}

export const ANOMALY_FLAG = 'heavy_discount';
const HEAVY_END = `${ANOMALY_FLAG}${CSV_EOL}`;
const PLAIN_END = CSV_EOL;

/** The values of an accepted row in CLEANED_COLUMNS order, formatted but not CSV-escaped. */
export function cleanedValues(row: AcceptedRow): string[] {
  return [
    String(row.rowNumber),
    row.orderId,
    row.product,
    row.category,
    String(row.quantity),
    row.unitPrice.toFixed(2),
    discountText(row.discountUnits),
    row.region,
    row.saleDate.iso,
    String(row.saleDate.day * 86_400),
    row.email,
    centsText(row.cents),
    row.heavy ? ANOMALY_FLAG : '',
  ];
}

export const cleanedHeader = (): string => csvLine(CLEANED_COLUMNS);

const COMMA = 0x2c;
const DOT = 0x2e;
const DIGIT_0 = 0x30;
const utf8 = new TextEncoder();
const HEAVY_END_BYTES = utf8.encode(HEAVY_END);
const PLAIN_END_BYTES = utf8.encode(PLAIN_END);
/** Distinct cells remembered as bytes; past it the memory starts afresh. */
const REMEMBERED = 50_000;

/**
 * Writes cleaned rows as CSV lines: the cells of cleanedValues, escaped, written straight into
 * bytes because it runs for every row (a test holds the two together). Cells that repeat (names,
 * dates, discounts) are remembered as bytes, so a row costs little more than its id and email.
 */
export class CleanedCsv {
  private readonly text = new Map<string, Uint8Array>();
  private readonly dates = new Map<string, Uint8Array>();
  private readonly discounts = new Map<number, Uint8Array>();

  write(lines: ByteLines, row: AcceptedRow): void {
    const id = textCell(row.orderId);
    const email = textCell(row.email);
    const price = row.unitPrice.toFixed(2);
    const product = this.cell(row.product);
    const category = this.cell(row.category);
    const region = this.cell(row.region);
    const discount = rememberedNumber(this.discounts, row.discountUnits, discountText);
    const date = remembered(this.dates, row.saleDate.cells, String);
    const end = row.heavy ? HEAVY_END_BYTES : PLAIN_END_BYTES;
    // Room for every part at once: three bytes a character for text, 17 for each number.
    const out = lines.reserve(3 * (id.length + email.length + price.length) + product.length + category.length + region.length + discount.length + date.length + end.length + 64);
    let at = putInteger(out, lines.used, row.rowNumber);
    out[at++] = COMMA;
    at = putText(out, at, id);
    out[at++] = COMMA;
    at = putBytes(out, at, product);
    out[at++] = COMMA;
    at = putBytes(out, at, category);
    out[at++] = COMMA;
    at = putInteger(out, at, row.quantity);
    out[at++] = COMMA;
    at = putText(out, at, price);
    out[at++] = COMMA;
    at = putBytes(out, at, discount);
    out[at++] = COMMA;
    at = putBytes(out, at, region);
    out[at++] = COMMA;
    at = putBytes(out, at, date);
    out[at++] = COMMA;
    at = putText(out, at, email);
    out[at++] = COMMA;
    at = putInteger(out, at, Math.floor(row.cents / 100));
    out[at++] = DOT;
    const hundredths = row.cents % 100;
    out[at++] = DIGIT_0 + Math.floor(hundredths / 10);
    out[at++] = DIGIT_0 + (hundredths % 10);
    out[at++] = COMMA;
    lines.used = putBytes(out, at, end);
    lines.endLine();
  }

  private cell(value: string): Uint8Array {
    return remembered(this.text, value, textCell);
  }
}

// Two functions, not one generic one: each stays monomorphic in the hot loop.
function remembered(memory: Map<string, Uint8Array>, key: string, format: (key: string) => string): Uint8Array {
  let bytes = memory.get(key);
  if (bytes === undefined) {
    if (memory.size >= REMEMBERED) memory.clear();
    // The key itself, not a copy: found again by identity, the fastest Map lookup. Row values
    // are never slices of a chunk's text (RowCleaner copies the one that could be).
    memory.set(key, (bytes = utf8.encode(format(key))));
  }
  return bytes;
}

function rememberedNumber(memory: Map<number, Uint8Array>, key: number, format: (key: number) => string): Uint8Array {
  let bytes = memory.get(key);
  if (bytes === undefined) {
    if (memory.size >= REMEMBERED) memory.clear();
    memory.set(key, (bytes = utf8.encode(format(key))));
  }
  return bytes;
}

export const rejectedHeader = (inputHeader: readonly string[]): string =>
  csvLine(['row_number', 'rejection_reason', ...inputHeader.map(textCell), 'extra_fields']);

/**
 * A rejected row's line after its row number: the input's own cells as read, padded when short,
 * the surplus joined with the input's delimiter in extra_fields.
 */
export function rejectedRest(reason: ReasonCode, fields: readonly string[], width: number, delimiter: string): string {
  const cells: string[] = ['', REJECTION_REASONS[reason]!];
  for (let i = 0; i < width; i++) cells.push(textCell(fields[i] ?? ''));
  cells.push(fields.length > width ? textCell(fields.slice(width).join(delimiter)) + CSV_EOL : CSV_EOL);
  return cells.join(',');
}
