import { CLEANED_COLUMNS, REJECTION_REASONS, type ReasonCode } from '../contract.ts';
import type { AcceptedRow } from '../aggregate/Totals.ts';
import { csvLine, CSV_EOL, textCell } from './csv.ts';
import { putBytes, putInteger, type ByteLines } from './ByteLines.ts';
import { toUtf8 } from '../text/shortUtf8.ts';
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

const utf8 = new TextEncoder();
export const HEAVY_END_BYTES = utf8.encode(HEAVY_END);
export const PLAIN_END_BYTES = utf8.encode(PLAIN_END);

/** textCell as UTF-8 bytes: for cells written many times, made once. */
export const textCellBytes = (value: string): Uint8Array => toUtf8(textCell(value));

const QUOTE = 0x22;
const COMMA = 0x2c;
const APOSTROPHE = 0x27;

/** Whether a cell's first byte could start a formula: = + - @ tab CR. */
export const riskyFirstByte = (b: number): boolean => b === 0x3d || b === 0x2b || b === 0x2d || b === 0x40 || b === 0x09 || b === 0x0d;

/** Whether a cell must be quoted: it holds a quote, a comma or a line break. */
export function needsQuotes(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    if (b === QUOTE || b === COMMA || b === 0x0a || b === 0x0d) return true;
  }
  return false;
}

/** /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)$/ over bytes: a number that may start with a sign. */
function plainNumber(bytes: Uint8Array, start: number, end: number): boolean {
  let i = start;
  if (i < end && (bytes[i] === 0x2b || bytes[i] === 0x2d)) i++;
  let digits = 0;
  let dot = false;
  for (; i < end; i++) {
    const b = bytes[i]!;
    if (b >= 0x30 && b <= 0x39) digits++;
    else if (b === 0x2e && !dot) dot = true;
    else return false;
  }
  return digits > 0;
}

/** textCell over the UTF-8 bytes [start, end), written at `at` (room for 2 bytes each plus 3). */
export function putTextCell(out: Uint8Array, at: number, bytes: Uint8Array, start: number, end: number): number {
  if (start === end) return at;
  const guard = riskyFirstByte(bytes[start]!) && !plainNumber(bytes, start, end);
  const quoted = needsQuotes(bytes, start, end);
  if (quoted) out[at++] = QUOTE;
  if (guard) out[at++] = APOSTROPHE;
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    out[at++] = b;
    if (b === QUOTE) out[at++] = QUOTE;
  }
  if (quoted) out[at++] = QUOTE;
  return at;
}

const REASON_BYTES = REJECTION_REASONS.map((reason) => utf8.encode(reason));
const EOL_BYTES = utf8.encode(CSV_EOL);

/**
 * A rejected row's line: its row number and reason, the input's own cells as read (fields
 * [starts[i], ends[i]) of `bytes`), padded when short, the surplus in extra_fields as it stood in
 * the input: fields joined by the input's delimiter. `commaLine`: the fields are a line of a
 * comma-separated file as it was read, so no field holds a quote, a comma or a line break.
 */
export function writeRejected(
  lines: ByteLines,
  row: number,
  reason: ReasonCode,
  bytes: Uint8Array,
  starts: Int32Array,
  ends: Int32Array,
  count: number,
  width: number,
  commaLine = false,
): void {
  const extra = count > width;
  const span = ends[count - 1]! - starts[0]!;
  const out = lines.reserve(2 * span + 3 * (width + 1) + 64);
  let at = putInteger(out, lines.used, row);
  out[at++] = COMMA;
  at = putBytes(out, at, REASON_BYTES[reason]!);
  out[at++] = COMMA;
  if (commaLine && !extra && !anyRiskyField(bytes, starts, count)) {
    // The cells as they stand, commas and all: nothing to quote or guard. A loop, not
    // set(subarray()): a view per rejected row was a good share of a chunk's garbage.
    for (let i = starts[0]!, end = ends[count - 1]!; i < end; i++) out[at++] = bytes[i]!;
    for (let i = count; i <= width; i++) out[at++] = COMMA;
  } else {
    for (let i = 0; i < width; i++) {
      if (i < count) at = putTextCell(out, at, bytes, starts[i]!, ends[i]!);
      out[at++] = COMMA;
    }
    if (extra) at = putTextCell(out, at, bytes, starts[width]!, ends[count - 1]!);
  }
  lines.used = putBytes(out, at, EOL_BYTES);
  lines.endLine();
}

function anyRiskyField(bytes: Uint8Array, starts: Int32Array, count: number): boolean {
  for (let i = 0; i < count; i++) if (riskyFirstByte(bytes[starts[i]!]!)) return true;
  return false;
}

export const rejectedHeader = (inputHeader: readonly string[]): string =>
  csvLine(['row_number', 'rejection_reason', ...inputHeader.map(textCell), 'extra_fields']);
