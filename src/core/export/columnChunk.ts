import { ByteWriter, type SchemaElement } from 'hyparquet-writer';
import { writePageHeader } from 'hyparquet-writer/src/datapage.js';
import { writeRleBitPackedHybrid } from 'hyparquet-writer/src/encoding.js';
import type { writeMetadata } from 'hyparquet-writer/src/metadata.js';
import { snappyCompress } from 'hyparquet-writer/src/snappy.js';
import { hashBytes } from '../text/hashBytes.ts';
import type { ColumnValues } from './ColumnValues.ts';

export type RowGroup = Parameters<typeof writeMetadata>[1]['row_groups'][number];
export type ColumnChunk = RowGroup['columns'][number];
type PageHeader = Parameters<typeof writePageHeader>[1];

/** hyparquet-writer's page size: a column chunk's values are cut into pages of about this many bytes. */
const PAGE_SIZE = 1 << 20;
/** hyparquet-writer's test of a column for a dictionary: a sample of this many values... */
const SAMPLE = 1000;
/** ...is not tried further when this much of its bytes is in values seen once. */
const SAMPLE_REJECTION = 0.9;

/** A growable run of bytes, written without a view per value. */
class Bytes {
  data = new Uint8Array(1 << 16);
  used = 0;

  reserve(n: number): void {
    if (this.used + n <= this.data.length) return;
    const bigger = new Uint8Array(Math.max(this.used + n, 2 * this.data.length));
    bigger.set(this.data.subarray(0, this.used));
    this.data = bigger;
  }

  /** A value as PLAIN writes it: text after its length (4 bytes, little-endian), a number as it is. */
  value(values: ColumnValues, row: number): void {
    const start = values.start(row);
    const end = values.end(row);
    const length = end - start;
    this.reserve(length + 4);
    const data = this.data;
    if (values.width === 0) {
      data[this.used++] = length & 0xff;
      data[this.used++] = (length >>> 8) & 0xff;
      data[this.used++] = (length >>> 16) & 0xff;
      data[this.used++] = length >>> 24;
    }
    const source = values.bytes;
    if (length < 32) for (let i = start; i < end; i++) data[this.used++] = source[i]!;
    else {
      data.set(source.subarray(start, end), this.used);
      this.used += length;
    }
  }
}

/**
 * The distinct values of a column chunk, each by the first row that holds it, in an
 * open-addressing table sized for the rows given to `reset` (never more than half full).
 */
class Distinct {
  private slots = new Int32Array(1 << 12);
  /** Entry e's first row and its hash. */
  rows = new Int32Array(1 << 11);
  private hashes = new Uint32Array(1 << 11);
  count = 0;

  reset(capacity: number): void {
    let size = this.slots.length;
    while (size < 2 * capacity) size *= 2;
    if (size > this.slots.length) this.slots = new Int32Array(size);
    else this.slots.fill(0);
    if (capacity > this.rows.length) {
      this.rows = new Int32Array(capacity);
      this.hashes = new Uint32Array(capacity);
    }
    this.count = 0;
  }

  /** The entry of the row's value, made when the value is new (count grows). */
  entry(values: ColumnValues, row: number): number {
    const bytes = values.bytes;
    const start = values.start(row);
    const end = values.end(row);
    const hash = hashBytes(bytes, start, end);
    const slots = this.slots;
    const mask = slots.length - 1;
    let slot = hash & mask;
    for (;;) {
      const entry = slots[slot]! - 1;
      if (entry < 0) break;
      if (this.hashes[entry] === hash && sameBytes(values, this.rows[entry]!, start, end)) return entry;
      slot = (slot + 1) & mask;
    }
    const entry = this.count++;
    slots[slot] = entry + 1;
    this.rows[entry] = row;
    this.hashes[entry] = hash;
    return entry;
  }
}

function sameBytes(values: ColumnValues, row: number, start: number, end: number): boolean {
  const bytes = values.bytes;
  const from = values.start(row);
  if (values.end(row) - from !== end - start) return false;
  for (let i = start, j = from; i < end; i++, j++) if (bytes[i] !== bytes[j]) return false;
  return true;
}

/**
 * Writes one column of a row group as a Parquet column chunk: a dictionary page when a dictionary
 * pays, then data pages (v2, Snappy), the file hyparquet-writer's `writeColumn` writes byte for
 * byte, with its page headers, level and index encodings and Snappy, but from values kept as
 * bytes (ColumnValues) in buffers kept from group to group: that writer takes a JavaScript value per
 * cell and makes arrays, maps and views per value, 4 KB of garbage a cleaned row.
 */
export class ColumnChunkWriter {
  private readonly levels = new ByteWriter(1 << 12);
  private readonly indexPage = new ByteWriter(1 << 12);
  private readonly plain = new Bytes();
  private readonly distinct = new Distinct();
  /** Per value (nulls left out), its dictionary entry. */
  private indexes = new Int32Array(1 << 12);
  /** Of the values before the page being written. */
  private valuesBefore = 0;

  write(out: ByteWriter, values: ColumnValues, element: SchemaElement): ColumnChunk {
    const rows = values.rows;
    const start = out.offset;
    const dictionary = this.dictionary(values);
    const encodings: Array<'PLAIN' | 'RLE_DICTIONARY'> = ['PLAIN'];
    let uncompressed = 0;
    let dictionaryOffset: bigint | undefined;
    if (dictionary) {
      dictionaryOffset = BigInt(out.offset);
      uncompressed += this.writeDictionaryPage(out, values);
      encodings.push('RLE_DICTIONARY');
    }
    const dataOffset = BigInt(out.offset);
    this.valuesBefore = 0;
    let from = 0;
    let bytes = 0;
    for (let row = 0; row < rows; row++) {
      const size = values.defined[row] === 0 ? 0 : dictionary ? 4 : values.end(row) - values.start(row);
      bytes += size;
      if (bytes >= PAGE_SIZE && row > from) {
        uncompressed += this.writeDataPage(out, values, from, row, dictionary);
        from = row;
        bytes = size;
      }
    }
    if (from < rows) uncompressed += this.writeDataPage(out, values, from, rows, dictionary);
    return {
      file_offset: BigInt(start),
      meta_data: {
        type: element.type!,
        encodings,
        path_in_schema: [element.name],
        codec: 'SNAPPY',
        num_values: BigInt(rows),
        total_uncompressed_size: BigInt(uncompressed),
        total_compressed_size: BigInt(out.offset - start),
        data_page_offset: dataOffset,
        dictionary_page_offset: dictionaryOffset,
      },
    };
  }

  /**
   * Whether the column is written with a dictionary (then `distinct` and `indexes` hold it), by
   * hyparquet-writer's rule: a sample first, then the whole column, whose dictionary and indexes
   * must take at most half the bytes of its PLAIN values.
   */
  private dictionary(values: ColumnValues): boolean {
    const rows = values.rows;
    const prefix = values.width === 0 ? 4 : 0;
    const sample = Math.min(rows, SAMPLE);
    const distinct = this.distinct;
    distinct.reset(sample);
    let sampleDistinct = 0;
    let sampleTotal = 0;
    for (let i = 0; i < sample; i++) {
      const row = sample === 1 ? 0 : Math.floor((i * (rows - 1)) / (sample - 1));
      // A null adds nothing to either sum.
      if (values.defined[row] === 0) continue;
      const size = values.end(row) - values.start(row) + prefix;
      const seen = distinct.count;
      if (distinct.entry(values, row) === seen) sampleDistinct += size;
      sampleTotal += size;
    }
    if (sampleTotal === 0 || sampleDistinct / sampleTotal > SAMPLE_REJECTION) return false;

    const present = rows - values.nulls;
    const plainSize = values.valueBytes + present * prefix;
    distinct.reset(present);
    if (this.indexes.length < present) this.indexes = new Int32Array(present);
    let dictionarySize = 0;
    for (let row = 0, k = 0; row < rows; row++) {
      if (values.defined[row] === 0) continue;
      const seen = distinct.count;
      const entry = distinct.entry(values, row);
      this.indexes[k++] = entry;
      if (entry !== seen) continue;
      dictionarySize += values.end(row) - values.start(row) + prefix;
      // It cannot halve the values any more.
      if (2 * dictionarySize > plainSize) return false;
    }
    const bitWidth = Math.ceil(Math.log2(distinct.count));
    const indexSize = Math.ceil((present * bitWidth) / 8);
    return 2 * (dictionarySize + indexSize) <= plainSize;
  }

  private writeDictionaryPage(out: ByteWriter, values: ColumnValues): number {
    const plain = this.plain;
    plain.used = 0;
    for (let entry = 0; entry < this.distinct.count; entry++) plain.value(values, this.distinct.rows[entry]!);
    const bytes = plain.data.subarray(0, plain.used);
    const compressed = snappyCompress(bytes);
    return this.page(out, { type: 'DICTIONARY_PAGE', uncompressed_page_size: bytes.length, compressed_page_size: compressed.length, dictionary_page_header: { num_values: this.distinct.count, encoding: 'PLAIN' } }, null, bytes.length, compressed);
  }

  /** Rows [from, to) as one data page; the bytes it takes uncompressed, header included. */
  private writeDataPage(out: ByteWriter, values: ColumnValues, from: number, to: number, dictionary: boolean): number {
    const levels = this.levels;
    levels.index = levels.offset = 0;
    const levelBytes = writeRleBitPackedHybrid(levels, values.defined.subarray(from, to), 1);
    let nulls = 0;
    for (let row = from; row < to; row++) nulls += 1 - values.defined[row]!;
    const present = to - from - nulls;
    let page: Uint8Array;
    if (dictionary) {
      const indexes = this.indexes.subarray(this.valuesBefore, this.valuesBefore + present);
      let max = 0;
      for (let k = 0; k < indexes.length; k++) if (indexes[k]! > max) max = indexes[k]!;
      const bitWidth = Math.ceil(Math.log2(max + 1));
      const writer = this.indexPage;
      writer.index = writer.offset = 0;
      writer.appendUint8(bitWidth);
      writeRleBitPackedHybrid(writer, indexes, bitWidth);
      page = writer.getBytes();
    } else if (nulls === 0 && values.width > 0) {
      page = values.bytes.subarray(from * values.width, to * values.width);
    } else {
      const plain = this.plain;
      plain.used = 0;
      for (let row = from; row < to; row++) if (values.defined[row] === 1) plain.value(values, row);
      page = plain.data.subarray(0, plain.used);
    }
    this.valuesBefore += present;
    const compressed = snappyCompress(page);
    const header: PageHeader = {
      type: 'DATA_PAGE_V2',
      uncompressed_page_size: levelBytes + page.length,
      compressed_page_size: levelBytes + compressed.length,
      data_page_header_v2: {
        num_values: to - from,
        num_nulls: nulls,
        num_rows: to - from,
        encoding: dictionary ? 'RLE_DICTIONARY' : 'PLAIN',
        definition_levels_byte_length: levelBytes,
        repetition_levels_byte_length: 0,
        is_compressed: true,
      },
    };
    return this.page(out, header, levels.getBytes(), levelBytes + page.length, compressed);
  }

  /** A page: its header, its levels (data pages v2 keep them uncompressed) and its compressed values. */
  private page(out: ByteWriter, header: PageHeader, levels: Uint8Array | null, size: number, compressed: Uint8Array): number {
    const headerStart = out.offset;
    writePageHeader(out, header);
    const headerSize = out.offset - headerStart;
    if (levels !== null) out.appendBytes(levels);
    out.appendBytes(compressed);
    return headerSize + size;
  }
}
