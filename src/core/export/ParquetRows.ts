import { ByteWriter, ParquetWriter, type SchemaElement } from 'hyparquet-writer';
import type { ParquetType } from './parquetTypes.ts';

const SCHEMA: Record<ParquetType, Omit<SchemaElement, 'name'>> = {
  string: { type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
  int64: { type: 'INT64', repetition_type: 'OPTIONAL' },
  double: { type: 'DOUBLE', repetition_type: 'OPTIONAL' },
  date: { type: 'INT32', converted_type: 'DATE', repetition_type: 'OPTIONAL' },
};

/** Rows per row group: a group's cells are held as strings until it is written. */
export const ROW_GROUP_ROWS = 50_000;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

type Value = string | bigint | number | null;

/** A cell as its column's type; empty is null. */
function typed(cell: string, type: ParquetType, column: string): Value {
  if (cell === '') return null;
  if (type === 'string') return cell;
  if (type === 'int64') {
    if (!/^-?\d+$/.test(cell)) throw new Error(`Column ${column}: "${cell}" is not a whole number.`);
    return BigInt(cell);
  }
  if (type === 'double') {
    const value = Number(cell);
    if (!Number.isFinite(value)) throw new Error(`Column ${column}: "${cell}" is not a number.`);
    return value;
  }
  const m = DATE.exec(cell);
  if (m === null) throw new Error(`Column ${column}: "${cell}" is not a YYYY-MM-DD date.`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
}

/**
 * Rows of text cells into a Parquet file (Snappy, row groups of ROW_GROUP_ROWS), given out in
 * pieces as each row group is written, so a file of any size passes through bounded memory.
 */
export class ParquetRows {
  private readonly out = new ByteWriter(1 << 20);
  private readonly writer: ParquetWriter;
  private columns: string[][];
  private rows = 0;

  constructor(
    private readonly names: readonly string[],
    private readonly types: readonly ParquetType[],
    private readonly groupRows = ROW_GROUP_ROWS,
  ) {
    const schema: SchemaElement[] = [{ name: 'root', num_children: names.length }, ...names.map((name, i) => ({ name, ...SCHEMA[types[i]!] }))];
    this.writer = new ParquetWriter({ writer: this.out, schema, codec: 'SNAPPY', createdBy: 'sales-pipeline' });
    this.columns = names.map(() => []);
  }

  /** Adds a row (one cell per column, as its CSV holds it, unguarded); bytes when a row group was written. */
  add(cells: readonly string[]): Uint8Array | null {
    if (cells.length !== this.names.length) throw new Error(`A row has ${cells.length} cells where the table has ${this.names.length} columns.`);
    for (let i = 0; i < cells.length; i++) this.columns[i]!.push(cells[i]!);
    return ++this.rows === this.groupRows ? this.flush() : null;
  }

  /** The rest of the file: the last row group and the footer. */
  finish(): Uint8Array {
    if (this.rows > 0) this.writeGroup();
    this.writer.finish();
    return this.take();
  }

  private flush(): Uint8Array {
    this.writeGroup();
    return this.take();
  }

  private writeGroup(): void {
    const columnData = this.names.map((name, i) => ({ name, data: this.columns[i]!.map((cell) => typed(cell, this.types[i]!, name)) }));
    void this.writer.write({ columnData, rowGroupSize: this.rows });
    this.columns = this.names.map(() => []);
    this.rows = 0;
  }

  /** What was written since the last take; offsets in the file go on counting. */
  private take(): Uint8Array {
    const bytes = this.out.getBytes().slice();
    this.out.index = 0;
    return bytes;
  }
}
