/**
 * A copy of a string that no longer keeps the text it was cut from alive. V8 represents a
 * substring of 13 or more characters as a view into its parent, so a product name kept in a
 * table could otherwise hold a whole multi-megabyte chunk of the file in memory.
 * @example detach(chunk.slice(100, 140)) // same characters, no reference to chunk
 */
export function detach(value: string): string {
  // Flattening a fresh concatenation copies the characters; the slice then views the copy.
  return value.length < 13 ? value : (' ' + value).slice(1);
}
