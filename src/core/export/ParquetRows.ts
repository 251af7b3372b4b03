import { ByteWriter, ParquetWriter, type SchemaElement } from 'hyparquet-writer';
import type { ParquetType } from './parquetTypes.ts';

const SCHEMA: Record<ParquetType, Omit<SchemaElement, 'name'>> = {
  string: { type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
  int64: { type: 'INT64', repetition_type: 'OPTIONAL' },
  double: { type: 'DOUBLE', repetition_type: 'OPTIONAL' },
  date: { type: 'INT32', converted_type: 'DATE', repetition_type: 'OPTIONAL' },
};

/** Rows per row group: a group's values are held until it is written (decision 007 says why 10,000). */
export const ROW_GROUP_ROWS = 10_000;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WHOLE = /^-?\d+$/;

type Values = Array<string | bigint | number | null> | BigInt64Array | Float64Array | Int32Array;

/**
 * One column's values of the row group being filled. Numbers go into a typed array (no object
 * per value for the collector to trace) until a null comes, which the writer only takes in an
 * array; text is kept as strings.
 */
class ColumnValues {
  private typed: BigInt64Array | Float64Array | Int32Array | null;
  private plain: Array<string | bigint | number | null> | null = null;
  private rows = 0;

  constructor(
    readonly name: string,
    private readonly type: ParquetType,
    private readonly capacity: number,
  ) {
    this.typed = this.fresh();
  }

  private fresh(): BigInt64Array | Float64Array | Int32Array | null {
    if (this.type === 'int64') return new BigInt64Array(this.capacity);
    if (this.type === 'double') return new Float64Array(this.capacity);
    if (this.type === 'date') return new Int32Array(this.capacity);
    return null;
  }

  push(cell: string): void {
    if (this.typed === null) {
      (this.plain ??= []).push(cell === '' ? null : this.type === 'string' ? cell : this.value(cell));
    } else if (cell === '') {
      this.plain = Array.from(this.typed.subarray(0, this.rows) as ArrayLike<bigint | number>);
      this.typed = null;
      this.plain.push(null);
    } else {
      this.typed[this.rows] = this.value(cell) as never;
    }
    this.rows++;
  }

  private value(cell: string): bigint | number {
    if (this.type === 'int64') {
      if (!WHOLE.test(cell)) throw new Error(`Column ${this.name}: "${cell}" is not a whole number.`);
      return BigInt(cell);
    }
    if (this.type === 'double') {
      const value = Number(cell);
      if (!Number.isFinite(value)) throw new Error(`Column ${this.name}: "${cell}" is not a number.`);
      return value;
    }
    const m = DATE.exec(cell);
    if (m === null) throw new Error(`Column ${this.name}: "${cell}" is not a YYYY-MM-DD date.`);
    return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
  }

  /** The group's values, and a fresh start for the next group. */
  take(): Values {
    const values: Values = this.typed !== null ? this.typed.subarray(0, this.rows) : (this.plain ?? []);
    this.typed = this.fresh();
    this.plain = null;
    this.rows = 0;
    return values;
  }
}

/**
 * Rows of text cells into a Parquet file (Snappy, row groups of ROW_GROUP_ROWS), given out in
 * pieces as each row group is written, so a file of any size passes through bounded memory.
 */
export class ParquetRows {
  private readonly out = new ByteWriter(1 << 20);
  private readonly writer: ParquetWriter;
  private readonly columns: ColumnValues[];
  private rows = 0;

  constructor(
    names: readonly string[],
    types: readonly ParquetType[],
    private readonly groupRows = ROW_GROUP_ROWS,
  ) {
    const schema: SchemaElement[] = [{ name: 'root', num_children: names.length }, ...names.map((name, i) => ({ name, ...SCHEMA[types[i]!] }))];
    // No min/max statistics: the writer keeps them, as the cells themselves, until the footer, and
    // a cell is a slice of the block of text it was read from, so every row group kept a few MB
    // of text alive (the heap grew ~4 MB per 20,000 rows; without them it stays at 11 MB).
    this.writer = new ParquetWriter({ writer: this.out, schema, codec: 'SNAPPY', statistics: false, createdBy: 'sales-pipeline' });
    this.columns = names.map((name, i) => new ColumnValues(name, types[i]!, groupRows));
  }

  /** Adds a row (one cell per column, as its CSV holds it, unguarded); bytes when a row group was written. */
  add(cells: readonly string[]): Uint8Array | null {
    if (cells.length !== this.columns.length) throw new Error(`A row has ${cells.length} cells where the table has ${this.columns.length} columns.`);
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
    const columnData = this.columns.map((column) => ({ name: column.name, data: column.take() }));
    void this.writer.write({ columnData, rowGroupSize: this.rows });
    this.rows = 0;
  }

  /** What was written since the last take; offsets in the file go on counting. */
  private take(): Uint8Array {
    const bytes = this.out.getBytes().slice();
    this.out.index = 0;
    return bytes;
  }
}
