import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { RecordSplitter } from '../../src/core/input/RecordSplitter.ts';

interface Parsed {
  rows: string[][];
  bad: boolean[];
}

function parse(text: string, delimiter: string): Parsed {
  const result = Papa.parse<string[]>(text, { delimiter, newline: '\n', quoteChar: '"', escapeChar: '"' });
  const badRows = new Set(result.errors.map((e) => e.row));
  const rows: string[][] = [];
  const bad: boolean[] = [];
  result.data.forEach((row, i) => {
    // A piece that ends on a line break reads one empty record after it: blank, skipped downstream.
    if (row.length === 1 && row[0] === '') return;
    rows.push(row);
    bad.push(badRows.has(i));
  });
  return { rows, bad };
}

function parseInPieces(text: string, delimiter: string, pieceSizes: number[]): Parsed {
  const splitter = new RecordSplitter(delimiter, 1 << 30);
  const out: Parsed = { rows: [], bad: [] };
  const add = (chunk: string) => {
    if (chunk === '') return;
    const parsed = parse(chunk, delimiter);
    out.rows.push(...parsed.rows);
    out.bad.push(...parsed.bad);
  };
  let at = 0;
  let k = 0;
  while (at < text.length) {
    const size = pieceSizes[k++ % pieceSizes.length]!;
    splitter.push(text.slice(at, at + size));
    at += size;
    add(splitter.take());
  }
  add(splitter.end());
  return out;
}

const csvish = (delimiter: string) =>
  fc
    .array(fc.constantFrom('a', 'b', ' ', '\t', '"', '""', '\n', delimiter, 'x"y', '"q",', 'é', '\u2003'), { maxLength: 120 })
    .map((parts) => parts.join(''));

describe('RecordSplitter', () => {
  for (const delimiter of [',', ';', '\t', '|']) {
    it(`cuts where PapaParse agrees, whatever the piece sizes (delimiter ${JSON.stringify(delimiter)})`, () => {
      fc.assert(
        fc.property(csvish(delimiter), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }), (text, sizes) => {
          expect(parseInPieces(text, delimiter, sizes)).toEqual(parse(text, delimiter));
        }),
        { numRuns: 1000 },
      );
    });
  }

  it('never cuts inside a quoted line break', () => {
    const splitter = new RecordSplitter(',', 1000);
    splitter.push('id,name\n1,"two\nlines"\n2,x');
    expect(splitter.take()).toBe('id,name\n1,"two\nlines"\n');
    expect(splitter.end()).toBe('2,x');
  });

  it('waits when a closing quote may still be followed by spaces and a line break', () => {
    const splitter = new RecordSplitter(',', 1000);
    splitter.push('1,"a"  ');
    expect(splitter.take()).toBe('');
    splitter.push('\n2,b\n');
    expect(splitter.take()).toBe('1,"a"  \n2,b\n');
  });

  it('stops a record that outgrows the limit, naming where it starts', () => {
    const splitter = new RecordSplitter(',', 50);
    splitter.push('h\n1,"never closed');
    expect(() => splitter.push('x'.repeat(60))).toThrow(/starting 2 characters into the file/);
  });
});
