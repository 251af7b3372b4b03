import { ByteWriter, type SchemaElement } from 'hyparquet-writer';
import { writeMetadata } from 'hyparquet-writer/src/metadata.js';
import { ColumnChunkWriter, type RowGroup } from './columnChunk.ts';
import { ColumnValues } from './ColumnValues.ts';
import type { ParquetType } from './parquetTypes.ts';

const SCHEMA: Record<ParquetType, Omit<SchemaElement, 'name'>> = {
  string: { type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
  int64: { type: 'INT64', repetition_type: 'OPTIONAL' },
  double: { type: 'DOUBLE', repetition_type: 'OPTIONAL' },
  date: { type: 'INT32', converted_type: 'DATE', repetition_type: 'OPTIONAL' },
};

/** Rows per row group: a group's values are held, as bytes, until it is written (decision 007 says why 50,000). */
export const ROW_GROUP_ROWS = 50_000;

/**
 * Rows of text cells into a Parquet file (Snappy, row groups of ROW_GROUP_ROWS), given out in
 * pieces as each row group is written, so a file of any size passes through bounded memory. The
 * file is the one hyparquet-writer's ParquetWriter writes without statistics or page indexes,
 * byte for byte; its column chunks are written here (columnChunk.ts), from values kept as bytes.
 */
export class ParquetRows {
  private readonly out = new ByteWriter(1 << 20);
  private readonly schema: SchemaElement[];
  private readonly columns: ColumnValues[];
  private readonly chunks = new ColumnChunkWriter();
  private rows = 0;
  /** Each row group's footer entry, encoded as it is written (see RowGroupFooter). */
  private readonly footer: RowGroupFooter;

  constructor(
    names: readonly string[],
    types: readonly ParquetType[],
    private readonly groupRows = ROW_GROUP_ROWS,
  ) {
    const schema: SchemaElement[] = [{ name: 'root', num_children: names.length }, ...names.map((name, i) => ({ name, ...SCHEMA[types[i]!] }))];
    this.schema = schema;
    this.columns = names.map((name, i) => new ColumnValues(name, types[i]!, groupRows));
    this.footer = new RowGroupFooter(schema);
    this.out.appendUint32(PAR1);
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
    const start = this.out.offset;
    const columns = this.columns.map((values, i) => this.chunks.write(this.out, values, this.schema[i + 1]!));
    let uncompressed = 0n;
    for (const column of columns) uncompressed += column.meta_data!.total_uncompressed_size;
    this.footer.add({ columns, total_byte_size: uncompressed, num_rows: BigInt(this.rows), total_compressed_size: BigInt(this.out.offset - start) });
    for (const values of this.columns) values.clear();
    this.rows = 0;
  }

  /** What was written since the last take; offsets in the file go on counting. */
  private take(): Uint8Array {
    const bytes = this.out.getBytes().slice();
    this.out.index = 0;
    return bytes;
  }
}

const CREATED_BY = 'sales-pipeline';
/** "PAR1", the magic number that begins and ends a Parquet file. */
const PAR1 = 0x31524150;

/**
 * The footer's row groups as bytes. Kept as metadata objects until the footer (as hyparquet-writer's
 * ParquetWriter keeps them), a row group takes ~630 bytes a column chunk: 16 MB for a 10M-row job's
 * cleaned rows, held to the end. Here each row group is encoded as soon as it is written (~26
 * bytes a column chunk), by hyparquet-writer's own writeMetadata: Thrift's compact protocol
 * encodes each struct of a list on its own, so the bytes of one row group, cut from a footer that
 * holds only it, are the same in a footer of many.
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
    // A list's header: its size and element type (12, a struct; 0 in an empty one, as
    // hyparquet-writer writes it), the size apart past 14.
    if (this.count < 15) out.appendUint8(this.count === 0 ? 0 : (this.count << 4) | 12);
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
