import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { forEachRecord } from '../../src/core/input/records.ts';

/** Records as PapaParse's full parser reads the whole text, blank lines left out (they are skipped downstream). */
function papa(text: string, delimiter: string): Array<[string[], boolean]> {
  const out: Array<[string[], boolean]> = [];
  Papa.parse<string[]>(text, {
    delimiter,
    newline: '\n',
    quoteChar: '"',
    escapeChar: '"',
    fastMode: false,
    step: ({ data, errors }) => void out.push([data, errors.length > 0]),
  });
  return out.filter(([fields]) => !(fields.length === 1 && fields[0] === ''));
}

function ours(text: string, delimiter: string): Array<[string[], boolean]> {
  const out: Array<[string[], boolean]> = [];
  forEachRecord(text, delimiter, (fields, bad) => out.push([fields, bad]));
  return out.filter(([fields]) => !(fields.length === 1 && fields[0] === ''));
}

describe('forEachRecord', () => {
  for (const delimiter of [',', ';', '\t', '|']) {
    it(`reads the records PapaParse reads (delimiter ${JSON.stringify(delimiter)})`, () => {
      const text = fc
        .array(fc.constantFrom('a', 'bc', ' ', '"', '""', '\n', '\n\n', delimiter, 'x"y', '"q"' + delimiter, '" ', 'é'), { maxLength: 80 })
        .map((parts) => parts.join(''));
      fc.assert(
        fc.property(text, (t) => {
          expect(ours(t, delimiter)).toEqual(papa(t, delimiter));
        }),
        { numRuns: 2000 },
      );
    });
  }

  it('reads quoted line breaks, doubled quotes and broken quoting as PapaParse does', () => {
    const text = 'a,b\n1,"x\ny"\n2,"say ""hi"""\n3,4\n5,"open\n';
    expect(ours(text, ',')).toEqual([
      [['a', 'b'], false],
      [['1', 'x\ny'], false],
      [['2', 'say "hi"'], false],
      [['3', '4'], false],
      [['5', 'open\n'], true],
    ]);
  });
});
