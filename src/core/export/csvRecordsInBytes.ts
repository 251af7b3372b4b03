import { giveBuffer } from '../bufferPool.ts';
import { ByteRecordReader } from '../input/ByteRecordReader.ts';

const LF = 0x0a;
const QUOTE = 0x22;

/**
 * Cuts blocks of a CSV file this app wrote (fields quoted when they hold a quote, a comma or a
 * line break) into whole records: each push gives the bytes up to the last line break outside
 * quotes, and keeps the rest for the next. The bytes given are good until the next push.
 */
class WholeRecords {
  private buffer = new Uint8Array(1 << 16);
  private used = 0;
  /** Where the last push cut: what lies before it was given out. */
  private cut = 0;
  /** How far the bytes were scanned, and whether that point is inside quotes. */
  private scanned = 0;
  private quoted = false;

  push(block: Uint8Array): Uint8Array {
    const rest = this.used - this.cut;
    this.buffer.copyWithin(0, this.cut, this.used);
    this.scanned -= this.cut;
    if (rest + block.length > this.buffer.length) {
      const bigger = new Uint8Array(Math.max(rest + block.length, 2 * this.buffer.length));
      bigger.set(this.buffer.subarray(0, rest));
      this.buffer = bigger;
    }
    this.buffer.set(block, rest);
    this.used = rest + block.length;
    this.cut = 0;
    const buffer = this.buffer;
    let quoted = this.quoted;
    for (let i = this.scanned; i < this.used; i++) {
      const b = buffer[i];
      if (b === QUOTE) quoted = !quoted;
      else if (b === LF && !quoted) this.cut = i + 1;
    }
    this.scanned = this.used;
    this.quoted = quoted;
    return buffer.subarray(0, this.cut);
  }

  /** Whether every byte pushed was given out: the file ended after a whole record. */
  ended(): boolean {
    return this.used === this.cut;
  }
}

/** A record in bytes: cell i is bytes[starts[i], ends[i]). */
export type CsvRecordVisitor = (bytes: Uint8Array, starts: Int32Array, ends: Int32Array, count: number) => void;

/**
 * Calls back with every record of a CSV file this app wrote, read in bytes from blocks of any
 * size, as ByteRecordReader reads a chunk (a quoted line break comes as LF; no cell the app
 * writes holds a CR). Yields after each block's records, so that a caller can give out what they made.
 * `handsOver`: the blocks are the caller's own (no buffer the source fills again), so once copied
 * they go to the buffer pool, for the reader to fill again.
 */
export async function* csvRecordsInBytes(blocks: AsyncIterable<Uint8Array>, visit: CsvRecordVisitor, handsOver = false): AsyncGenerator<void> {
  const reader = new ByteRecordReader(',', () => {
    throw new Error('The file is not valid UTF-8.');
  });
  const records = new WholeRecords();
  const visitRecord: CsvRecordVisitor = (bytes, starts, ends, count) => {
    // PapaParse, reading a record with a quoted line break, gives an empty one after it.
    if (count !== 1 || starts[0] !== ends[0]) visit(bytes, starts, ends, count);
  };
  for await (const block of blocks) {
    const whole = records.push(block);
    if (handsOver) giveBuffer(block.buffer);
    reader.read(whole, visitRecord);
    yield;
  }
  if (!records.ended()) throw new Error('The file ends inside a record: it was cut short.');
}
