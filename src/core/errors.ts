/** Why a job cannot run at all. Row-level problems are rejection reasons, never errors. */
export const PIPELINE_ERROR_CODES = [
  'EMPTY_FILE',
  'NOT_TEXT',
  'INVALID_ENCODING',
  'NO_ROWS',
  'MISSING_COLUMNS',
  'UNKNOWN_HEADER',
  'RECORD_TOO_LARGE',
  'TOO_MANY_COLUMNS',
  'INVALID_OPTIONS',
  'INVALID_LOOKUPS',
  'CANCELLED',
] as const;

export type PipelineErrorCode = (typeof PIPELINE_ERROR_CODES)[number];

/** A typed, explainable failure: a code for programs, a message for people, and where it happened. */
export class PipelineError extends Error {
  override readonly name = 'PipelineError';
  constructor(
    readonly code: PipelineErrorCode,
    message: string,
    readonly where: { byteOffset?: number; row?: number } = {},
  ) {
    super(message);
  }
}

/**
 * Where a failure happened, for people: `row 12, byte offset 3,456`, or '' when it is not known.
 * Rows are data records as SPEC counts them; offsets are bytes of the file (decompressed).
 */
export function whereText(where: { byteOffset?: number; row?: number }): string {
  const parts: string[] = [];
  if (where.row !== undefined) parts.push(`row ${where.row.toLocaleString('en-US')}`);
  if (where.byteOffset !== undefined) parts.push(`byte offset ${where.byteOffset.toLocaleString('en-US')}`);
  return parts.join(', ');
}

export const isPipelineError = (error: unknown): error is PipelineError =>
  error instanceof Error && (error as { name?: string }).name === 'PipelineError' && 'code' in error;
