import { PipelineError } from '../errors.ts';

const QUOTE = 0x22;
const NEWLINE = 0x0a;
const NON_SPACE = /\S/g;

/** What PapaParse's extraSpaces() counts: the length of [from, to) when all of it is whitespace. */
function spacesBetween(text: string, from: number, to: number): number {
  if (to <= from) return 0;
  return text.slice(from, to).trim() === '' ? to - from : 0;
}

function onlySpacesFrom(text: string, from: number): boolean {
  NON_SPACE.lastIndex = from;
  return !NON_SPACE.test(text);
}

/**
 * Cuts a stream of text (line breaks already LF) into pieces that end on record boundaries, so
 * that PapaParse reads every piece into exactly the records it would read from the whole text.
 * It follows PapaParse's own quote rules (a quote opens a field only at its start; a closing quote
 * must be followed by optional whitespace and a delimiter or line break, else it is text), which
 * is how chunk size and worker count cannot change any output.
 */
export class RecordSplitter {
  /**
   * The start of an unfinished record, left by take(), kept apart from `text` while the scan is
   * outside quotes: joining it to each new piece would copy the piece, and large copies are slow.
   */
  private head = '';
  private text = '';
  /** Where scanning resumes. */
  private pos = 0;
  /** Inside a quoted field: the last quote looked at; -1 outside quotes. */
  private quote = -1;
  /** End of the last complete record in `text`. */
  private boundary = 0;
  /** Characters handed out before `text` starts. */
  private handedOut = 0;

  constructor(
    private readonly delimiter: string,
    private readonly maxRecordChars: number,
  ) {
    if (delimiter.length !== 1) throw new PipelineError('INVALID_OPTIONS', `The delimiter must be one character, not "${delimiter}".`);
  }

  /** Adds text and finds the record boundaries in it. */
  push(piece: string): void {
    if (this.head === '' && this.quote < 0 && this.pos === this.text.length && this.boundary === 0 && this.text.length > 0) {
      // Outside quotes at the end of what came before: scan the new piece on its own.
      this.head = this.text;
      this.text = piece;
      this.pos = 0;
    } else {
      this.text = this.head + this.text + piece;
      this.pos += this.head.length;
      if (this.quote >= 0) this.quote += this.head.length;
      if (this.boundary > 0) this.boundary += this.head.length;
      this.head = '';
    }
    this.scan();
    if (this.head.length + this.text.length - this.boundary > this.maxRecordChars) {
      throw new PipelineError(
        'RECORD_TOO_LARGE',
        `A record starting ${this.handedOut + this.ready} characters into the file is longer than the limit of ${this.maxRecordChars} characters, usually because a quote is never closed. Check the quoting near there, or raise max_record_bytes.`,
      );
    }
  }

  /** Characters of complete records waiting to be taken. */
  get ready(): number {
    return this.boundary === 0 ? 0 : this.head.length + this.boundary;
  }

  /** Takes every complete record so far (possibly ''). */
  take(): string {
    const cut = this.boundary;
    if (cut === 0) return '';
    const out = this.head + this.text.slice(0, cut);
    this.handedOut += this.head.length + cut;
    this.head = '';
    this.text = this.text.slice(cut);
    this.pos -= cut;
    if (this.quote >= 0) this.quote -= cut;
    this.boundary = 0;
    return out;
  }

  /** At the end of the input: the rest, complete or not. */
  end(): string {
    const rest = this.head + this.text;
    this.head = '';
    this.text = '';
    this.pos = this.boundary = 0;
    this.quote = -1;
    this.handedOut += rest.length;
    return rest;
  }

  private scan(): void {
    const text = this.text;
    const n = text.length;
    const delim = this.delimiter;
    const delimCode = delim.charCodeAt(0);
    let pos = this.pos;
    for (;;) {
      if (this.quote < 0) {
        const q = text.indexOf('"', pos);
        const end = q < 0 ? n : q;
        const nl = text.indexOf('\n', pos);
        if (nl >= 0 && nl < end) this.boundary = text.lastIndexOf('\n', end - 1) + 1;
        if (q < 0) {
          pos = n;
          break;
        }
        const before = q > 0 ? text.charCodeAt(q - 1) : this.head.length > 0 ? this.head.charCodeAt(this.head.length - 1) : NEWLINE;
        if (before === NEWLINE || before === delimCode) this.quote = q;
        pos = q + 1;
        continue;
      }
      // Inside a quoted field, as PapaParse's parse loop decides it.
      const close = text.indexOf('"', this.quote + 1);
      if (close < 0 || close === n - 1) break;
      if (text.charCodeAt(close + 1) === QUOTE) {
        this.quote = close + 1;
        continue;
      }
      const nextDelim = text.indexOf(delim, close + 1);
      const nextNewline = text.indexOf('\n', close + 1);
      // Whitespace then a line break may yet follow: wait for more text.
      if (nextNewline < 0 && onlySpacesFrom(text, close + 1)) break;
      // Math.min(-1, x) is -1 in PapaParse too: no delimiter ahead means no spaces are skipped.
      const checkUpTo = nextNewline < 0 ? nextDelim : Math.min(nextDelim, nextNewline);
      const toDelim = close + 1 + spacesBetween(text, close + 1, checkUpTo);
      if (text.startsWith(delim, toDelim)) {
        this.quote = -1;
        pos = toDelim + 1;
        continue;
      }
      const toNewline = close + 1 + spacesBetween(text, close + 1, nextNewline);
      if (text.charCodeAt(toNewline) === NEWLINE) {
        this.quote = -1;
        pos = toNewline + 1;
        this.boundary = pos;
        continue;
      }
      // A quote followed by text is taken as text (PapaParse's InvalidQuotes): search on.
      this.quote = close + 1;
    }
    this.pos = pos;
  }
}
