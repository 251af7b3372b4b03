/** Parsers for the cells of SPEC section 2. Each takes a trimmed, non-null-token cell. */

const NUMBER_WORDS = new Map(
  ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'].map(
    (word, n) => [word, n],
  ),
);
const INTEGER = /^\+?([0-9]+)(?:\.0*)?$/;

/**
 * A quantity, or null when invalid (negative, fractional, blank or other text).
 * @example [parseQuantity('3.0'), parseQuantity('Two'), parseQuantity('-1')] // [3, 2, null]
 */
export function parseQuantity(cell: string): number | null {
  const m = INTEGER.exec(cell);
  if (m) {
    const n = Number(m[1]);
    return Number.isSafeInteger(n) ? n : null;
  }
  return NUMBER_WORDS.get(cell.toLowerCase()) ?? null;
}

const PRICE = /^[$€£]?(?:(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]*)?|\.[0-9]+)$/;

/**
 * A unit price as a number, or null when the cell is not one (range is checked by the caller).
 * @example [parsePrice('$1,299.50'), parsePrice('1,23')] // [1299.5, null]
 */
export function parsePrice(cell: string): number | null {
  if (!PRICE.test(cell)) return null;
  const first = cell[0];
  const digits = first === '$' || first === '€' || first === '£' ? cell.slice(1) : cell;
  return Number(digits.includes(',') ? digits.replaceAll(',', '') : digits);
}

const RATIO = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/;
const PERCENT = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)) *%$/;

/**
 * A discount ratio (not yet range-checked): blank is 0, `15%` is 0.15; null for text.
 * @example [parseDiscount(''), parseDiscount('15%'), parseDiscount('0.2'), parseDiscount('ten')] // [0, 0.15, 0.2, null]
 */
export function parseDiscount(cell: string): number | null {
  if (cell === '') return 0;
  if (RATIO.test(cell)) return Number(cell);
  const m = PERCENT.exec(cell);
  return m ? Number(m[1]) / 100 : null;
}

/** A calendar date: days since 1970-01-01, YYYY-MM-DD, YYYY-MM, and its two cleaned CSV cells. */
export interface CalendarDate {
  day: number;
  iso: string;
  month: string;
  /** `sale_date,sale_ts` as written in cleaned rows: made once per distinct date. */
  cells: string;
}

const TIME = String.raw`(?:[T ](?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]+)?)?(?:Z|[+-](?:[01][0-9]|2[0-3])(?::?[0-5][0-9])?)?)?$`;
/** The optional time after a date's ten characters, on its own. */
export const TIME_PART = new RegExp('^' + TIME);
const DATE_FORMATS: Array<[RegExp, year: number, month: number, day: number]> = [
  [new RegExp(String.raw`^([0-9]{4})-([0-9]{2})-([0-9]{2})` + TIME), 1, 2, 3],
  [new RegExp(String.raw`^([0-9]{2})/([0-9]{2})/([0-9]{4})` + TIME), 3, 1, 2],
  [new RegExp(String.raw`^([0-9]{2})-([0-9]{2})-([0-9]{4})` + TIME), 3, 2, 1],
  [new RegExp(String.raw`^([0-9]{4})/([0-9]{2})/([0-9]{2})` + TIME), 1, 2, 3],
];

const DAY_MS = 86_400_000;
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Days since 1970-01-01 of a real calendar date, or null (no 2023-02-30, no year 0). */
export function calendarDay(year: number, month: number, day: number): number | null {
  if (year < 1 || month < 1 || month > 12 || day < 1) return null;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) return null;
  return Math.round(date.getTime() / DAY_MS);
}

/**
 * A sale date in one of the four formats, its time part dropped, or null.
 * @example parseSaleDate('03/31/2024T10:00:00Z')?.iso === '2024-03-31'
 */
export function parseSaleDate(cell: string): CalendarDate | null {
  for (const [pattern, y, m, d] of DATE_FORMATS) {
    const match = pattern.exec(cell);
    if (!match) continue;
    const year = Number(match[y]);
    const month = Number(match[m]);
    const day = Number(match[d]);
    const days = calendarDay(year, month, day);
    if (days === null) return null;
    const iso = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
    return { day: days, iso, month: iso.slice(0, 7), cells: `${iso},${days * 86_400}` };
  }
  return null;
}

/**
 * Days since 1970-01-01 of the same month and day `years` later (or earlier); 29 February becomes
 * 28 February. Before year 1 there is no calendar date: the bound is open (-Infinity).
 */
export function shiftYears(isoDate: string, years: number): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  if (y + years < 1) return Number.NEGATIVE_INFINITY;
  return calendarDay(y + years, m, d) ?? calendarDay(y + years, m, d - 1)!;
}

const EMAIL = /^[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/;

/** A lower-cased email when it matches SPEC's pattern, else null. */
export function parseEmail(cell: string): string | null {
  const lower = cell.toLowerCase();
  return EMAIL.test(lower) ? lower : null;
}
