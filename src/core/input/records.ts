import Papa from 'papaparse';

/** CRLF and lone CR become LF (in whole records: a record never ends between the two). */
export const toLf = (text: string): string => (text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text);

/** A record's fields, whether PapaParse found its quoting broken, and where it is in the text. */
export type RecordVisitor = (fields: string[], quoteError: boolean, start: number, end: number) => void;

/**
 * Calls back with every record of a chunk of whole records (line breaks LF), in order, as
 * PapaParse reads them. A line without a quote is split on the delimiter, which is all PapaParse's
 * own fast mode does with it; from a line with a quote, PapaParse's full parser reads on until a
 * record ends before a line without one. Most lines of real exports have no quote, and splitting
 * them is several times faster than the parser's character loop.
 */
export function forEachRecord(text: string, delimiter: string, visit: RecordVisitor): void {
  const n = text.length;
  let at = 0;
  let quote = text.indexOf('"');
  while (at < n) {
    if (quote >= 0 && quote < at) quote = text.indexOf('"', at);
    let end = text.indexOf('\n', at);
    if (end < 0) end = n;
    if (quote < 0 || quote > end) {
      visit(text.slice(at, end).split(delimiter), false, at, end);
      at = end + 1;
    } else at = parseQuoted(text, at, delimiter, visit);
  }
}

/** Reads records from `from` with PapaParse's full parser while they have quotes; where it stopped. */
function parseQuoted(text: string, from: number, delimiter: string, visit: RecordVisitor): number {
  let next = from;
  Papa.parse<string[]>(from === 0 ? text : text.slice(from), {
    delimiter,
    newline: '\n',
    quoteChar: '"',
    escapeChar: '"',
    fastMode: false,
    step: ({ data, errors, meta }, parser) => {
      const start = next;
      next = from + meta.cursor;
      visit(data, errors.length > 0, start, next);
      const end = text.indexOf('\n', next);
      const quote = text.indexOf('"', next);
      if (quote < 0 || (end >= 0 && quote > end)) parser.abort();
    },
  });
  return next;
}

/** An entirely blank line: one field, empty or whitespace, read without quoting trouble. Skipped and not counted. */
export const isBlankRecord = (fields: readonly string[], quoteError: boolean): boolean =>
  !quoteError && fields.length === 1 && fields[0]!.trim() === '';
