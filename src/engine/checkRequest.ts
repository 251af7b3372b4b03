import { PipelineError } from '../core/errors.ts';
import { defaultLookups } from '../core/lookups/defaults.ts';
import type { Lookups } from '../core/lookups/lookups.ts';
import { parseLookups } from '../core/lookups/validateLookups.ts';
import { calendarDay } from '../core/clean/values.ts';
import { defaultOptions, ENCODINGS, withDefaults, type JobOptions } from '../core/options.ts';
import { DEFAULT_CHUNK_SIZE, type JobRequest } from './api.ts';

/** A request with everything filled in and checked. */
export interface CheckedRequest {
  options: JobOptions;
  lookups: Lookups;
  workers: number;
  chunkSize: number;
}

const MAX_WORKERS = 64;
const MAX_CHUNK_SIZE = 256 << 20;
/** Options that may be left out: undefined means "detect it". */
const OPTIONAL = new Set(['delimiter', 'encoding']);

const invalid = (message: string) => new PipelineError('INVALID_OPTIONS', message);

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'list';
  if (value === null) return 'null';
  return typeof value;
}

/** Each option must be one of the job's options and of the type of its default. */
function checkOptions(given: Partial<JobOptions>): JobOptions {
  if (typeof given !== 'object' || given === null || Array.isArray(given)) throw invalid('The options must be an object of option names to values.');
  const defaults = defaultOptions() as unknown as Record<string, unknown>;
  for (const [name, value] of Object.entries(given)) {
    if (value === undefined) continue;
    if (!(name in defaults) && !OPTIONAL.has(name)) throw invalid(`"${name}" is not a job option. The options are: ${[...Object.keys(defaults), ...OPTIONAL].join(', ')}.`);
    const expected = OPTIONAL.has(name) ? 'string' : kindOf(defaults[name]);
    if (kindOf(value) !== expected) throw invalid(`The option "${name}" must be a ${expected}, not ${JSON.stringify(value)}.`);
  }
  const options = withDefaults(given);
  const date = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(options.reference_date);
  if (!date || calendarDay(Number(date[1]), Number(date[2]), Number(date[3])) === null) {
    throw invalid(`The reference date must be a real date as YYYY-MM-DD, not "${options.reference_date}".`);
  }
  if (options.encoding !== undefined && !ENCODINGS.includes(options.encoding)) throw invalid(`The encoding must be one of ${ENCODINGS.join(', ')}, not "${options.encoding}".`);
  return options;
}

function wholeNumber(value: number | undefined, fallback: number, min: number, max: number, what: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < min || value > max) throw invalid(`${what} must be a whole number from ${min} to ${max}, not ${value}.`);
  return value;
}

/** The request's options, lookups, worker count and chunk size, or an INVALID_OPTIONS/INVALID_LOOKUPS error. */
export function checkRequest(request: JobRequest, defaultWorkers: number): CheckedRequest {
  return {
    options: checkOptions(request.options ?? {}),
    lookups: request.lookups === undefined ? defaultLookups() : parseLookups(request.lookups),
    workers: workerCount(request.workers, defaultWorkers),
    chunkSize: wholeNumber(request.chunkSize, DEFAULT_CHUNK_SIZE, 1, MAX_CHUNK_SIZE, 'The chunk size (bytes)'),
  };
}

/** The workers asked for, or as many as the machine's cores (up to the limit). */
export function workerCount(workers: number | undefined, defaultWorkers: number): number {
  return wholeNumber(workers, Math.min(Math.max(1, defaultWorkers), MAX_WORKERS), 1, MAX_WORKERS, 'The number of workers');
}

/** A job id names a folder: letters, digits, `-` and `_` only. */
export function checkJobId(jobId: string): void {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(jobId)) throw invalid(`"${jobId}" cannot name a job: use letters, digits, - and _ (up to 64).`);
}
