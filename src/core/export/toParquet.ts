import { startsWithGuard, unguardText } from '../output/csv.ts';
import { columnKind } from '../pipeline/tables.ts';
import { ParquetRows, ROW_GROUP_ROWS } from './ParquetRows.ts';
import { parquetTypes } from './parquetTypes.ts';
import { csvRecordsInBytes } from './csvRecordsInBytes.ts';

const decoder = new TextDecoder();

/** Whether each column of a table's CSV holds text the CSV writer guards against formulas. */
export function guardedColumns(table: string, header: readonly string[]): boolean[] {
  // rejected_rows: row_number and rejection_reason, then the input's cells as read, all guarded.
  return header.map((column, i) => (table === 'rejected_rows' ? i > 1 : columnKind(column) === 'text'));
}

/**
 * A table of SPEC section 3 from the CSV this app wrote of it, as Parquet, in pieces as they are
 * made: a row file of any size passes through one row group at a time, read in bytes (no string
 * per cell). Text cells lose the spreadsheet guard: Parquet holds the values themselves.
 * `handsOver` as for csvRecordsInBytes.
 */
export async function* csvToParquet(table: string, csv: AsyncIterable<Uint8Array>, { groupRows = ROW_GROUP_ROWS, handsOver = false } = {}): AsyncGenerator<Uint8Array> {
  let rows: ParquetRows | null = null;
  let guarded: boolean[] = [];
  /** A record's cell starts, a guard's `'` stepped over. */
  let shifted = new Int32Array(0);
  const parts: Uint8Array[] = [];
  const visit = (bytes: Uint8Array, starts: Int32Array, ends: Int32Array, count: number) => {
    if (rows === null) {
      const record = Array.from({ length: count }, (_, i) => decoder.decode(bytes.subarray(starts[i], ends[i])));
      guarded = guardedColumns(table, record);
      // rejected_rows is headed by the input's own header cells, guarded like its other cells.
      const header = record.map((name, i) => (table === 'rejected_rows' && guarded[i] ? unguardText(name) : name));
      rows = new ParquetRows(header, parquetTypes(table, header), groupRows);
      return;
    }
    let cellStarts = starts;
    for (let i = 0; i < count; i++) {
      if (!guarded[i] || !startsWithGuard(bytes, starts[i]!, ends[i]!)) continue;
      if (cellStarts === starts) {
        if (shifted.length < count) shifted = new Int32Array(count);
        shifted.set(starts.subarray(0, count));
        cellStarts = shifted;
      }
      cellStarts[i]!++;
    }
    const part = rows.addRecord(bytes, cellStarts, ends, count);
    if (part) parts.push(part);
  };
  for await (const _ of csvRecordsInBytes(csv, visit, handsOver)) yield* parts.splice(0);
  if (rows === null) throw new Error(`The ${table} file is empty: it has no header.`);
  yield (rows as ParquetRows).finish();
}
