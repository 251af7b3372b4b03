import { parseCsvRecord } from '../output/readRowsCsv.ts';

const QUOTE = '"';

/** One record's cells, its line break already cut off; most records hold no quote. */
const cells = (line: string): string[] => (line.includes(QUOTE) ? parseCsvRecord(line) : line.split(','));

/**
 * The records of a CSV file this app wrote (a header, then rows; CRLF after each; fields quoted
 * when they hold a comma, a quote or a line break), read from its bytes in blocks of any size.
 */
export async function* csvRecords(blocks: AsyncIterable<Uint8Array>): AsyncGenerator<string[]> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let text = '';
  const take = function* (final: boolean): Generator<string[]> {
    let start = 0;
    let from = 0;
    let open = 0;
    // Found once and moved past as lines are read: most files hold no quote at all.
    let quote = text.indexOf(QUOTE);
    for (;;) {
      const lf = text.indexOf('\n', from);
      if (lf === -1) break;
      // A line break inside quotes (an odd count so far) belongs to the field.
      for (; quote !== -1 && quote < lf; quote = text.indexOf(QUOTE, quote + 1)) open++;
      from = lf + 1;
      if (open % 2 === 1) continue;
      yield cells(text.slice(start, lf > start && text.charCodeAt(lf - 1) === 13 ? lf - 1 : lf));
      start = from;
      open = 0;
    }
    text = text.slice(start);
    if (final && text !== '') throw new Error('The file ends inside a record: it was cut short.');
  };
  for await (const block of blocks) {
    text += decoder.decode(block, { stream: true });
    yield* take(false);
  }
  text += decoder.decode();
  yield* take(true);
}
