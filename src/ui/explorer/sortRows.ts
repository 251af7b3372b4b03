const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * Rows sorted by one column, numbers as numbers when both cells are numbers, text by code
 * point; ties keep their order.
 * @example sortRows([['b', '10'], ['a', '9']], 1, 'ascending') // [['a', '9'], ['b', '10']]
 */
export function sortRows(rows: readonly string[][], column: number, direction: 'ascending' | 'descending'): string[][] {
  const sign = direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => {
      const x = a.row[column] ?? '';
      const y = b.row[column] ?? '';
      const order = NUMBER.test(x) && NUMBER.test(y) ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
      return sign * order || a.i - b.i;
    })
    .map(({ row }) => row);
}
