/** Number formats of SPEC section 3: money with 2 decimals, ratios with 4, rounded half up. */

/** Discounts are held as integers of this many per unit (8 decimals). */
export const DISCOUNT_SCALE = 100_000_000;

/**
 * Integer cents as money.
 * @example formatCents(123456n) === '1234.56'
 */
export function formatCents(cents: bigint | number): string {
  const c = BigInt(cents);
  const sign = c < 0n ? '-' : '';
  const abs = c < 0n ? -c : c;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** numerator / denominator rounded half up to an integer (both non-negative, denominator > 0). */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (2n * numerator + denominator) / (2n * denominator);
}

/** An integer count of 1e-4 as a ratio with 4 decimals. */
export function formatTenThousandths(value: bigint): string {
  return `${value / 10_000n}.${String(value % 10_000n).padStart(4, '0')}`;
}

/**
 * numerator / denominator as a ratio with 4 decimals; 0.0000 when the denominator is 0.
 * @example formatRatio(1n, 3n) === '0.3333'
 */
export function formatRatio(numerator: bigint, denominator: bigint): string {
  if (denominator === 0n) return '0.0000';
  return formatTenThousandths(divideHalfUp(numerator * 10_000n, denominator));
}

/** A discount held in 1e-8 units as a ratio with 4 decimals. */
export const formatDiscountUnits = (units: number | bigint): string => formatRatio(BigInt(units), BigInt(DISCOUNT_SCALE));

/** A mean of integer cents as money, half up. */
export function formatMeanCents(cents: bigint, count: number): string {
  return count === 0 ? '0.00' : formatCents(divideHalfUp(cents, BigInt(count)));
}

/** A mean of discount units as a ratio. */
export function formatMeanDiscount(units: bigint, count: number): string {
  return formatRatio(units, BigInt(count) * BigInt(DISCOUNT_SCALE));
}
