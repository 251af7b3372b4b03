import type { ContractColumn } from './contract.ts';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export const ENCODINGS: readonly Encoding[] = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'];

/** Everything that decides a job's results (SPEC sections 1-3). Names follow SPEC's options. */
export interface JobOptions {
  null_tokens: string[];
  drop_zero_quantity: boolean;
  price_max: number;
  discount_out_of_range: 'reject' | 'clamp';
  /** YYYY-MM-DD */
  reference_date: string;
  fuzzy_max_distance: number;
  revenue_max: number;
  heavy_discount_threshold: number;
  top_n: number;
  anomaly_top_n: number;
  max_field_bytes: number;
  max_record_bytes: number;
  /** A header with more columns stops the job: a wrong delimiter or a file that is not a table. */
  max_columns: number;
  /** Undefined: detected from the header line. */
  delimiter?: string;
  /** Undefined: UTF-8, or UTF-16 when the file starts with its BOM. */
  encoding?: Encoding;
  /** Contract column -> the file's header that holds it (overrides the name match). */
  map: Partial<Record<ContractColumn, string>>;
  /** Contract column -> a constant that fills it on every row. */
  set: Partial<Record<ContractColumn, string>>;
}

export const DEFAULT_NULL_TOKENS = ['NA', 'N/A', 'null', 'none', 'nan', '-'];
export const DELIMITERS = [',', ';', '\t', '|'] as const;

/** Today's date where the code runs, as YYYY-MM-DD (SPEC: reference_date defaults to today). */
export function today(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function defaultOptions(): JobOptions {
  return {
    null_tokens: [...DEFAULT_NULL_TOKENS],
    drop_zero_quantity: true,
    price_max: 50_000,
    discount_out_of_range: 'reject',
    reference_date: today(),
    fuzzy_max_distance: 2,
    revenue_max: 1_000_000,
    heavy_discount_threshold: 0.8,
    top_n: 10,
    anomaly_top_n: 5,
    max_field_bytes: 1 << 20,
    max_record_bytes: 16 << 20,
    max_columns: 10_000,
    map: {},
    set: {},
  };
}

export function withDefaults(options: Partial<JobOptions> = {}): JobOptions {
  const merged = { ...defaultOptions() };
  for (const [name, value] of Object.entries(options)) {
    if (value !== undefined) (merged as unknown as Record<string, unknown>)[name] = value;
  }
  return merged;
}
