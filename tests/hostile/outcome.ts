import Papa from 'papaparse';
import { REJECTION_REASONS } from '../../src/core/contract.ts';
import type { Completed } from './fixtures.ts';

const table = (csv: string) => Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;

/** What a completed job must show, every reason's count included. */
export function wanted(expected: Completed) {
  return {
    rows: expected.rows,
    accepted: expected.accepted,
    rejected: { ...Object.fromEntries(REJECTION_REASONS.map((r) => [r, 0])), ...expected.rejected },
    cleaned: expected.cleaned ?? {},
  };
}

/** The same of a job's quality report and cleaned rows (CSV as written), for the columns the fixture names. */
export function found(expected: Completed, qualityReport: string, cleanedRows: string): ReturnType<typeof wanted> {
  const report = new Map(table(qualityReport).map((r) => [r.metric!, Number(r.value)]));
  const cleaned = table(cleanedRows);
  return {
    rows: report.get('rows_read')!,
    accepted: report.get('rows_accepted')!,
    rejected: Object.fromEntries(REJECTION_REASONS.map((r) => [r, report.get(`rejected.${r}`) ?? 0])),
    cleaned: Object.fromEntries(Object.entries(expected.cleaned ?? {}).map(([column, values]) => [column, cleaned.slice(0, values.length).map((r) => r[column]!)])),
  };
}
