const COMBINING_MARKS = /\p{M}+/gu;
const NOT_ALNUM = /[^a-z0-9]+/g;

/**
 * The matching form of a value (SPEC section 2).
 * @example key('  Crème & Brûlée!! ') === 'creme and brulee'
 */
export function key(value: string): string {
  return value
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replaceAll('&', ' and ')
    .replace(NOT_ALNUM, ' ')
    .trim();
}
