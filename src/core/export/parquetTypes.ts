import { columnKind } from '../pipeline/tables.ts';

/** How a column is stored in Parquet; every column may hold nulls (an empty CSV cell). */
export type ParquetType = 'string' | 'int64' | 'double' | 'date';

/**
 * The Parquet type of each column of a table of SPEC section 3, by position (rejected_rows is
 * named by the input's own header, which may repeat a name). Counts and row numbers are INT64,
 * money and ratios DOUBLE, sale_date DATE, sale_ts INT64 epoch seconds, months and text UTF-8.
 * quality_report's value holds counts and a ratio: DOUBLE. rejected_rows keeps the input's cells
 * as read: text.
 */
export function parquetTypes(table: string, columns: readonly string[]): ParquetType[] {
  return columns.map((column, i) => {
    if (table === 'rejected_rows') return i === 0 ? 'int64' : 'string';
    if (table === 'quality_report' && column === 'value') return 'double';
    switch (columnKind(column)) {
      case 'integer':
        return 'int64';
      case 'money':
      case 'ratio':
        return 'double';
      case 'date':
        return 'date';
      default:
        return 'string';
    }
  });
}
