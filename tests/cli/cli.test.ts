import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { defaultLookups } from '../../src/core/lookups/defaults.ts';
import { parquetTypes } from '../../src/core/export/parquetTypes.ts';
import { unguardText } from '../../src/core/output/csv.ts';
import { guardedColumns } from '../../src/core/export/toParquet.ts';
import { expectSameTable } from '../support/duckdbCompare.ts';
import { runCore } from '../support/runCore.ts';
import { shellWords } from '../support/shellWords.ts';

const cli = (...args: string[]) => {
  const run = spawnSync(process.execPath, ['dist-cli/main.mjs', ...args], { encoding: 'utf8' });
  return { code: run.status, stderr: run.stderr, stdout: run.stdout };
};
const temp = () => mkdtempSync(join(tmpdir(), 'cli-'));
const readDir = (dir: string) => new Map(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

const FIXTURE = 'tests/fixtures/messy/shop_orders_bom_crlf';
const fixtureArgs = shellWords(readFileSync(`${FIXTURE}.args`, 'utf8'));
const LOOKUPS = 'tests/fixtures/messy/lookups.json';

describe('npm run cli -- generate', () => {
  it('writes the same bytes for the same seed and other bytes for another', () => {
    const dir = temp();
    for (const [name, seed] of [['a', '7'], ['b', '7'], ['c', '8']] as const) {
      expect(cli('generate', '--rows', '3000', '--seed', seed, '--end-date', '2026-06-30', '--out', join(dir, `${name}.csv`)).code).toBe(0);
    }
    const [a, b, c] = ['a', 'b', 'c'].map((n) => readFileSync(join(dir, `${n}.csv`)));
    expect(a!.equals(b!)).toBe(true);
    expect(a!.equals(c!)).toBe(false);
    expect(a!.toString().trimEnd().split('\n')).toHaveLength(3001);
  });

  it('clean mode is accepted in full by process', () => {
    const dir = temp();
    expect(cli('generate', '--rows', '5000', '--seed', '3', '--clean', '--end-date', '2026-06-30', '--out', join(dir, 'clean.csv')).code).toBe(0);
    const run = cli('process', join(dir, 'clean.csv'), '--out', join(dir, 'out'), '--reference-date', '2026-06-30', '--workers', '2');
    expect(run.code, run.stderr).toBe(0);
    const report = readFileSync(join(dir, 'out', 'quality_report.csv'), 'utf8');
    expect(report).toContain('rows_read,5000\r\n');
    expect(report).toContain('rows_rejected,0\r\n');
    expect(report).toContain('success_rate,1.0000\r\n');
  });
});

describe('npm run cli -- process', () => {
  it('through worker threads writes the same files as the core in one thread', async () => {
    const out = join(temp(), 'out');
    const run = cli('process', `${FIXTURE}.csv`, '--out', out, '--lookups', LOOKUPS, '--workers', '2', '--chunk-size', '2000', ...fixtureArgs);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/1,500 rows read, [\d,]+ accepted/);
    const expected = await runCore(`${FIXTURE}.csv`, fixtureArgs, { chunkSize: 1 << 20, workers: 1, lookups: LOOKUPS });
    expect(readDir(out)).toEqual(expected);
  });

  it('reads a gzip-compressed file like the plain one', async () => {
    const dir = temp();
    writeFileSync(join(dir, 'in.csv.gz'), gzipSync(readFileSync(`${FIXTURE}.csv`)));
    const run = cli('process', join(dir, 'in.csv.gz'), '--out', join(dir, 'out'), '--lookups', LOOKUPS, ...fixtureArgs);
    expect(run.code, run.stderr).toBe(0);
    const expected = await runCore(`${FIXTURE}.csv`, fixtureArgs, { chunkSize: 1 << 20, workers: 1, lookups: LOOKUPS });
    expect(readDir(join(dir, 'out'))).toEqual(expected);
  });

  it('writes every table as Parquet beside its CSV with --format csv,parquet, and only Parquet with --format parquet', async () => {
    const dir = temp();
    const run = cli('process', `${FIXTURE}.csv`, '--out', join(dir, 'both'), '--lookups', LOOKUPS, '--workers', '2', '--format', 'csv,parquet', ...fixtureArgs);
    expect(run.code, run.stderr).toBe(0);
    const names = readdirSync(join(dir, 'both')).sort();
    const csvs = names.filter((n) => n.endsWith('.csv'));
    expect(csvs).toHaveLength(12);
    expect(names).toEqual([...csvs, ...csvs.map((n) => n.replace(/csv$/, 'parquet'))].sort());
    for (const csv of csvs) {
      const table = csv.replace(/\.csv$/, '');
      const header = readFileSync(join(dir, 'both', csv), 'utf8').split('\r\n')[0]!.split(',');
      const guarded = guardedColumns(table, header);
      const types = parquetTypes(table, header.map((c, i) => (guarded[i] ? unguardText(c) : c)));
      await expectSameTable(join(dir, 'both', `${table}.parquet`), join(dir, 'both', csv), types, guarded);
    }
    const only = cli('process', `${FIXTURE}.csv`, '--out', join(dir, 'parquet'), '--lookups', LOOKUPS, '--format', 'parquet', ...fixtureArgs);
    expect(only.code, only.stderr).toBe(0);
    const parquets = readdirSync(join(dir, 'parquet')).sort();
    expect(parquets).toEqual(names.filter((n) => n.endsWith('.parquet')));
    for (const name of parquets) expect(readFileSync(join(dir, 'parquet', name)).equals(readFileSync(join(dir, 'both', name))), name).toBe(true);
  }, 60_000);

  const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  const failures: Array<{ name: string; content: Buffer | null; args?: string[]; code: number; message: RegExp }> = [
    { name: 'a missing file', content: null, code: 1, message: /There is no file at .*nothing\.csv/ },
    { name: 'an empty file', content: Buffer.alloc(0), code: 1, message: /\[EMPTY_FILE\].*empty/ },
    { name: 'a PNG named .csv', content: PNG, code: 1, message: /\[NOT_TEXT\].*not a CSV file: it is a PNG image/ },
    {
      name: 'missing required columns',
      content: Buffer.from('Transaction ID,Item\nT1,Coffee\n'),
      code: 1,
      message: /\[MISSING_COLUMNS\].*category, quantity, unit_price, region, sale_date.*header found was: Transaction ID, Item/,
    },
    { name: 'a header and no rows', content: Buffer.from('order_id,product_name,category,quantity,unit_price,region,sale_date\n\n'), code: 1, message: /\[NO_ROWS\]/ },
    {
      name: 'invalid UTF-8',
      content: Buffer.concat([Buffer.from('order_id,product_name,category,quantity,unit_price,region,sale_date\nA1,Caf'), Buffer.from([0xe9]), Buffer.from(',x,1,1,EU,2024-01-01\n')]),
      code: 1,
      message: /\[INVALID_ENCODING\].*byte 0xE9 at byte offset 74.*windows-1252/,
    },
    { name: 'an unknown option', content: Buffer.from('a\n'), args: ['--colour', 'red'], code: 2, message: /Unknown option --colour/ },
    { name: 'an unknown format', content: Buffer.from('a\n'), args: ['--format', 'csv,xlsx'], code: 2, message: /Unknown format "xlsx": use csv, parquet or csv,parquet/ },
  ];
  for (const f of failures) {
    it(`refuses ${f.name} with a clear message, a non-zero exit and no output files`, () => {
      const dir = temp();
      const file = join(dir, f.content === null ? 'nothing.csv' : 'in.csv');
      if (f.content !== null) writeFileSync(file, f.content);
      const run = cli('process', file, '--out', join(dir, 'out'), ...(f.args ?? []));
      expect(run.code).toBe(f.code);
      expect(run.stderr).toMatch(f.message);
      const left = readdirSync(dir).includes('out') ? readdirSync(join(dir, 'out')) : [];
      expect(left).toEqual([]);
    });
  }
});

describe('npm run cli -- lookups', () => {
  it('exports the default lookups', () => {
    const out = join(temp(), 'lookups.json');
    expect(cli('lookups', 'export', '--out', out).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(defaultLookups());
  });

  it('builds lookups from a real export that the process command then accepts', () => {
    const dir = temp();
    const args = shellWords(
      `--map 'order_id=Transaction ID' --map product_name=Item --map 'unit_price=Price Per Unit' --map region=Location ` +
        `--map 'sale_date=Transaction Date' --set category=Cafe --null-tokens 'NA,N/A,null,none,nan,-,ERROR,UNKNOWN'`,
    );
    const built = cli('lookups', 'build', 'tests/fixtures/realdata/dirty_cafe_sales.csv', '--out', join(dir, 'l.json'), ...args);
    expect(built.code, built.stderr).toBe(0);
    const lookups = JSON.parse(readFileSync(join(dir, 'l.json'), 'utf8'));
    expect(lookups.categories).toEqual(['Cafe']);
    expect([...lookups.regions].sort()).toEqual(['In-store', 'Takeaway']);
    expect([...lookups.products].sort()).toEqual(['Cake', 'Coffee', 'Cookie', 'Juice', 'Salad', 'Sandwich', 'Smoothie', 'Tea']);
    const run = cli('process', 'tests/fixtures/realdata/dirty_cafe_sales.csv', '--out', join(dir, 'out'), '--lookups', join(dir, 'l.json'), '--reference-date', '2024-06-30', ...args);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(dir, 'out', 'quality_report.csv'), 'utf8')).toContain('rows_accepted,4679\r\n');
  });
});
