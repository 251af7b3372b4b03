import Papa from 'papaparse';
import { CellReader } from '../clean/CellReader.ts';
import { planColumns } from '../input/header.ts';
import { chunkText, openInput, type InputIO } from '../input/openInput.ts';
import type { JobOptions } from '../options.ts';
import { countSpelling, newSpellingCounts, type SpellingCounts } from './buildLookups.ts';
import { LOOKUP_FIELDS } from './lookups.ts';

/** Counts the spellings of category, region and product in the first `sampleRows` rows (0: all). */
export async function scanSpellings(io: InputIO, options: JobOptions, sampleRows: number): Promise<{ counts: SpellingCounts; rows: number }> {
  const input = await openInput(io, options, 1 << 20);
  const plan = planColumns(input.header, options);
  const cells = new CellReader(plan, options.null_tokens);
  const counts = newSpellingCounts();
  const sources = LOOKUP_FIELDS.map((field) => [field, cells.source(field)] as const);
  let rows = 0;
  for await (const chunk of input.chunks) {
    const records = Papa.parse<string[]>(chunkText(chunk), { delimiter: input.delimiter, newline: '\n', quoteChar: '"', escapeChar: '"' }).data;
    for (const fields of records) {
      if (fields.length !== plan.header.length) continue;
      for (const [field, source] of sources) countSpelling(counts, field, cells.value(fields, source));
      if (++rows === sampleRows) return { counts, rows };
    }
  }
  return { counts, rows };
}
