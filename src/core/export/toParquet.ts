import { unguardText } from '../output/csv.ts';
import { columnKind, type Table } from '../pipeline/tables.ts';
import { csvRecords } from './csvRecords.ts';
import { ParquetRows, ROW_GROUP_ROWS } from './ParquetRows.ts';

export type RowTable = 'cleaned_rows' | 'rejected_rows';
import { parquetTypes } from './parquetTypes.ts';

/** A small table as a Parquet file, from its values (never guarded). */
export function tableParquet(table: Table): Uint8Array {
  const rows = new ParquetRows(table.columns, parquetTypes(table.name, table.columns));
  const parts: Uint8Array[] = [];
  for (const row of table.rows) {
    const part = rows.add(row);
    if (part) parts.push(part);
  }
  parts.push(rows.finish());
  return concat(parts);
}

/**
 * A row file this app wrote as CSV (cleaned_rows or rejected_rows) as Parquet, in pieces as they
 * are made. Text cells lose the spreadsheet guard: Parquet holds the values themselves.
 */
export async function* rowsCsvToParquet(table: RowTable, csv: AsyncIterable<Uint8Array>, groupRows = ROW_GROUP_ROWS): AsyncGenerator<Uint8Array> {
  let rows: ParquetRows | null = null;
  let guarded: boolean[] = [];
  for await (const record of csvRecords(csv)) {
    if (rows === null) {
      // rejected_rows is headed by the input's own header cells, guarded like its other cells.
      const header = table === 'rejected_rows' ? record.map(unguardText) : record;
      guarded = header.map((column, i) => (table === 'rejected_rows' ? i > 1 : columnKind(column) === 'text'));
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

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
