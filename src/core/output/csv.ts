const NEEDS_QUOTES = /[",\r\n]/;
const PLAIN_NUMBER = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)$/;

/** RFC 4180 quoting for one cell. */
export function quoteCell(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * A text cell made safe to open in a spreadsheet (SPEC section 3): a leading `'` when it would
 * start a formula and is not a plain number, then quoted as needed.
 * @example [textCell('=1+2'), textCell('-5.00'), textCell('a,b')] // ["'=1+2", '-5.00', '"a,b"']
 */
export function textCell(value: string): string {
  if (value === '') return value;
  const first = value.charCodeAt(0);
  // = + - @ tab CR: checked by code first, as this runs for several cells of every row.
  const risky = first === 0x3d || first === 0x2b || first === 0x2d || first === 0x40 || first === 0x09 || first === 0x0d;
  return quoteCell(risky && !PLAIN_NUMBER.test(value) ? `'${value}` : value);
}

/**
 * textCell's guard taken off a cell read back from this app's CSV: its leading `'` when what
 * follows would have been guarded. A value that itself began with `'` and a guarded character
 * reads back without its `'`: the CSV cannot tell the two apart.
 * @example [unguardText("'=1+2"), unguardText("'-5.00"), unguardText("'quoted")] // ['=1+2', "'-5.00", "'quoted"]
 */
export function unguardText(cell: string): string {
  if (cell.length < 2 || cell.charCodeAt(0) !== 0x27) return cell;
  const rest = cell.slice(1);
  const first = rest.charCodeAt(0);
  const risky = first === 0x3d || first === 0x2b || first === 0x2d || first === 0x40 || first === 0x09 || first === 0x0d;
  return risky && !PLAIN_NUMBER.test(rest) ? rest : cell;
}

/**
 * Whether the cell bytes[start, end) of this app's CSV begins with textCell's guard: unguardText's
 * test in bytes, so a cell read in bytes loses its `'` by starting a byte later, and no string is made.
 */
export function startsWithGuard(bytes: Uint8Array, start: number, end: number): boolean {
  if (end - start < 2 || bytes[start] !== 0x27) return false;
  const first = bytes[start + 1];
  const risky = first === 0x3d || first === 0x2b || first === 0x2d || first === 0x40 || first === 0x09 || first === 0x0d;
  return risky && !plainNumber(bytes, start + 1, end);
}

/** PLAIN_NUMBER's test in bytes. */
function plainNumber(bytes: Uint8Array, start: number, end: number): boolean {
  let i = start;
  if (bytes[i] === 0x2b || bytes[i] === 0x2d) i++;
  const isDigit = (at: number) => bytes[at]! >= 0x30 && bytes[at]! <= 0x39;
  const intStart = i;
  while (i < end && isDigit(i)) i++;
  const intDigits = i - intStart;
  if (i < end && bytes[i] === 0x2e) i++;
  const fracStart = i;
  while (i < end && isDigit(i)) i++;
  if (i !== end) return false;
  // Digits then an optional dot and digits, or a dot and at least one digit.
  return intDigits > 0 || (i > fracStart && bytes[fracStart - 1] === 0x2e);
}

export const CSV_EOL = '\r\n';

/** A header or row of already-formatted cells. */
export const csvLine = (cells: readonly string[]): string => cells.join(',') + CSV_EOL;

/** A table as CSV: text columns guarded, every cell quoted as needed. */
export function tableCsv(columns: readonly string[], rows: readonly string[][], isText: (column: string) => boolean): string {
  const guard = columns.map(isText);
  let out = csvLine(columns.map(quoteCell));
  for (const row of rows) out += csvLine(row.map((cell, i) => (guard[i] ? textCell(cell) : quoteCell(cell))));
  return out;
}
