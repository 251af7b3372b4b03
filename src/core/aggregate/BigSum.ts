const FLUSH_AT = 2 ** 52;

/**
 * An exact integer sum that stays a plain number until it nears 2^53, then carries into a
 * bigint. Plain objects, so partial sums cross worker boundaries by structured clone.
 */
export interface BigSum {
  lo: number;
  hi: bigint;
}

export const bigSum = (): BigSum => ({ lo: 0, hi: 0n });

/** Adds a non-negative safe integer. */
export function addInteger(sum: BigSum, value: number): void {
  if (value >= FLUSH_AT) {
    sum.hi += BigInt(value);
    return;
  }
  sum.lo += value;
  if (sum.lo >= FLUSH_AT) {
    sum.hi += BigInt(sum.lo);
    sum.lo = 0;
  }
}

export function addSum(into: BigSum, from: BigSum): void {
  into.hi += from.hi;
  addInteger(into, from.lo);
}

export const total = (sum: BigSum): bigint => sum.hi + BigInt(sum.lo);

/** Takes away a non-negative safe integer added before. */
export function subtractInteger(sum: BigSum, value: number): void {
  if (value >= FLUSH_AT) sum.hi -= BigInt(value);
  else sum.lo -= value;
}
