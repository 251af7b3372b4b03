import { buildCalendar } from './calendar.ts';
import { catalogue } from './catalogue.ts';
import { Prng } from './prng.ts';
import { RowWriter } from './rows.ts';

export { DIRT } from './dirt.ts';

/** What generateCsv writes: how many rows, from which seed, how dirty, up to which date. */
export interface GenerateOptions {
  /** Number of data rows (the header not counted). */
  rows: number;
  /** The same seed and options give the same text. */
  seed: number;
  /** Only valid, canonical values (true), or the dirt of real exports (false). */
  clean: boolean;
  /** YYYY-MM-DD: sale dates fall in the two years up to and including it. */
  endDate: string;
}

/** The header the generator writes: SPEC section 1's ten input columns. */
export const GENERATED_HEADER =
  'order_id,product_name,category,quantity,unit_price,discount_percent,region,sale_date,customer_email,revenue';

const DEFAULT_BLOCK_CHARS = 1 << 16;

/**
 * Synthetic sales CSV (SPEC section 5), yielded in blocks of roughly blockChars characters,
 * header first; concatenated they are the whole file, the same whatever blockChars is.
 * @example [...generateCsv({ rows: 1000, seed: 7, clean: false, endDate: '2025-06-30' })].join('')
 */
export function* generateCsv(options: GenerateOptions, blockChars = DEFAULT_BLOCK_CHARS): Generator<string> {
  const rows = options.rows;
  if (!Number.isSafeInteger(rows) || rows < 0) throw new RangeError(`rows must be a whole number ≥ 0, got ${rows}`);
  const writer = new RowWriter(new Prng(options.seed), catalogue(), buildCalendar(options.endDate));
  let block = GENERATED_HEADER + '\n';
  for (let i = 0; i < rows; i++) {
    // Appending builds a rope that V8 flattens once per block (measured as fast as joining an array).
    block += options.clean ? writer.cleanRow(i) : writer.dirtyRow(i);
    if (block.length >= blockChars) {
      yield block;
      block = '';
    }
  }
  if (block !== '') yield block;
}
