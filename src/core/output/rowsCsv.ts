import { CLEANED_COLUMNS, REJECTION_REASONS, type ReasonCode } from '../contract.ts';
import type { AcceptedRow } from '../aggregate/Totals.ts';
import { csvLine, CSV_EOL, textCell } from './csv.ts';
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

/**
 * Writes cleaned rows as CSV: the cells of cleanedValues, escaped, written out by hand because it
 * runs for every row (a test holds the two together). Cells that repeat (names, discounts) are
 * remembered, so a row costs little more than its id and email.
 */
export class CleanedCsv {
  private readonly text = new Map<string, string>();
  private readonly discounts = new Map<number, string>();

  /** The line after its row number: formatted before the row number is known. */
  rest(row: AcceptedRow): string {
    let discount = this.discounts.get(row.discountUnits);
    if (discount === undefined) this.discounts.set(row.discountUnits, (discount = discountText(row.discountUnits)));
    // Concatenation, not join(): the line is encoded to bytes at once, so its pieces die young.
    return (
      ',' +
      textCell(row.orderId) +
      ',' +
      this.cell(row.product) +
      ',' +
      this.cell(row.category) +
      ',' +
      row.quantity +
      ',' +
      row.unitPrice.toFixed(2) +
      ',' +
      discount +
      ',' +
      this.cell(row.region) +
      ',' +
      row.saleDate.cells +
      ',' +
      textCell(row.email) +
      ',' +
      centsText(row.cents) +
      ',' +
      (row.heavy ? HEAVY_END : PLAIN_END)
    );
  }

  private cell(value: string): string {
    let cell = this.text.get(value);
    if (cell === undefined) {
      if (this.text.size > 50_000) this.text.clear();
      this.text.set(value, (cell = textCell(value)));
    }
    return cell;
  }
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
