import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCore } from '../support/runCore.ts';
import { shellWords } from '../support/shellWords.ts';

// Every table of every messy fixture must equal, byte for byte, what an independent
// implementation of SPEC.md (tests/oracle/oracle.py, stdlib Python) writes for it.
const FIXTURES = 'tests/fixtures/messy';
const CAFE = 'tests/fixtures/realdata/dirty_cafe_sales.csv';
const CAFE_ARGS = shellWords(
  `--map 'order_id=Transaction ID' --map product_name=Item --map 'unit_price=Price Per Unit' --map region=Location ` +
    `--map 'sale_date=Transaction Date' --set category=Cafe --null-tokens 'NA,N/A,null,none,nan,-,ERROR,UNKNOWN' --reference-date 2024-06-30`,
);

interface Case {
  name: string;
  file: string;
  args: string[];
  lookups: string;
}

const cases: Case[] = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.csv'))
  .map((f) => {
    const name = f.replace(/\.csv$/, '');
    return { name, file: join(FIXTURES, f), args: shellWords(readFileSync(join(FIXTURES, `${name}.args`), 'utf8')), lookups: join(FIXTURES, 'lookups.json') };
  });
cases.push({ name: 'dirty_cafe_sales (real export)', file: CAFE, args: CAFE_ARGS, lookups: join(FIXTURES, 'cafe_lookups.json') });

function runOracle(c: Case): Map<string, string> {
  const out = mkdtempSync(join(tmpdir(), 'oracle-'));
  execFileSync('python3', ['tests/oracle/oracle.py', c.file, '--out', out, '--lookups', c.lookups, ...c.args], { stdio: 'pipe' });
  return new Map(readdirSync(out).map((f) => [f, readFileSync(join(out, f), 'utf8')]));
}

describe('the core agrees with the independent oracle', () => {
  it('has fixtures to compare', () => {
    expect(cases.length).toBeGreaterThanOrEqual(11);
  });

  for (const c of cases) {
    it(`${c.name}: every table identical, whatever the chunk size and worker count`, async () => {
      const expected = runOracle(c);
      expect([...expected.keys()].sort()).toHaveLength(12);
      const whole = await runCore(c.file, c.args, { chunkSize: 16 << 20, workers: 1, lookups: c.lookups });
      for (const [name, text] of expected) expect(whole.get(name), `${c.name}/${name}`).toBe(text);
      const pieces = await runCore(c.file, c.args, { chunkSize: 1 + Math.floor(Math.random() * 4096), workers: 3, lookups: c.lookups });
      expect(pieces).toEqual(whole);
    });
  }
});
