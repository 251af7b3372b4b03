import { takeBuffer } from '../bufferPool.ts';
import { isAsciiSpace, isBlankBytes } from '../clean/asciiCells.ts';
import { PipelineError } from '../errors.ts';
import { LineScanner } from './lineScan.ts';
import { forEachRecord, isBlankRecord, toLf } from './records.ts';

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const NO_QUOTE = -1;
const WAITS = -2;


/** Whole records cut from the stream, with where they start in it. */
export interface BytePiece {
  bytes: Uint8Array;
  /** Bytes of the stream before this piece. */
  offset: number;
  /** Records in the piece, blank lines not counted: row numbers are known before parsing. */
  records: number;
}

/**
 * Cuts a byte stream of ASCII-compatible text (UTF-8 or windows-1252) into pieces of whole
 * records, at least `pieceSize` bytes each where the stream allows, so that PapaParse reads every
 * piece, decoded and with its line breaks made LF, into exactly the records it would read from the
 * whole text. It follows PapaParse's own quote rules (a quote opens a field only at its start; a
 * closing quote must be followed by optional whitespace and a delimiter or line break, else it is
 * text), which is how chunk size and worker count cannot change any output. CRLF and lone CR are
 * line breaks too, and a piece never ends between a CR and its LF.
 *
 * It works on bytes, not text, so that decoding (the costly part) happens in the workers. Between
 * quotes a WebAssembly scan counts the records (lineScan.ts); quoted fields, and every record
 * where WebAssembly cannot run, are read here with indexOf.
 */
export class ByteRecordSplitter {
  private buf = new Uint8Array(0);
  /** The first byte not yet handed out. */
  private start = 0;
  private used = 0;
  /** Where scanning resumes, outside quotes. */
  private pos = 0;
  /** Inside a quoted field: the last quote looked at; -1 outside quotes. */
  private quote = -1;
  /** End of the last complete record found. */
  private boundary = 0;
  /** Where the record being read starts. */
  private recordStart = 0;
  /** Where the piece being gathered starts, its records so far, and the pieces ready to go. */
  private pieceStart = 0;
  private records = 0;
  private readonly cuts: Array<{ end: number; records: number }> = [];
  /** Bytes of the stream before buf[0]. */
  private base = 0;
  /** Whether any CR has been seen: until one is, line breaks are looked for as LF alone. */
  private cr = false;
  private readonly delimiter: number;

  constructor(
    delimiter: string,
    private readonly pieceSize: number,
    private readonly maxRecordBytes: number,
    /** Decodes a few bytes to tell whether they are whitespace beyond ASCII (a no-break space, say). */
    private readonly decoder: { decode(bytes: Uint8Array): string },
    /** The buffer's home where WebAssembly runs: it counts plain records many times faster. */
    private readonly scanner: LineScanner | null = LineScanner.create(),
  ) {
    if (delimiter.length !== 1 || delimiter.charCodeAt(0) > 0x7f || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
      throw new PipelineError('INVALID_OPTIONS', `The delimiter must be one ASCII character other than a quote or a line break, not ${JSON.stringify(delimiter)}.`);
    }
    this.delimiter = delimiter.charCodeAt(0);
    // The scanner looks for CRs anyway: telling whether any came would cost a pass of its own.
    if (this.scanner !== null) this.cr = true;
  }

  push(bytes: Uint8Array): void {
    if (this.used + bytes.length > this.buf.length) this.makeRoom(bytes.length);
    this.buf.set(bytes, this.used);
    if (!this.cr && bytes.indexOf(CR) >= 0) this.cr = true;
    this.used += bytes.length;
    this.scan();
    // The record being read may be too long already: say so now, not at the end of the file.
    this.checkLength(this.used);
  }

  /** Fails when the record being read, up to `end`, is longer than the limit. */
  private checkLength(end: number): void {
    if (end - this.recordStart <= this.maxRecordBytes) return;
    throw new PipelineError(
      'RECORD_TOO_LARGE',
      `A record starting at byte ${this.base + this.recordStart} of the file is longer than the limit of ${this.maxRecordBytes} bytes (max_record_bytes). A quote that is never closed makes one record of the rest of the file: check the quoting near there, or raise max_record_bytes.`,
      { byteOffset: this.base + this.recordStart },
    );
  }

  /** The next piece of whole records, or null until one is ready. */
  take(): BytePiece | null {
    const cut = this.cuts.shift();
    return cut === undefined ? null : this.hand(cut.end, cut.records);
  }

  /** Every complete record found so far, whatever its size, or null when there is none. */
  takeComplete(): BytePiece | null {
    if (this.boundary <= this.start) return null;
    const records = this.cuts.reduce((n, cut) => n + cut.records, 0) + this.records;
    this.cuts.length = 0;
    this.pieceStart = this.boundary;
    this.records = 0;
    return this.hand(this.boundary, records);
  }

  /** At the end of the stream: the pieces still held, the last one complete or not. */
  end(): BytePiece[] {
    const pieces: BytePiece[] = [];
    for (let piece = this.take(); piece !== null; piece = this.take()) pieces.push(piece);
    // Whatever follows the last line break is one record: a quote left open takes it all.
    if (this.used > this.recordStart && !this.blankRecord(this.recordStart, this.used, this.used)) this.records++;
    if (this.used > this.start) pieces.push(this.hand(this.used, this.records));
    this.pos = this.boundary = this.pieceStart = this.recordStart = this.used;
    this.records = 0;
    this.quote = -1;
    return pieces;
  }

  private hand(cut: number, records: number): BytePiece {
    const bytes = takeBuffer(cut - this.start).subarray(0, cut - this.start);
    bytes.set(this.buf.subarray(this.start, cut));
    const piece = { bytes, offset: this.base + this.start, records };
    this.start = cut;
    return piece;
  }

  /** Moves what is not handed out yet to the front of a buffer with room for `more` bytes. */
  private makeRoom(more: number): void {
    const live = this.used - this.start;
    const shift = this.start;
    if (live + more <= this.buf.length) this.buf.copyWithin(0, shift, this.used);
    else {
      // Doubling: a record longer than a piece grows the buffer in a few steps, not one copy per read.
      const size = Math.max(live + more, 2 * live, this.pieceSize + (this.pieceSize >> 2), 1 << 16);
      if (this.scanner === null) {
        const bigger = new Uint8Array(size);
        bigger.set(this.buf.subarray(shift, this.used));
        this.buf = bigger;
      } else {
        // The memory grows in place: what it held is still where it was.
        this.buf = this.scanner.buffer(size);
        this.buf.copyWithin(0, shift, this.used);
      }
    }
    this.base += shift;
    this.start = 0;
    this.used = live;
    this.pos -= shift;
    if (this.quote >= 0) this.quote -= shift;
    this.boundary -= shift;
    this.recordStart -= shift;
    this.pieceStart -= shift;
    for (const cut of this.cuts) cut.end -= shift;
  }

  private find(byte: number, from: number, to: number): number {
    if (from >= to) return -1;
    const at = this.buf.indexOf(byte, from);
    return at < 0 || at >= to ? -1 : at;
  }

  /** The first line break in [from, to): where it starts; -1 if none. */
  private lineBreak(from: number, to: number): number {
    const lf = this.find(LF, from, to);
    if (!this.cr) return lf;
    // A loop, not indexOf, which would search on past the LF to the end of the buffer.
    const end = lf < 0 ? to : lf;
    for (let at = from; at < end; at++) if (this.buf[at] === CR) return at;
    return lf;
  }

  /** Where the record ends whose line break starts at `at`; -1 while a CR at the end of the data may yet be followed by an LF. */
  private afterBreak(at: number): number {
    if (this.buf[at] === LF) return at + 1;
    if (at + 1 >= this.used) return -1;
    return this.buf[at + 1] === LF ? at + 2 : at + 1;
  }

  /**
   * Notes the record boundaries in [from, to), which is outside quotes. False when the data ends
   * in a CR, which may yet be followed by an LF: it is looked at again when more comes.
   */
  private boundariesIn(from: number, to: number): boolean {
    const waits = this.cr && to === this.used && to > from && this.buf[to - 1] === CR;
    if (waits) to--;
    for (let at = this.lineBreak(from, to); at >= 0; ) {
      const end = this.afterBreak(at);
      this.recordEnds(at, end);
      at = this.lineBreak(end, to);
    }
    return !waits;
  }

  /**
   * The record boundaries from `from` to the next quote that may open a field, the scanner
   * counting plain records and this taking each other break: where that quote is, NO_QUOTE when
   * there is none, or WAITS when the data ends in a CR, which may yet be followed by an LF.
   */
  private scanTo(scanner: LineScanner, from: number): number {
    const max = Math.min(this.maxRecordBytes, 0xffffffff);
    for (let at = from; ; ) {
      const stop = scanner.scan(at, this.used, this.pieceStart + this.pieceSize, max, this.recordStart);
      if (scanner.count > 0) {
        this.records += scanner.count;
        this.recordStart = this.boundary = scanner.recordStart;
      }
      if (stop < 0) return NO_QUOTE;
      if (this.buf[stop] === QUOTE) return stop;
      at = this.afterBreak(stop);
      if (at < 0) return WAITS;
      this.recordEnds(stop, at);
    }
  }

  /** The same in JavaScript, one `indexOf` a line. */
  private findTo(from: number): number {
    const q = this.find(QUOTE, from, this.used);
    if (!this.boundariesIn(from, q < 0 ? this.used : q)) return WAITS;
    return q < 0 ? NO_QUOTE : q;
  }

  /** A record ends with the line break at [at, end): count it, and end the piece there once it is big enough. */
  private recordEnds(at: number, end: number): void {
    this.checkLength(at);
    if (!this.blankRecord(this.recordStart, at, end)) this.records++;
    this.recordStart = this.boundary = end;
    if (end - this.pieceStart >= this.pieceSize) {
      this.cuts.push({ end, records: this.records });
      this.pieceStart = end;
      this.records = 0;
    }
  }

  /**
   * Whether the record [from, to), its line break up to `end`, is one the workers skip as a blank
   * line. Most records show they are not at their first byte; the few made of nothing but
   * whitespace and quotes are decoded and parsed, to ask exactly what the workers will.
   */
  private blankRecord(from: number, to: number, end: number): boolean {
    for (let i = from; i < to; i++) {
      const b = this.buf[i]!;
      if (b < 0x80 && b !== QUOTE && !isAsciiSpace(b)) return false;
    }
    let blank = true;
    const text = toLf(this.decoder.decode(this.buf.subarray(from, end)));
    // With its line break, the record reads as itself and a blank line after it.
    forEachRecord(text, String.fromCharCode(this.delimiter), (fields, quoteError) => (blank &&= isBlankRecord(fields, quoteError)));
    return blank;
  }

  /** Bytes [from, to) that String.prototype.trim would remove entirely, as PapaParse's extraSpaces() counts them. */
  private spacesBetween(from: number, to: number): number {
    if (to <= from) return 0;
    return this.blank(from, to) ? to - from : 0;
  }

  private blank(from: number, to: number): boolean {
    return isBlankBytes(this.buf, from, to, (bytes, start, end) => this.decoder.decode(bytes.subarray(start, end)));
  }

  private scan(): void {
    const buf = this.buf;
    const n = this.used;
    const delim = this.delimiter;
    let pos = this.pos;
    for (;;) {
      if (this.quote < 0) {
        const q = this.scanner === null ? this.findTo(pos) : this.scanTo(this.scanner, pos);
        if (q === WAITS) {
          // A CR ends the data: scan on from it when more comes.
          pos = n - 1;
          break;
        }
        if (q === NO_QUOTE) {
          pos = n;
          break;
        }
        const before = q > 0 ? buf[q - 1] : LF;
        if (before === LF || before === CR || before === delim) this.quote = q;
        pos = q + 1;
        continue;
      }
      // Inside a quoted field, as PapaParse's parse loop decides it.
      const close = this.find(QUOTE, this.quote + 1, n);
      if (close < 0 || close === n - 1) break;
      if (buf[close + 1] === QUOTE) {
        this.quote = close + 1;
        continue;
      }
      const nextDelim = this.find(delim, close + 1, n);
      const nextBreak = this.lineBreak(close + 1, n);
      // Whitespace then a line break may yet follow: wait for more. Bytes beyond ASCII at the
      // end may be a character cut short, so they wait too.
      if (nextBreak < 0 && this.blank(close + 1, this.beforeCutCharacter(close + 1))) break;
      // Math.min(-1, x) is -1 in PapaParse too: no delimiter ahead means no spaces are skipped.
      const checkUpTo = nextBreak < 0 ? nextDelim : Math.min(nextDelim, nextBreak);
      const toDelim = close + 1 + this.spacesBetween(close + 1, checkUpTo);
      if (toDelim < n && buf[toDelim] === delim) {
        this.quote = -1;
        pos = toDelim + 1;
        continue;
      }
      const toBreak = close + 1 + this.spacesBetween(close + 1, nextBreak);
      if (nextBreak >= 0 && toBreak === nextBreak) {
        const end = this.afterBreak(toBreak);
        if (end < 0) break;
        this.quote = -1;
        pos = end;
        this.recordEnds(toBreak, end);
        continue;
      }
      // A quote followed by text is taken as text (PapaParse's InvalidQuotes): search on.
      this.quote = close + 1;
    }
    this.pos = pos;
  }

  /** The end of the data, less its last character when that is cut short (its lead byte asks for more bytes than came). */
  private beforeCutCharacter(from: number): number {
    const end = this.used;
    let lead = end - 1;
    while (lead > from && lead > end - 4 && (this.buf[lead]! & 0xc0) === 0x80) lead--;
    const b = this.buf[lead]!;
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return lead >= from && end - lead < length ? lead : end;
  }
}
