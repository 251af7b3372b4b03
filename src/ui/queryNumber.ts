/**
 * A number from the address's query, or undefined when it is not there.
 * @example queryNumber('?workers=2', 'workers') // 2
 */
export function queryNumber(search: string, name: string): number | undefined {
  const value = new URLSearchParams(search).get(name);
  return value === null ? undefined : Number(value);
}
