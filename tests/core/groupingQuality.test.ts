import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { distance } from 'fastest-levenshtein';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args.ts';
import { jobOptions } from '../../src/cli/commands/jobOptions.ts';
import { fileSource, gunzip } from '../../src/cli/nodeIO.ts';
import { proposeGroups } from '../../src/core/lookups/buildLookups.ts';
import { scanSpellings } from '../../src/core/lookups/scanSpellings.ts';
import { key } from '../../src/core/text/key.ts';
import { shellWords } from '../support/shellWords.ts';

// How well lookups built from a file group its spellings: the share of rows whose spelling lands
// in the group of its true value. Counted over the spellings that grouping can know (typos, case,
// `&`/`and`, spacing: key() equal or within the fuzzy distance), not aliases such as `EU`.

async function scan(file: string, args: string[]) {
  const source = await fileSource(file);
  return (await scanSpellings({ source: source.stream, gunzip }, jobOptions(parseArgs(args)), 0)).counts;
}

/** Rows whose spelling is grouped under its true value, of the rows whose true value is known. */
function share(counts: Map<string, number>, truth: Map<string, string>): { right: number; all: number } {
  const groupOf = new Map<string, string | null>();
  for (const group of proposeGroups(counts)) for (const s of group.spellings) groupOf.set(s.spelling, group.canonical);
  let right = 0;
  let all = 0;
  for (const [spelling, rows] of counts) {
    const value = truth.get(spelling);
    if (value === undefined) continue;
    all += rows;
    if (key(groupOf.get(spelling) ?? '') === key(value)) right += rows;
  }
  return { right, all };
}

describe('grouping of spellings into values', () => {
  it('the real cafe export (nobody on the team wrote it): every item and location in its own value’s group', async () => {
    const args = shellWords(
      `--map 'order_id=Transaction ID' --map product_name=Item --map 'unit_price=Price Per Unit' --map region=Location ` +
        `--map 'sale_date=Transaction Date' --set category=Cafe --null-tokens 'NA,N/A,null,none,nan,-,ERROR,UNKNOWN'`,
    );
    const counts = await scan('tests/fixtures/realdata/dirty_cafe_sales.csv', args);
    const values = { region: ['In-store', 'Takeaway'], product_name: ['Coffee', 'Cake', 'Cookie', 'Salad', 'Smoothie', 'Sandwich', 'Juice', 'Tea'] } as const;
    for (const field of ['region', 'product_name'] as const) {
      const truth = new Map([...counts[field].keys()].flatMap((s) => values[field].filter((v) => key(v) === key(s)).map((v) => [s, v] as [string, string])));
      const { right, all } = share(counts[field], truth);
      expect(all, field).toBeGreaterThan(5000);
      expect(right / all, field).toBeGreaterThanOrEqual(0.98);
    }
  });

  it('a messy shop export: at least 98% of the rows of its typo, case and &/and spellings of categories and regions', async () => {
    const fixture = 'tests/fixtures/messy/shop_orders_bom_crlf';
    const counts = await scan(`${fixture}.csv`, shellWords(readFileSync(`${fixture}.args`, 'utf8').trim()));
    const script = "import sys, json; sys.path.insert(0, 'tests/fixtures/messy'); import make_fixtures as m; print(json.dumps({'category': m.CATEGORY_VARIANTS, 'region': m.REGION_VARIANTS}))";
    const variants = JSON.parse(execFileSync('python3', ['-c', script], { encoding: 'utf8' })) as Record<'category' | 'region', Record<string, string[]>>;
    let right = 0;
    let all = 0;
    for (const field of ['category', 'region'] as const) {
      const truth = new Map<string, string>();
      for (const [value, spellings] of Object.entries(variants[field])) {
        truth.set(value, value);
        for (const s of spellings) if (key(s) === key(value) || distance(key(s), key(value)) <= 2) truth.set(s, value);
      }
      const counted = share(counts[field], truth);
      right += counted.right;
      all += counted.all;
    }
    expect(all).toBeGreaterThan(2000);
    expect(right / all).toBeGreaterThanOrEqual(0.98);
  });
});
