import Papa from 'papaparse';
import { grown } from '../grown.ts';
import { FieldScanner } from './fieldScan.ts';
import { toLf } from './records.ts';
import { putUtf8 } from '../text/shortUtf8.ts';
import { firstInvalidUtf8 } from './utf8.ts';

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
/** readPlainQuoted's answer for a line it leaves to PapaParse. */
const NOT_PLAIN = -2;

/**
 * A record, as byte ranges: field i is bytes[starts[i], ends[i]). `high` when a field may hold
 * bytes beyond ASCII. `at` and `index` find the record again: the `index`th record read from byte
 * `at` of the chunk.
 */
export type ByteRecordVisitor = (
  bytes: Uint8Array,
  starts: Int32Array,
  ends: Int32Array,
  count: number,
  quoteError: boolean,
  high: boolean,
  at: number,
  index: number,
) => boolean | void;

/**
 * Reads the records of a chunk of whole records (UTF-8, any line breaks) as PapaParse reads them
 * from the decoded text (records.ts): a line without a quote is split on the delimiter, right in
 * the bytes, with no string made; from a line with a quote, PapaParse's full parser reads until a
 * record ends before a line without one, and its fields are encoded back into bytes, joined by
 * the delimiter as a line would be. Invalid UTF-8 stops it through `invalid`.
 */
export class ByteRecordReader {
  private starts: Int32Array = new Int32Array(64);
  private ends: Int32Array = new Int32Array(64);
  private scratch: Uint8Array = new Uint8Array(1 << 12);
  private readonly delimiter: number;
  private readonly decoder = new TextDecoder();

  constructor(
    private readonly delimiterText: string,
    /** Throws the error for invalid UTF-8 in the chunk. */
    private readonly invalid: () => never,
    /** Splits lines many times faster where WebAssembly runs. */
    private readonly scanner: FieldScanner | null = FieldScanner.create(),
  ) {
    this.delimiter = delimiterText.charCodeAt(0);
  }

  /** Calls back with each record from byte `from` on, until the end or until `visit` returns false. */
  read(bytes: Uint8Array, visit: ByteRecordVisitor, from = 0): void {
    // A whole chunk is copied for the scanner; a record read again is read here.
    const scanner = from === 0 ? this.scanner : null;
    scanner?.load(bytes);
    const n = bytes.length;
    const delim = this.delimiter;
    let at = from;
    while (at < n) {
      const stop = scanner === null ? -1 : scanner.line(at, n, delim);
      if (stop >= 0 && (stop >= n || bytes[stop] !== QUOTE)) {
        const { starts, ends, high } = scanner!;
        let count = scanner!.count;
        ends[count++] = stop;
        if (high && firstInvalidUtf8(bytes, true, at, stop) >= 0) this.invalid();
        const next = stop >= n ? n : bytes[stop] === CR && bytes[stop + 1] === LF ? stop + 2 : stop + 1;
        if (visit(bytes, starts, ends, count, false, high, at, 0) === false) return;
        at = next;
        continue;
      }
      let starts = this.starts;
      let ends = this.ends;
      let count = 0;
      let high = 0;
      let quoted = false;
      starts[0] = at;
      let i = at;
      for (; i < n; i++) {
        const b = bytes[i]!;
        if (b === delim) {
          ends[count++] = i;
          if (count + 1 >= starts.length) [starts, ends] = this.grow(count + 1);
          starts[count] = i + 1;
        } else if (b <= CR || b >= 0x80 || b === QUOTE) {
          if (b === LF || b === CR) break;
          if (b === QUOTE) {
            quoted = true;
            break;
          }
          high |= b & 0x80;
        }
      }
      if (quoted) {
        let end = this.readPlainQuoted(bytes, at, visit);
        if (end === NOT_PLAIN) end = this.readQuoted(bytes, at, visit);
        if (end < 0) return;
        at = end;
        continue;
      }
      ends[count++] = i;
      if (high !== 0 && firstInvalidUtf8(bytes, true, at, i) >= 0) this.invalid();
      const next = i >= n ? n : bytes[i] === CR && bytes[i + 1] === LF ? i + 2 : i + 1;
      if (visit(bytes, starts, ends, count, false, high !== 0, at, 0) === false) return;
      at = next;
    }
  }

  private grow(needed: number): [Int32Array, Int32Array] {
    this.starts = grown(this.starts, needed + 1);
    this.ends = grown(this.ends, needed + 1);
    return [this.starts, this.ends];
  }

  /**
   * The line at `at`, which has a quote, when every field in it is either free of quotes or
   * quoted whole ("", and no line break, inside): the unquoted fields are copied into the scratch
   * buffer, joined by the delimiter, and visited, with no string made. That is most quoted lines
   * of real exports (a comma in a name, a price), and what PapaParse reads the same way; any other
   * line (a field open across lines, a stray quote) is NOT_PLAIN, for PapaParse to read.
   * Returns where the next line starts, or -1 when `visit` asked to stop.
   */
  private readPlainQuoted(bytes: Uint8Array, at: number, visit: ByteRecordVisitor): number {
    const n = bytes.length;
    const delim = this.delimiter;
    const lf = bytes.indexOf(LF, at);
    // The unquoted fields take no more room than the line they come from.
    const out = (this.scratch = grown(this.scratch, (lf < 0 ? n : lf) - at));
    let starts = this.starts;
    let ends = this.ends;
    let count = 0;
    let used = 0;
    let high = 0;
    let i = at;
    for (;;) {
      if (count + 1 >= starts.length) [starts, ends] = this.grow(count + 1);
      starts[count] = used;
      if (i < n && bytes[i] === QUOTE) {
        for (i++; ; i++) {
          if (i >= n) return NOT_PLAIN;
          const b = bytes[i]!;
          if (b === QUOTE) {
            if (bytes[i + 1] !== QUOTE) break;
            i++;
          } else if (b === LF || b === CR) return NOT_PLAIN;
          high |= b & 0x80;
          out[used++] = b;
        }
        i++;
        if (i < n && bytes[i] !== delim && bytes[i] !== LF && bytes[i] !== CR) return NOT_PLAIN;
      } else {
        for (; i < n; i++) {
          const b = bytes[i]!;
          if (b === delim || b === LF || b === CR) break;
          if (b === QUOTE) return NOT_PLAIN;
          high |= b & 0x80;
          out[used++] = b;
        }
      }
      ends[count++] = used;
      if (i >= n || bytes[i] !== delim) break;
      out[used++] = delim;
      i++;
    }
    if (high !== 0 && firstInvalidUtf8(bytes, true, at, i) >= 0) this.invalid();
    const next = i >= n ? n : bytes[i] === CR && bytes[i + 1] === LF ? i + 2 : i + 1;
    return visit(out, starts, ends, count, false, high !== 0, at, 0) === false ? -1 : next;
  }

  /**
   * Records from the line at `at`, which has a quote, read by PapaParse up to the start of a line
   * without quotes where no quoted field is left open (the text is doubled until one is found, or
   * the chunk ends). Returns where reading goes on, or -1 when `visit` asked to stop.
   */
  private readQuoted(bytes: Uint8Array, at: number, visit: ByteRecordVisitor): number {
    let end = this.quoteFreeLineAfter(bytes, at);
    let records = this.parse(bytes, at, end);
    while (records === null) {
      end = this.quoteFreeLineAfter(bytes, Math.max(end, at + 2 * (end - at)));
      records = this.parse(bytes, at, end);
    }
    for (let index = 0; index < records.length; index++) {
      const [fields, quoteError] = records[index]!;
      if (this.visitFields(fields, quoteError, at, index, visit) === false) return -1;
    }
    return end;
  }

  /** The start of the first line at or after the line following `from` that has no quote; the end if none. */
  private quoteFreeLineAfter(bytes: Uint8Array, from: number): number {
    const n = bytes.length;
    let at = this.lineAfter(bytes, from);
    while (at < n) {
      const next = this.lineAfter(bytes, at);
      const quote = bytes.indexOf(QUOTE, at);
      if (quote < 0 || quote >= next) return at;
      at = next;
    }
    return n;
  }

  /** Where the line after the one holding byte `from` starts. */
  private lineAfter(bytes: Uint8Array, from: number): number {
    const n = bytes.length;
    let lf = bytes.indexOf(LF, from);
    if (lf < 0) lf = n;
    const cr = bytes.subarray(from, lf).indexOf(CR);
    if (cr < 0) return Math.min(lf + 1, n);
    const at = from + cr;
    return bytes[at + 1] === LF ? at + 2 : at + 1;
  }

  /** PapaParse's records of bytes [from, to); null when the text ends inside a quoted field before the chunk does. */
  private parse(bytes: Uint8Array, from: number, to: number): Array<[string[], boolean]> | null {
    const region = bytes.subarray(from, to);
    if (firstInvalidUtf8(region, true) >= 0) this.invalid();
    const records: Array<[string[], boolean]> = [];
    let open = false;
    Papa.parse<string[]>(toLf(this.decoder.decode(region)), {
      delimiter: this.delimiterText,
      newline: '\n',
      quoteChar: '"',
      escapeChar: '"',
      fastMode: false,
      step: ({ data, errors }) => {
        records.push([data, errors.length > 0]);
        if (errors.some((e) => e.code === 'MissingQuotes')) open = true;
      },
    });
    return open && to < bytes.length ? null : records;
  }

  /** A parsed record's fields written into the scratch buffer, joined by the delimiter, then visited. */
  private visitFields(fields: string[], quoteError: boolean, at: number, index: number, visit: ByteRecordVisitor): boolean | void {
    let size = fields.length;
    for (const field of fields) size += 3 * field.length;
    const out = (this.scratch = grown(this.scratch, size));
    const [starts, ends] = this.grow(fields.length);
    let used = 0;
    let high = false;
    for (let k = 0; k < fields.length; k++) {
      if (k > 0) out[used++] = this.delimiter;
      const field = fields[k]!;
      starts[k] = used;
      used = putUtf8(out, used, field);
      if (used - starts[k]! !== field.length) high = true;
      ends[k] = used;
    }
    return visit(out, starts, ends, fields.length, quoteError, high, at, index);
  }
}
