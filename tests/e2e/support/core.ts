import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from '../../../src/cli/args.ts';
import { jobOptions } from '../../../src/cli/commands/jobOptions.ts';
import { generateCsv } from '../../../src/core/generate/generate.ts';
import type { JobOptions } from '../../../src/core/options.ts';
import { runCore } from '../../support/runCore.ts';
import { shellWords } from '../../support/shellWords.ts';

// The fixtures of the oracle suite (tests/oracle/oracle.test.ts), and what the core makes of them in Node.
const FIXTURES = 'tests/fixtures/messy';
const CAFE_ARGS =
  `--map 'order_id=Transaction ID' --map product_name=Item --map 'unit_price=Price Per Unit' --map region=Location ` +
  `--map 'sale_date=Transaction Date' --set category=Cafe --null-tokens 'NA,N/A,null,none,nan,-,ERROR,UNKNOWN' --reference-date 2024-06-30`;

export interface Fixture {
  name: string;
  file: string;
  args: string[];
  lookups: string;
}

export const fixtures: Fixture[] = [
  ...readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((f) => {
      const name = f.replace(/\.csv$/, '');
      return { name, file: join(FIXTURES, f), args: shellWords(readFileSync(join(FIXTURES, `${name}.args`), 'utf8')), lookups: join(FIXTURES, 'lookups.json') };
    }),
  { name: 'dirty_cafe_sales', file: 'tests/fixtures/realdata/dirty_cafe_sales.csv', args: shellWords(CAFE_ARGS), lookups: join(FIXTURES, 'cafe_lookups.json') },
];

/** The job options of command-line arguments, as the page's options field takes them. */
export const optionsOf = (args: string[]): JobOptions => jobOptions(parseArgs(args));

/** Every output file of the core, run in Node on a file, by name. */
export function coreFiles(file: string, args: string[], lookups?: string): Promise<Map<string, string>> {
  return runCore(file, args, { chunkSize: 1 << 20, workers: 1, ...(lookups === undefined ? {} : { lookups }) });
}

/** Dirty synthetic sales rows (SPEC section 5), the same for a seed. */
export const generatedCsv = (rows: number, seed = 7): string => [...generateCsv({ rows, seed, clean: false, endDate: '2024-06-30' })].join('');

/** The rows of a small table's CSV, cell by cell (for tables without quoted cells). */
export const csvRows = (text: string): string[][] =>
  text
    .split('\r\n')
    .slice(1)
    .filter((line) => line !== '')
    .map((line) => line.split(','));
