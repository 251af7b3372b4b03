import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { unguardText } from '../../src/core/output/csv.ts';
import type { ParquetType } from '../../src/core/export/parquetTypes.ts';

// An independent reader for the Parquet files the app and the command line write: DuckDB reads
// each file and the CSV of the same table, and they must hold the same rows, in the same order,
// with the declared column types.

const DUCKDB_TYPE: Record<ParquetType, string> = { string: 'VARCHAR', int64: 'BIGINT', double: 'DOUBLE', date: 'DATE' };

let connection: Promise<DuckDBConnection> | null = null;
const connect = () => (connection ??= DuckDBInstance.create(':memory:').then((db) => db.connect()));
const sqlPath = (path: string) => `'${path.replaceAll("'", "''")}'`;

/** The column names and DuckDB types of a Parquet file. */
export async function parquetSchema(path: string): Promise<Array<[string, string]>> {
  const reader = await (await connect()).runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${sqlPath(path)})`);
  return reader.getRows().map((row) => [String(row[0]), String(row[1])]);
}

/** How many row groups a Parquet file's footer lists, the rows it says the file has, and the rows read. */
export async function parquetRowGroups(path: string): Promise<{ groups: number; footerRows: number; rows: number }> {
  const one = async (sql: string) => Number((await (await connect()).runAndReadAll(sql)).getRows()[0]![0]);
  return {
    groups: await one(`SELECT count(DISTINCT row_group_id) FROM parquet_metadata(${sqlPath(path)})`),
    footerRows: await one(`SELECT num_rows FROM parquet_file_metadata(${sqlPath(path)})`),
    rows: await one(`SELECT count(*) FROM read_parquet(${sqlPath(path)})`),
  };
}

/** The rows of a Parquet file, each value as text (null stays null), in file order. */
export async function parquetRows(path: string): Promise<Array<Array<string | null>>> {
  const reader = await (await connect()).runAndReadAll(`SELECT * FROM read_parquet(${sqlPath(path)})`);
  return reader.getRows().map((row) => row.map((v) => (v === null ? null : typeof v === 'number' ? String(v) : String(v))));
}

/** A CSV as DuckDB reads it, every cell text, empty cells null, in file order. */
async function csvRows(path: string): Promise<{ header: string[]; rows: Array<Array<string | null>> }> {
  const source = `read_csv(${sqlPath(path)}, all_varchar = true, header = true, delim = ',', quote = '"', escape = '"')`;
  const reader = await (await connect()).runAndReadAll(`SELECT * FROM ${source}`);
  return { header: reader.columnNames(), rows: reader.getRows().map((row) => row.map((v) => (v === null ? null : String(v)))) };
}

/** A CSV cell as the Parquet file should hold it, as text the way DuckDB prints that type. */
function expected(cell: string | null, type: ParquetType, guarded: boolean): string | null {
  if (cell === null) return null;
  if (type === 'double') return String(Number(cell));
  if (type === 'int64') return String(BigInt(cell));
  return guarded ? unguardText(cell) : cell;
}

/**
 * Fails unless the Parquet file has the CSV's columns with `types`, and the same rows in the same
 * order. `guarded[i]`: column i is text the CSV writer guards against formulas.
 */
export async function expectSameTable(parquetPath: string, csvPath: string, types: readonly ParquetType[], guarded: readonly boolean[]): Promise<number> {
  const schema = await parquetSchema(parquetPath);
  const csv = await csvRows(csvPath);
  const names = csv.header.map((name, i) => (guarded[i] ? unguardText(name) : name));
  const want = names.map((name, i) => [name, DUCKDB_TYPE[types[i]!]]);
  if (JSON.stringify(schema) !== JSON.stringify(want)) throw new Error(`schema ${JSON.stringify(schema)} is not ${JSON.stringify(want)}`);
  const rows = await parquetRows(parquetPath);
  if (rows.length !== csv.rows.length) throw new Error(`${rows.length} Parquet rows against ${csv.rows.length} CSV rows`);
  csv.rows.forEach((row, r) => {
    row.forEach((cell, c) => {
      const want = expected(cell, types[c]!, guarded[c]!);
      if (rows[r]![c] !== want) throw new Error(`row ${r + 1}, column ${names[c]}: Parquet holds ${JSON.stringify(rows[r]![c])}, the CSV ${JSON.stringify(cell)}`);
    });
  });
  return rows.length;
}
