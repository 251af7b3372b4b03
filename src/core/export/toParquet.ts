import { unguardText } from '../output/csv.ts';
import { columnKind } from '../pipeline/tables.ts';
import { ParquetRows, ROW_GROUP_ROWS } from './ParquetRows.ts';
import { parquetTypes } from './parquetTypes.ts';
import { csvRecordsInBytes } from './csvRecordsInBytes.ts';

const APOSTROPHE = 0x27;
const decoder = new TextDecoder();
const encoder = new TextEncoder();

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
    if (anyGuarded(bytes, starts, ends, count, guarded)) [bytes, starts, ends] = unguarded(bytes, starts, ends, count, guarded);
    const part = rows.addRecord(bytes, starts, ends, count);
    if (part) parts.push(part);
  };
  for await (const _ of csvRecordsInBytes(csv, visit, handsOver)) yield* parts.splice(0);
  if (rows === null) throw new Error(`The ${table} file is empty: it has no header.`);
  yield (rows as ParquetRows).finish();
}

/** Whether a guarded column's cell starts with the guard's apostrophe: seldom. */
function anyGuarded(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, count: number, guarded: readonly boolean[]): boolean {
  for (let i = 0; i < count; i++) if (guarded[i] && ends[i]! - starts[i]! >= 2 && bytes[starts[i]!] === APOSTROPHE) return true;
  return false;
}

/** The record with its guarded cells unguarded, in fresh bytes. */
function unguarded(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, count: number, guarded: readonly boolean[]): [Uint8Array, Int32Array, Int32Array] {
  const cells = Array.from({ length: count }, (_, i) => {
    const cell = bytes.subarray(starts[i], ends[i]);
    return guarded[i] ? encoder.encode(unguardText(decoder.decode(cell))) : cell;
  });
  const out = new Uint8Array(cells.reduce((n, c) => n + c.length, 0));
  const [outStarts, outEnds] = [new Int32Array(count), new Int32Array(count)];
  cells.reduce((at, cell, i) => {
    out.set(cell, at);
    outStarts[i] = at;
    return (outEnds[i] = at + cell.length);
  }, 0);
  return [out, outStarts, outEnds];
}
