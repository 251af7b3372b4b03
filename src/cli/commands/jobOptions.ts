import type { ContractColumn } from '../../core/contract.ts';
import { calendarDay } from '../../core/clean/values.ts';
import { ENCODINGS, withDefaults, type Encoding, type JobOptions } from '../../core/options.ts';
import { intOption, option, pairs, UsageError, type Args } from '../args.ts';

/** Options of `process` (and `lookups build`) that shape how rows are read and cleaned. */
export const JOB_OPTION_NAMES = [
  'map',
  'set',
  'null-tokens',
  'reference-date',
  'delimiter',
  'encoding',
  'price-max',
  'revenue-max',
  'fuzzy-max-distance',
  'heavy-discount-threshold',
  'top-n',
  'anomaly-top-n',
  'discount-out-of-range',
  'keep-zero-quantity',
  'max-field-bytes',
  'max-record-bytes',
  'max-columns',
];

function numberOption(args: Args, name: string): number | undefined {
  const raw = option(args, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < 0) throw new UsageError(`--${name} must be a non-negative number, not "${raw}".`);
  return n;
}

const DELIMITER_NAMES: Record<string, string> = { comma: ',', semicolon: ';', tab: '\t', pipe: '|', '\\t': '\t' };

export function jobOptions(args: Args): JobOptions {
  const referenceDate = option(args, 'reference-date');
  if (referenceDate !== undefined) {
    const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(referenceDate);
    if (!m || calendarDay(Number(m[1]), Number(m[2]), Number(m[3])) === null) {
      throw new UsageError(`--reference-date must be a real date as YYYY-MM-DD, not "${referenceDate}".`);
    }
  }
  const encoding = option(args, 'encoding')?.toLowerCase().replace(/^(latin-?1|cp1252|iso-8859-1)$/, 'windows-1252');
  if (encoding !== undefined && !ENCODINGS.includes(encoding as Encoding)) {
    throw new UsageError(`--encoding must be one of ${ENCODINGS.join(', ')} (latin-1 means windows-1252), not "${encoding}".`);
  }
  const rawDelimiter = option(args, 'delimiter');
  const delimiter = rawDelimiter === undefined ? undefined : (DELIMITER_NAMES[rawDelimiter] ?? rawDelimiter);
  if (delimiter !== undefined && delimiter.length !== 1) throw new UsageError('--delimiter must be one character (or comma, semicolon, tab, pipe).');
  const outOfRange = option(args, 'discount-out-of-range');
  if (outOfRange !== undefined && outOfRange !== 'reject' && outOfRange !== 'clamp') throw new UsageError('--discount-out-of-range is reject or clamp.');
  const nullTokens = option(args, 'null-tokens');
  return withDefaults({
    map: pairs(args, 'map') as Partial<Record<ContractColumn, string>>,
    set: pairs(args, 'set') as Partial<Record<ContractColumn, string>>,
    null_tokens: nullTokens?.split(',').map((t) => t.trim()).filter((t) => t !== ''),
    reference_date: referenceDate,
    delimiter,
    encoding: encoding as Encoding | undefined,
    price_max: numberOption(args, 'price-max'),
    revenue_max: numberOption(args, 'revenue-max'),
    fuzzy_max_distance: args.options.has('fuzzy-max-distance') ? intOption(args, 'fuzzy-max-distance', 2) : undefined,
    heavy_discount_threshold: numberOption(args, 'heavy-discount-threshold'),
    top_n: args.options.has('top-n') ? intOption(args, 'top-n', 10) : undefined,
    anomaly_top_n: args.options.has('anomaly-top-n') ? intOption(args, 'anomaly-top-n', 5) : undefined,
    discount_out_of_range: outOfRange as JobOptions['discount_out_of_range'] | undefined,
    drop_zero_quantity: args.options.has('keep-zero-quantity') ? false : undefined,
    max_field_bytes: args.options.has('max-field-bytes') ? intOption(args, 'max-field-bytes', 1 << 20, 1) : undefined,
    max_record_bytes: args.options.has('max-record-bytes') ? intOption(args, 'max-record-bytes', 16 << 20, 1) : undefined,
    max_columns: args.options.has('max-columns') ? intOption(args, 'max-columns', 10_000, 1) : undefined,
  });
}
