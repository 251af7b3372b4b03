import fc from 'fast-check';
import { describe, expect, it, test } from 'vitest';
import { csvLine, quoteCell } from '../../src/core/output/csv.ts';
import { parseCsvRecord, recordEnds } from '../../src/core/output/readRowsCsv.ts';

const utf8 = new TextEncoder();
const decoder = new TextDecoder();
const cell = fc.array(fc.constantFrom('a', 'é', ' ', ',', '"', '""', '\r\n', '\n', '\r', '€', "'=1"), { maxLength: 8 }).map((parts) => parts.join(''));

describe('reading the row files back', () => {
  it('gives back every record the writer wrote, cut anywhere', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 12 }), fc.nat(), (records, cut) => {
        const bytes = utf8.encode(records.map((fields) => csvLine(fields.map(quoteCell))).join(''));
        const ends = recordEnds(bytes);
        expect(ends).toHaveLength(records.length);
        let start = 0;
        ends.forEach((end, i) => {
          expect(parseCsvRecord(decoder.decode(bytes.subarray(start, end)))).toEqual(records[i]);
          start = end;
        });
        // Bytes cut anywhere hold exactly the records that end before the cut.
        const at = cut % (bytes.length + 1);
        expect(recordEnds(bytes.subarray(0, at))).toEqual(ends.filter((end) => end <= at));
      }),
      { numRuns: 500 },
    );
  });

  test('a limit stops after that many records', () => {
    expect(recordEnds(utf8.encode('a\r\nb\r\nc\r\n'), 2)).toEqual([3, 6]);
  });

  test('a last record without a line break parses too', () => {
    expect(parseCsvRecord('1,"x,y",')).toEqual(['1', 'x,y', '']);
  });
});
