const QUOTE = 0x22;
const LF = 0x0a;

/**
 * The records of a CSV file this app wrote (RFC 4180: fields quoted when they hold a comma, a
 * quote or a line break; quotes doubled; CRLF after each record) that end in bytes[0, length):
 * where each ends, past its line break. A record cut by the end of the bytes is left out.
 * @example recordEnds(new TextEncoder().encode('a,"b\r\nc"\r\nd\r\ne')) // [10, 13]
 */
export function recordEnds(bytes: Uint8Array, limit = Number.POSITIVE_INFINITY): number[] {
  const ends: number[] = [];
  let quoted = false;
  for (let i = 0; i < bytes.length && ends.length < limit; i++) {
    const b = bytes[i]!;
    if (b === QUOTE) quoted = !quoted;
    else if (b === LF && !quoted) ends.push(i + 1);
  }
  return ends;
}

/**
 * The fields of one record as this app writes them (its line break may be included).
 * @example parseCsvRecord('1,"a ""b""",c\r\n') // ['1', 'a "b"', 'c']
 */
export function parseCsvRecord(text: string): string[] {
  let end = text.length;
  if (text.endsWith('\r\n')) end -= 2;
  else if (end > 0 && (text[end - 1] === '\n' || text[end - 1] === '\r')) end -= 1;
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < end; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}
