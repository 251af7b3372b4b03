import { isPipelineError, PIPELINE_ERROR_CODES, PipelineError, type PipelineErrorCode } from '../core/errors.ts';
import type { EngineError, EngineErrorCode } from './api.ts';


/** A failure of the engine around the core (a worker, the file, the storage), with its code. */
export class EngineFailure extends Error {
  override readonly name = 'EngineFailure';
  constructor(
    readonly code: Exclude<EngineErrorCode, PipelineErrorCode>,
    message: string,
  ) {
    super(message);
  }
}

/** What to do, where the core's message does not say it already. */
const HINTS: Partial<Record<EngineErrorCode, string>> = {
  NO_ROWS: 'Pick the export that holds the sales rows, not only their header.',
  UNKNOWN_HEADER: 'Map the file’s headers onto the contract columns under Advanced, or fix the header row.',
  TOO_MANY_COLUMNS: 'Choose the right delimiter under Advanced, or raise max_columns in the options.',
  MISSING_COLUMNS: 'Map the file’s headers onto the missing columns (or fill them with a constant) under Advanced.',
  INVALID_OPTIONS: 'Correct the options under Advanced and run the job again.',
  INVALID_LOOKUPS: 'Fix the lookups file, or run with the default lookups.',
  WORKER_FAILED: 'Run the job again. If it fails again, use fewer workers under Advanced, or close other tabs: a worker may have run out of memory.',
  ENGINE_FAILED: 'Reload the page and run the job again.',
  READ_FAILED: 'Pick the file again (it may have been moved or changed since it was picked) and run the job again.',
  STORAGE_FULL: 'Delete earlier jobs on the Storage page, or free some disk space, and run the job again.',
  STORAGE_FAILED: 'Reload the page and run the job again; if it fails again, clear this site’s storage on the Storage page.',
  INTERNAL: 'Reload the page and run the job again; if it happens again, report it with this message.',
};

export const hintFor = (code: EngineErrorCode): string => HINTS[code] ?? '';

/** An error as plain data, with the hint for its code. */
export const engineError = (code: EngineErrorCode, message: string, where: EngineError['where'] = {}): EngineError => ({ code, message, hint: hintFor(code), where: { ...where } });

/** Any thrown value as plain data that keeps its code, message and place. */
export function encodeError(error: unknown): EngineError {
  if (isPipelineError(error)) return engineError(error.code, error.message, error.where);
  if (error instanceof EngineFailure) return engineError(error.code, error.message);
  const message = error instanceof Error ? error.message : String(error);
  return engineError('INTERNAL', message || 'An unexpected error stopped the job.');
}

/** The error an encoded one stands for, to be thrown again on this side of a worker boundary. */
export function decodeError(error: EngineError): Error {
  if ((PIPELINE_ERROR_CODES as readonly string[]).includes(error.code)) return new PipelineError(error.code as PipelineErrorCode, error.message, error.where);
  return new EngineFailure(error.code as Exclude<EngineErrorCode, PipelineErrorCode>, error.message);
}
