const FLUSH_AT = 2 ** 52;

/**
 * An exact integer sum that stays a plain number until it nears 2^53, then carries into a
 * bigint: a job's sums. A chunk's partial sums are kept in cells (below) and added in with addCells.
 */
export interface BigSum {
  lo: number;
  hi: bigint;
}

export const bigSum = (): BigSum => ({ lo: 0, hi: 0n });

/** Adds a non-negative safe integer. */
function addInteger(sum: BigSum, value: number): void {
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

export const total = (sum: BigSum): bigint => sum.hi + BigInt(sum.lo);

/*
 * The same sums in two slots of a Float64Array, for counts kept off the JS heap: at `at` the
 * part below 2^52, at `at + 1` how many 2^52s. Every step stays below 2^53, so exact.
 */

/** Adds a non-negative safe integer to the sum in cells[at], cells[at + 1]. */
export function addToCells(cells: Float64Array, at: number, value: number): void {
  let carry = 0;
  if (value >= FLUSH_AT) {
    carry = Math.floor(value / FLUSH_AT);
    value -= carry * FLUSH_AT;
  }
  let lo = cells[at]! + value;
  if (lo >= FLUSH_AT) {
    lo -= FLUSH_AT;
    carry++;
  }
  cells[at] = lo;
  if (carry !== 0) cells[at + 1]! += carry;
}

/** Takes away a non-negative safe integer added before. */
export function subtractFromCells(cells: Float64Array, at: number, value: number): void {
  let borrow = 0;
  if (value >= FLUSH_AT) {
    borrow = Math.floor(value / FLUSH_AT);
    value -= borrow * FLUSH_AT;
  }
  let lo = cells[at]! - value;
  if (lo < 0) {
    lo += FLUSH_AT;
    borrow++;
  }
  cells[at] = lo;
  if (borrow !== 0) cells[at + 1]! -= borrow;
}

/** Adds the sum in cells[at], cells[at + 1] into `sum`. */
export function addCells(sum: BigSum, cells: Float64Array, at: number): void {
  const high = cells[at + 1]!;
  if (high !== 0) sum.hi += BigInt(high) * BigInt(FLUSH_AT);
  addInteger(sum, cells[at]!);
}
