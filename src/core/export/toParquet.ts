import { unguardText } from '../output/csv.ts';
import { columnKind } from '../pipeline/tables.ts';
import { csvRecords } from './csvRecords.ts';
import { ParquetRows, ROW_GROUP_ROWS } from './ParquetRows.ts';
import { parquetTypes } from './parquetTypes.ts';

/** Whether each column of a table's CSV holds text the CSV writer guards against formulas. */
export function guardedColumns(table: string, header: readonly string[]): boolean[] {
  // rejected_rows: row_number and rejection_reason, then the input's cells as read, all guarded.
  return header.map((column, i) => (table === 'rejected_rows' ? i > 1 : columnKind(column) === 'text'));
}

/**
 * A table of SPEC section 3 from the CSV this app wrote of it, as Parquet, in pieces as they are
 * made: a row file of any size passes through one row group at a time. Text cells lose the
 * spreadsheet guard: Parquet holds the values themselves.
 */
export async function* csvToParquet(table: string, csv: AsyncIterable<Uint8Array>, groupRows = ROW_GROUP_ROWS): AsyncGenerator<Uint8Array> {
  let rows: ParquetRows | null = null;
  let guarded: boolean[] = [];
  for await (const record of csvRecords(csv)) {
    if (rows === null) {
      guarded = guardedColumns(table, record);
      // rejected_rows is headed by the input's own header cells, guarded like its other cells.
      const header = record.map((name, i) => (table === 'rejected_rows' && guarded[i] ? unguardText(name) : name));
      rows = new ParquetRows(header, parquetTypes(table, header), groupRows);
      continue;
    }
    for (let i = 0; i < record.length; i++) if (guarded[i]) record[i] = unguardText(record[i]!);
    const part = rows.add(record);
    if (part) yield part;
  }
  if (rows === null) throw new Error(`The ${table} file is empty: it has no header.`);
  yield rows.finish();
}
