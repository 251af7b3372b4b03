import { expect, test } from 'vitest';
import { sortRows } from '../../src/ui/explorer/sortRows.ts';

const tests: { rows: string[][]; column: number; direction: 'ascending' | 'descending'; expected: string[][] }[] = [
  { rows: [['b', '10'], ['a', '9']], column: 1, direction: 'ascending', expected: [['a', '9'], ['b', '10']] },
  { rows: [['b', '10'], ['a', '9']], column: 0, direction: 'descending', expected: [['b', '10'], ['a', '9']] },
  { rows: [['x', '-1.5'], ['y', '2'], ['z', '-3']], column: 1, direction: 'ascending', expected: [['z', '-3'], ['x', '-1.5'], ['y', '2']] },
  // Ties keep their order, in both directions.
  { rows: [['1', 'a'], ['2', 'a'], ['3', 'b']], column: 1, direction: 'descending', expected: [['3', 'b'], ['1', 'a'], ['2', 'a']] },
  // Text and numbers mixed: text order.
  { rows: [['10'], ['9'], ['n/a']], column: 0, direction: 'ascending', expected: [['9'], ['10'], ['n/a']] },
];
for (const { rows, column, direction, expected } of tests) {
  test(`${JSON.stringify(rows)} by ${column} ${direction}`, () => expect(sortRows(rows, column, direction)).toEqual(expected));
}
