import { DEFAULT_NULL_TOKENS, type Encoding, type JobOptions } from '../core/options.ts';
import type { EngineError, JobRequest } from '../engine/api.ts';
import type { ColumnMapping } from './columnMapping.svelte.ts';
import { queryNumber } from './queryNumber.ts';

/** The options the form offers as fields; the rest go in the options JSON. */
export const CLEANING_OPTIONS = [
  'reference_date',
  'fuzzy_max_distance',
  'drop_zero_quantity',
  'discount_out_of_range',
  'price_max',
  'revenue_max',
  'heavy_discount_threshold',
  'top_n',
  'anomaly_top_n',
] as const satisfies readonly (keyof JobOptions)[];
export type CleaningOption = (typeof CLEANING_OPTIONS)[number];

type Checked<T> = { ok: true; value: T } | { ok: false; error: EngineError };

const invalid = (code: 'INVALID_OPTIONS' | 'INVALID_LOOKUPS', message: string, hint: string): Checked<never> => ({
  ok: false,
  error: { code, message, hint, where: {} },
});

/** A whole number from a number field (undefined when it is empty, as Svelte binds it). */
function wholeNumber(value: number | null | undefined, what: string): Checked<number | undefined> {
  if (value === undefined || value === null) return { ok: true, value: undefined };
  if (!Number.isSafeInteger(value) || value < 1) return invalid('INVALID_OPTIONS', `${what} must be a whole number of 1 or more, not ${value}.`, 'Correct it under Advanced.');
  return { ok: true, value };
}

function parseJson(text: string, code: 'INVALID_OPTIONS' | 'INVALID_LOOKUPS', what: string): Checked<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return invalid(code, `${what} is not valid JSON: ${(error as Error).message}.`, 'Correct the JSON and run the job again.');
  }
}

/** What the next job runs on and with: the file, and the Advanced settings. */
export class RunSettings {
  file = $state.raw<File | null>(null);
  /** Undefined: the engine's default (as many as the machine's cores; 4 MiB chunks). */
  workers = $state<number | undefined>();
  chunkSize = $state<number | undefined>();
  encoding = $state<'' | Encoding>('');
  delimiter = $state('');
  /** Job options as JSON (SPEC names: map, set, null_tokens, reference_date, ...). */
  optionsJson = $state('');
  lookupsFile = $state.raw<File | null>(null);
  /** The picked file's columns as the user maps them; null until its preview is read. */
  mapping = $state.raw<ColumnMapping | null>(null);
  previewError = $state.raw<EngineError | null>(null);
  inspecting = $state(false);
  /** Whether the warm-up the preview started has ended (the bench waits for it, as a user reading the preview would). */
  warm = $state(false);
  /** The file and preview options the current preview was read with. */
  previewed: { file: File; key: string } | null = null;
  /** SPEC's cleaning options set in the form; an option left out keeps its default. */
  cleaning = $state<Partial<Pick<JobOptions, CleaningOption>>>({});
  /** Missing-value tokens beyond the defaults, comma-separated (SPEC section 1). */
  extraNullTokens = $state('');

  /** What the preview of the picked file is read with: the encoding and delimiter chosen, if any. */
  previewOptions(): Partial<JobOptions> {
    let given: Partial<JobOptions> = {};
    try {
      given = JSON.parse(this.optionsJson || '{}') as Partial<JobOptions>;
    } catch {
      // Invalid JSON is reported when the job is run; the preview reads the file without it.
    }
    const { map, set, encoding, delimiter } = typeof given === 'object' && given !== null ? given : {};
    // As the job will read it: the fields chosen above win over the same options in the JSON.
    const chosenEncoding = this.encoding === '' ? encoding : this.encoding;
    const chosenDelimiter = this.delimiter === '' ? delimiter : this.delimiter;
    return {
      ...(map === undefined ? {} : { map }),
      ...(set === undefined ? {} : { set }),
      ...(chosenEncoding === undefined ? {} : { encoding: chosenEncoding }),
      ...(chosenDelimiter === undefined ? {} : { delimiter: chosenDelimiter }),
    };
  }

  /** Settings from the address: `?workers=2&chunk=65536`. */
  static fromQuery(search: string): RunSettings {
    const settings = new RunSettings();
    settings.workers = queryNumber(search, 'workers');
    settings.chunkSize = queryNumber(search, 'chunk');
    return settings;
  }

  /** The engine's request for the picked file, or what is wrong with the settings. */
  async request(file: File | null = this.file): Promise<Checked<JobRequest>> {
    if (file === null) return invalid('INVALID_OPTIONS', 'No file is picked.', 'Pick a CSV file first.');
    const workers = wholeNumber(this.workers, 'The number of workers');
    if (!workers.ok) return workers;
    const chunkSize = wholeNumber(this.chunkSize, 'The chunk size');
    if (!chunkSize.ok) return chunkSize;
    let options: Partial<JobOptions> = {};
    if (this.optionsJson.trim() !== '') {
      const parsed = parseJson(this.optionsJson, 'INVALID_OPTIONS', 'The job options');
      if (!parsed.ok) return parsed;
      options = parsed.value as Partial<JobOptions>;
    }
    const cleaning = Object.fromEntries(Object.entries($state.snapshot(this.cleaning)).filter(([, v]) => v !== undefined && v !== null && v !== ''));
    options = { ...options, ...cleaning };
    // The picked file's own mapping and tokens; a sample file has the contract's header.
    if (file === this.file && this.mapping !== null) {
      const { map, set } = this.mapping.options();
      options = { ...options, map: { ...options.map, ...map }, set: { ...options.set, ...set } };
    }
    const extra = this.extraNullTokens.split(',').map((t) => t.trim()).filter((t) => t !== '');
    if (file === this.file && extra.length > 0) options = { ...options, null_tokens: [...(options.null_tokens ?? DEFAULT_NULL_TOKENS), ...extra] };
    if (this.encoding !== '') options = { ...options, encoding: this.encoding };
    if (this.delimiter !== '') options = { ...options, delimiter: this.delimiter };
    const request: JobRequest = { file, options, workers: workers.value, chunkSize: chunkSize.value };
    if (this.lookupsFile !== null) {
      const lookups = parseJson(await this.lookupsFile.text(), 'INVALID_LOOKUPS', `The lookups file ${this.lookupsFile.name}`);
      if (!lookups.ok) return lookups;
      request.lookups = lookups.value;
    }
    return { ok: true, value: request };
  }
}
