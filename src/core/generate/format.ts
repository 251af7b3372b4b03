// Values the writer needs as text are formatted once into tables, so the hot path only indexes.

/** n in decimal, zero-padded to width digits: pad(7, 2) → '07'. */
export const pad = (n: number, width: number): string => String(n).padStart(width, '0');
/** [f(0), ..., f(n - 1)]. */
export const range = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

/** Decimal text of 0..16383, so hot paths format small integers without converting. */
export const INTEGERS: readonly string[] = range(1 << 14, String);
/** '00'..'99'. */
export const TWO_DIGITS: readonly string[] = range(100, (i) => pad(i, 2));
const THREE_DIGITS: readonly string[] = range(1000, (i) => pad(i, 3));
/** Discount percent 0..200 as a ratio with up to 2 decimals: 0 → '0', 15 → '0.15', 150 → '1.5'. */
export const RATIOS: readonly string[] = range(201, (i) => String(i / 100));
/** Discount percent 0..200 with its sign: 15 → '15%'. */
export const PERCENTS: readonly string[] = range(201, (i) => i + '%');

/** Whole cents as money text with 2 decimals: 129900 → '1299.00'. */
export function money(cents: number): string {
  if (cents < 0) return '-' + money(-cents);
  const whole = (cents - (cents % 100)) / 100;
  return (INTEGERS[whole] ?? String(whole)) + '.' + TWO_DIGITS[cents % 100];
}

/** Money with thousands separators: 129900 → '1,299.00'. */
export function groupedMoney(cents: number): string {
  let whole = (cents - (cents % 100)) / 100;
  let text = '';
  while (whole >= 1000) {
    text = ',' + THREE_DIGITS[whole % 1000] + text;
    whole = (whole - (whole % 1000)) / 1000;
  }
  return String(whole) + text + '.' + TWO_DIGITS[cents % 100];
}

/** A value as one RFC 4180 field: quoted when it holds a comma, a quote or a line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? '"' + value.replaceAll('"', '""') + '"' : value;
}
