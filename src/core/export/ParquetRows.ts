import { ByteWriter, ParquetWriter, type SchemaElement } from 'hyparquet-writer';
import { writeMetadata } from 'hyparquet-writer/src/metadata.js';
import { digitsValue, plainDecimal } from '../clean/asciiCells.ts';
import type { ParquetType } from './parquetTypes.ts';

const SCHEMA: Record<ParquetType, Omit<SchemaElement, 'name'>> = {
  string: { type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
  int64: { type: 'INT64', repetition_type: 'OPTIONAL' },
  double: { type: 'DOUBLE', repetition_type: 'OPTIONAL' },
  date: { type: 'INT32', converted_type: 'DATE', repetition_type: 'OPTIONAL' },
};

/** Rows per row group: a group's values are held until it is written (decision 007 says why 5,000). */
export const ROW_GROUP_ROWS = 5_000;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WHOLE = /^-?\d+$/;
const MINUS = 0x2d;
const DOT = 0x2e;
/** An INT64 is written as two 32-bit words, low first, where the platform stores them so. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const decoder = new TextDecoder();

type Values = Array<Uint8Array | bigint | number | null> | BigInt64Array | Float64Array | Int32Array;

/**
 * An optional minus and a plain decimal (`plainDecimal`: at most 15 digits, read exactly as
 * Number() reads them), with no dot when `whole`. NaN for anything else, which Number() or
 * BigInt() is then asked about.
 */
function signedDecimal(bytes: Uint8Array, start: number, end: number, whole: boolean): number {
  const negative = bytes[start] === MINUS;
  const from = negative ? start + 1 : start;
  if (whole) for (let i = from; i < end; i++) if (bytes[i] === DOT) return Number.NaN;
  const value = plainDecimal(bytes, from, end);
  return value < 0 ? Number.NaN : negative ? -value : value;
}

/** YYYY-MM-DD as days since 1970-01-01; NaN for anything else. */
function isoDay(bytes: Uint8Array, start: number, end: number): number {
  if (end - start !== 10 || bytes[start + 4] !== MINUS || bytes[start + 7] !== MINUS) return Number.NaN;
  const year = digitsValue(bytes, start, start + 4);
  const month = digitsValue(bytes, start + 5, start + 7);
  const day = digitsValue(bytes, start + 8, start + 10);
  if (year < 0 || month < 0 || day < 0) return Number.NaN;
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

/**
 * One column's values of the row group being filled, read from the bytes of their cells: numbers
 * into a typed array until a null comes (the writer takes nulls only in an array), text into one
 * byte buffer. Nothing per value is left for the collector while a group fills: made one by one,
 * a group's values outlived collections and were promoted, gigabytes of them in a 10M-row export.
 */
class ColumnValues {
  private typed: BigInt64Array | Float64Array | Int32Array | null;
  /** The typed array's words, for an INT64 written without making a bigint. */
  private words: Uint32Array | null = null;
  private plain: Array<bigint | number | null> | null = null;
  private text = new Uint8Array(0);
  private textUsed = 0;
  /** Per row: where its text ends, or -1 for null. */
  private ends: Int32Array;
  private rows = 0;

  constructor(
    readonly name: string,
    private readonly type: ParquetType,
    private readonly capacity: number,
  ) {
    this.typed = this.fresh();
    this.ends = new Int32Array(type === 'string' ? capacity : 0);
    if (type === 'string') this.text = new Uint8Array(capacity * 16);
  }

  private fresh(): BigInt64Array | Float64Array | Int32Array | null {
    this.words = null;
    if (this.type === 'int64') {
      const typed = new BigInt64Array(this.capacity);
      if (LITTLE_ENDIAN) this.words = new Uint32Array(typed.buffer);
      return typed;
    }
    if (this.type === 'double') return new Float64Array(this.capacity);
    if (this.type === 'date') return new Int32Array(this.capacity);
    return null;
  }

  /** The cell bytes[start, end); empty is null. */
  push(bytes: Uint8Array, start: number, end: number): void {
    if (this.type === 'string') this.pushText(bytes, start, end);
    else if (start === end) this.pushNull();
    else if (this.typed === null) this.plain!.push(this.value(bytes, start, end));
    else if (this.words !== null) this.pushWhole(bytes, start, end);
    else this.typed[this.rows] = this.value(bytes, start, end) as never;
    this.rows++;
  }

  private pushText(bytes: Uint8Array, start: number, end: number): void {
    if (start === end) {
      this.ends[this.rows] = -1;
      return;
    }
    const used = this.textUsed + end - start;
    if (used > this.text.length) {
      const bigger = new Uint8Array(Math.max(used, 2 * this.text.length));
      bigger.set(this.text.subarray(0, this.textUsed));
      this.text = bigger;
    }
    this.text.set(bytes.subarray(start, end), this.textUsed);
    this.ends[this.rows] = this.textUsed = used;
  }

  private pushNull(): void {
    if (this.typed !== null) {
      this.plain = Array.from(this.typed.subarray(0, this.rows) as ArrayLike<bigint | number>);
      this.typed = null;
      this.words = null;
    }
    this.plain!.push(null);
  }

  private pushWhole(bytes: Uint8Array, start: number, end: number): void {
    const n = signedDecimal(bytes, start, end, true);
    if (Number.isNaN(n)) {
      this.typed![this.rows] = this.value(bytes, start, end) as never;
      return;
    }
    const high = Math.floor(n / 2 ** 32);
    this.words![2 * this.rows] = n - high * 2 ** 32;
    this.words![2 * this.rows + 1] = high;
  }

  private value(bytes: Uint8Array, start: number, end: number): bigint | number {
    if (this.type === 'double') {
      const plain = signedDecimal(bytes, start, end, false);
      if (!Number.isNaN(plain)) return plain;
    } else if (this.type === 'date') {
      const day = isoDay(bytes, start, end);
      if (!Number.isNaN(day)) return day;
    }
    const cell = decoder.decode(bytes.subarray(start, end));
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

  /** The group's values, and a fresh start for the next group. Text values are views, good until the next push. */
  take(): Values {
    let values: Values;
    if (this.type === 'string') {
      const text: Array<Uint8Array | null> = new Array(this.rows);
      for (let row = 0, from = 0; row < this.rows; row++) {
        const end = this.ends[row]!;
        text[row] = end < 0 ? null : this.text.subarray(from, end);
        if (end >= 0) from = end;
      }
      values = text;
      this.textUsed = 0;
    } else {
      values = this.typed !== null ? this.typed.subarray(0, this.rows) : this.plain!;
      this.typed = this.fresh();
      this.plain = null;
    }
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
  /** Each row group's footer entry, encoded as it is written (see RowGroupFooter). */
  private readonly footer: RowGroupFooter;

  constructor(
    names: readonly string[],
    types: readonly ParquetType[],
    private readonly groupRows = ROW_GROUP_ROWS,
  ) {
    const schema: SchemaElement[] = [{ name: 'root', num_children: names.length }, ...names.map((name, i) => ({ name, ...SCHEMA[types[i]!] }))];
    // No min/max statistics: the writer keeps them, as the cells themselves, until the footer, and
    // a cell is a slice of the block of text it was read from, so every row group kept a few MB
    // of text alive (the heap grew ~4 MB per 20,000 rows; without them it stays at 11 MB).
    this.writer = new ParquetWriter({ writer: this.out, schema, codec: 'SNAPPY', statistics: false, createdBy: CREATED_BY });
    this.columns = names.map((name, i) => new ColumnValues(name, types[i]!, groupRows));
    this.footer = new RowGroupFooter(schema);
  }

  /** Adds a row, cell i being bytes[starts[i], ends[i]) as its CSV holds it, unguarded; bytes when a row group was written. */
  addRecord(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, count: number): Uint8Array | null {
    if (count !== this.columns.length) throw new Error(`A row has ${count} cells where the table has ${this.columns.length} columns.`);
    for (let i = 0; i < count; i++) this.columns[i]!.push(bytes, starts[i]!, ends[i]!);
    return ++this.rows === this.groupRows ? this.flush() : null;
  }

  /** The rest of the file: the last row group and the footer. */
  finish(): Uint8Array {
    if (this.rows > 0) this.writeGroup();
    this.out.appendBytes(this.footer.finish());
    this.out.appendUint32(PAR1);
    return this.take();
  }

  private flush(): Uint8Array {
    this.writeGroup();
    return this.take();
  }

  private writeGroup(): void {
    // No offset index: one page per column chunk, and nothing left to write at the end.
    const columnData = this.columns.map((column) => ({ name: column.name, data: column.take(), offsetIndex: false }));
    void this.writer.write({ columnData, rowGroupSize: this.rows });
    this.rows = 0;
    this.footer.add(this.writer.row_groups.pop()!);
    this.writer.pendingIndexes.length = 0;
  }

  /** What was written since the last take; offsets in the file go on counting. */
  private take(): Uint8Array {
    const bytes = this.out.getBytes().slice();
    this.out.index = 0;
    return bytes;
  }
}

const CREATED_BY = 'sales-pipeline';
/** "PAR1", the magic number that ends a Parquet file. */
const PAR1 = 0x31524150;

type Metadata = Parameters<typeof writeMetadata>[1];
type RowGroup = Metadata['row_groups'][number];

/**
 * The footer's row groups as bytes. hyparquet-writer keeps every row group's metadata as
 * objects until it writes the footer, ~630 bytes a column chunk: 16 MB for a 10M-row job's
 * cleaned rows, held to the end, which made an export's memory grow with the file. Here each row
 * group is encoded as soon as it is written (~26 bytes a column chunk), by hyparquet-writer's own
 * writeMetadata: Thrift's compact protocol encodes each struct of a list on its own, so the bytes
 * of one row group, cut from a footer that holds only it, are the same in a footer of many.
 */
class RowGroupFooter {
  private readonly groups = new ByteWriter(1 << 16);
  private count = 0;
  private rows = 0n;
  /** A footer of one row group, less these, is that group's bytes. */
  private readonly around: { head: number; tail: number };

  constructor(private readonly schema: SchemaElement[]) {
    const { head, tail } = aroundList(schema, 0n, undefined);
    this.around = { head: head.length + 1, tail: tail.length + 4 };
  }

  add(group: RowGroup): void {
    const bytes = metadataBytes(this.schema, 0n, [group], undefined);
    this.groups.appendBytes(bytes.subarray(this.around.head, bytes.length - this.around.tail));
    this.count++;
    this.rows += group.num_rows;
  }

  /** The whole footer: file metadata and its length. */
  finish(): Uint8Array {
    const { head, tail } = aroundList(this.schema, this.rows, CREATED_BY);
    const out = new ByteWriter(head.length + this.groups.index + tail.length + 16);
    out.appendBytes(head);
    // A list's header: its size and element type (12, a struct), the size apart past 14.
    if (this.count < 15) out.appendUint8((this.count << 4) | 12);
    else {
      out.appendUint8(0xfc);
      out.appendVarInt(this.count);
    }
    out.appendBytes(this.groups.getBytes());
    out.appendBytes(tail);
    out.appendUint32(out.index);
    return out.getBytes();
  }
}

/** File metadata as writeMetadata writes it: the Thrift struct, then its length. */
function metadataBytes(schema: SchemaElement[], rows: bigint, groups: RowGroup[], createdBy: string | undefined): Uint8Array {
  const writer = new ByteWriter(1 << 12);
  // metadata_length is not written: writeMetadata appends the length after the struct.
  writeMetadata(writer, { version: 2, schema, num_rows: rows, row_groups: groups, created_by: createdBy, metadata_length: 0 });
  return writer.getBytes().slice();
}

/**
 * The metadata struct without row groups, cut around their list's header: the bytes before it
 * and those after it, less the length. The header is the one byte that differs when there is
 * one, empty, row group.
 */
function aroundList(schema: SchemaElement[], rows: bigint, createdBy: string | undefined): { head: Uint8Array; tail: Uint8Array } {
  const none = metadataBytes(schema, rows, [], createdBy);
  const one = metadataBytes(schema, rows, [{ columns: [], total_byte_size: 0n, num_rows: 0n }], createdBy);
  let at = 0;
  while (none[at] === one[at]) at++;
  return { head: none.subarray(0, at), tail: none.subarray(at + 1, none.length - 4) };
}
