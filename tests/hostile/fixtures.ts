import { deflateRawSync, gzipSync } from 'node:zlib';
import type { PipelineErrorCode } from '../../src/core/errors.ts';
import type { RejectionReason } from '../../src/core/contract.ts';

/**
 * Broken and hostile input, each file with the outcome it must have, in the CLI and in the app.
 * Files are made here, byte for byte, when a test (or `npm run fixtures:hostile`) asks for them:
 * none is stored, and the large ones cost nothing until used.
 */
export interface HostileFixture {
  /** The file's name, also what the test is called. */
  name: string;
  /** What it covers, in a few words. */
  covers: string;
  bytes: () => Uint8Array;
  /** Options, as the command line takes them (the app's form is filled with the same). */
  args?: string[];
  /** Chunk size for the engine, to put a boundary where the fixture needs one. */
  chunkSize?: number;
  expect: Outcome;
}

export type Outcome = Completed | Refused;

export interface Completed {
  rows: number;
  accepted: number;
  /** Rejections by reason; every reason not named is 0. */
  rejected?: Partial<Record<RejectionReason, number>>;
  /** Values of the first cleaned rows' columns, in file order, as the cleaned CSV holds them. */
  cleaned?: Record<string, string[]>;
  /** Words the job's log must hold. */
  log?: string[];
}

export interface Refused {
  error: PipelineErrorCode;
  /** Words the message must hold. */
  words: string[];
  /** Where it is, when the error knows: shown apart from the message, in the CLI and the app. */
  where?: { byteOffset?: number; row?: number };
  /** MISSING_COLUMNS: the columns named. The app asks for them in its column mapping (and keeps Run off) instead of failing a job. */
  missing?: string[];
}

const HEADER = 'order_id,product_name,category,quantity,unit_price,discount_percent,region,sale_date,customer_email';
const text = (s: string) => new TextEncoder().encode(s);
const join = (...parts: Array<Uint8Array | string | number[]>): Uint8Array => Buffer.concat(parts.map((p) => (typeof p === 'string' ? text(p) : Uint8Array.from(p))));

/** A good sale, numbered; `cells` replaces some of its nine cells. */
function sale(n: number, cells: Partial<Record<number, string>> = {}): string[] {
  const row = [`H-${n}`, 'Olive Oil', 'Grocery', String(1 + (n % 4)), '12.50', '0', 'Europe', `2024-0${1 + (n % 6)}-1${n % 10}`, `buyer${n}@example.com`];
  for (const [i, v] of Object.entries(cells)) row[Number(i)] = v!;
  return row;
}

/** Lines of good sales after the header, joined by `eol`, with a final `eol`. */
const csv = (count: number, eol = '\n', delimiter = ',') =>
  [HEADER.replaceAll(',', delimiter), ...Array.from({ length: count }, (_, i) => sale(i + 1).join(delimiter))].join(eol) + eol;

const utf16 = (s: string, bigEndian: boolean) => {
  const out = new Uint8Array(2 + 2 * s.length);
  out.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[2 + 2 * i + (bigEndian ? 0 : 1)] = c >> 8;
    out[2 + 2 * i + (bigEndian ? 1 : 0)] = c & 0xff;
  }
  return out;
};

const WINDOWS_1252: Record<string, number> = { '€': 0x80, '’': 0x92, é: 0xe9, ü: 0xfc, ñ: 0xf1 };
const windows1252 = (s: string) => Uint8Array.from([...s].map((c) => WINDOWS_1252[c] ?? c.charCodeAt(0)));

/** A zip archive of one stored file: enough of one for any reader to know it. */
function zip(name: string, content: string): Uint8Array {
  const data = text(content);
  const nameBytes = text(name);
  const local = new DataView(new ArrayBuffer(30));
  local.setUint32(0, 0x04034b50, true);
  local.setUint16(4, 20, true);
  local.setUint32(18, data.length, true);
  local.setUint32(22, data.length, true);
  local.setUint16(26, nameBytes.length, true);
  return join(new Uint8Array(local.buffer), nameBytes, data);
}

const SIMPLE = { rows: 3, accepted: 3 };

/** Rows of `crlfAt`. */
const CRLF_ROWS = 56_000;

/**
 * A CRLF file of CRLF_ROWS good rows and a `note` column, padded so that a CR is the last byte
 * before each of `offsets` and its LF the first byte after.
 */
function crlfAt(offsets: number[]): Uint8Array {
  let out = `${HEADER},note\r\n`;
  const pending = [...offsets];
  for (let n = 1; n <= CRLF_ROWS; n++) {
    const row = sale(n).join(',') + ',';
    const next = pending[0];
    const pad = next !== undefined && out.length + row.length + 2 > next - 200 ? next - 1 - out.length - row.length : 0;
    out += `${row}${'p'.repeat(Math.max(0, pad))}\r\n`;
    if (pad > 0) {
      if (out[next! - 1] !== '\r' || out[next!] !== '\n') throw new Error(`no CRLF across byte ${next}`);
      pending.shift();
    }
  }
  if (pending.length > 0) throw new Error(`the file ends before byte ${pending[0]}`);
  return text(out);
}

export const HOSTILE_FIXTURES: HostileFixture[] = [
  // Encodings
  { name: 'utf8-no-bom.csv', covers: 'plain UTF-8', bytes: () => text(csv(3)), expect: SIMPLE },
  { name: 'utf8-bom.csv', covers: 'UTF-8 with its BOM', bytes: () => join([0xef, 0xbb, 0xbf], csv(3)), expect: { ...SIMPLE, log: ['byte-order mark dropped'] } },
  { name: 'utf16le-bom.csv', covers: 'UTF-16 LE with BOM', bytes: () => utf16(csv(3), false), expect: { ...SIMPLE, log: ['utf-16le'] } },
  { name: 'utf16be-bom.csv', covers: 'UTF-16 BE with BOM', bytes: () => utf16(csv(3), true), expect: { ...SIMPLE, log: ['utf-16be'] } },
  {
    name: 'utf16le-accents.csv',
    covers: 'UTF-16 with accents and a character outside the BMP',
    bytes: () => utf16(`${HEADER}\nU-josé𝄞,Olive Oil,Grocery,1,2.50,0,Europe,2024-01-02,x@example.com\n`, false),
    expect: { rows: 1, accepted: 1, cleaned: { order_id: ['U-JOSÉ𝄞'] } },
  },
  {
    name: 'windows-1252-chosen.csv',
    covers: 'windows-1252 with € and accents, read as windows-1252',
    bytes: () => windows1252(`${HEADER}\nW-zoë’s,Olive Oil,Grocery,1,€2.50,0,Europe,2024-01-02,x@example.com\nW-müller,Olive Oil,Grocery,1,2.50,0,Europe,2024-01-02,y@example.com\n`),
    args: ['--encoding', 'windows-1252'],
    expect: { rows: 2, accepted: 2, cleaned: { unit_price: ['2.50', '2.50'], order_id: ['W-ZOË’S', 'W-MÜLLER'] } },
  },
  {
    name: 'windows-1252-as-utf8.csv',
    covers: 'windows-1252 bytes read as UTF-8: refused with the offset, windows-1252 offered',
    bytes: () => windows1252(`${HEADER}\nW-1,Olive Oil,Grocery,1,2.50,0,Europe,2024-01-02,müller@example.com\n`),
    expect: { error: 'INVALID_ENCODING', words: ['byte offset 150', 'windows-1252'], where: { byteOffset: 150 } },
  },
  {
    name: 'invalid-utf8.csv',
    covers: 'a stray continuation byte and a cut sequence',
    bytes: () => join(`${HEADER}\nX-1,Olive Oil,Grocery,1,2.50,0,Europe,2024-01-02,a`, [0x80, 0xe2, 0x82], '@example.com\n'),
    expect: { error: 'INVALID_ENCODING', words: ['byte offset 150'], where: { byteOffset: 150 } },
  },
  {
    name: 'nul-in-cell.csv',
    covers: 'a NUL byte inside a cell of a long text file: kept as it is',
    bytes: () => join(`${HEADER}\nN-`, [0], `-1,Olive Oil,Grocery,1,2.50,0,Europe,2024-01-02,\n`, csv(200).slice(HEADER.length + 1)),
    expect: { rows: 201, accepted: 201, cleaned: { order_id: ['N-\u0000-1'] } },
  },
  {
    name: 'nul-bytes.csv',
    covers: 'text full of NUL bytes (UTF-16 without its BOM looks so)',
    bytes: () => utf16(csv(3), false).subarray(2),
    expect: { error: 'NOT_TEXT', words: ['binary', 'byte-order mark'] },
  },

  // Line endings
  { name: 'crlf.csv', covers: 'CRLF line endings', bytes: () => text(csv(3, '\r\n')), expect: SIMPLE },
  { name: 'cr-only.csv', covers: 'old Mac CR line endings', bytes: () => text(csv(3, '\r')), expect: SIMPLE },
  {
    name: 'mixed-eol.csv',
    covers: 'LF, CRLF and CR in one file',
    bytes: () => text(`${HEADER}\r\n${sale(1).join(',')}\n${sale(2).join(',')}\r${sale(3).join(',')}\r\n`),
    expect: SIMPLE,
  },
  { name: 'no-final-newline.csv', covers: 'the last record without a line break', bytes: () => text(csv(3).trimEnd()), expect: SIMPLE },
  { name: 'trailing-blank-lines.csv', covers: 'blank lines at the end, not counted', bytes: () => text(`${csv(3)}\n\n  \n\r\n`), expect: SIMPLE },
  { name: 'blank-lines-between.csv', covers: 'blank lines between records, not counted', bytes: () => text(csv(3).replaceAll('\nH-', '\n\n \nH-')), expect: SIMPLE },
  {
    name: 'crlf-tiny-chunks.csv',
    covers: 'a CRLF file cut into chunks of 7 bytes',
    bytes: () => text(csv(5, '\r\n')),
    chunkSize: 7,
    expect: { rows: 5, accepted: 5 },
  },
  {
    name: 'crlf-on-read-boundary.csv',
    covers: 'a CR as the last byte of a read and its LF as the first of the next: at 1 MiB (the CLI reads so much at a time) and 4 MiB (the app)',
    bytes: () => crlfAt([1 << 20, 4 << 20]),
    expect: { rows: CRLF_ROWS, accepted: CRLF_ROWS },
  },

  // Quoting
  {
    name: 'quoted-delimiters.csv',
    covers: 'delimiters inside quoted cells',
    bytes: () => text(`${HEADER}\n"Q,1","Olive Oil",Grocery,1,"2.50",0,"Europe",2024-01-02,"a@example.com"\n`),
    expect: { rows: 1, accepted: 1, cleaned: { order_id: ['Q,1'], customer_email: ['a@example.com'] } },
  },
  {
    name: 'quoted-line-breaks.csv',
    covers: 'CRLF and LF inside quoted cells',
    bytes: () => text(`${HEADER}\r\n"Q\r\n1",Olive Oil,Grocery,1,2.50,0,Europe,2024-01-02,x@example.com\r\n"Q\n2",Olive Oil,Grocery,1,2.50,0,Europe,2024-01-02,y@example.com\r\n`),
    // A quoted CRLF reads as LF (README, Cleaning rules).
    expect: { rows: 2, accepted: 2, cleaned: { order_id: ['Q\n1', 'Q\n2'] } },
  },
  {
    name: 'doubled-quotes.csv',
    covers: '"" inside quoted cells',
    bytes: () => text(`${HEADER}\n"Q ""1""",Olive Oil,Grocery,1,2.50,0,Europe,2024-01-02,x@example.com\n`),
    expect: { rows: 1, accepted: 1, cleaned: { order_id: ['Q "1"'] } },
  },
  {
    name: 'unterminated-quote-mid-file.csv',
    covers: 'a quote opened and never closed, with records after it',
    bytes: () => text(`${HEADER}\n${sale(1).join(',')}\nQ-2,"Olive Oil,Grocery,1,2.50,0,Europe,2024-01-02,x@example.com\n${sale(3).join(',')}\n${sale(4).join(',')}\n`),
    expect: { rows: 2, accepted: 1, rejected: { malformed_row: 1 } },
  },
  {
    name: 'unterminated-quote-at-end.csv',
    covers: 'the last cell opens a quote and the file ends',
    bytes: () => text(`${HEADER}\n${sale(1).join(',')}\n${sale(2).join(',')}\nQ-3,Olive Oil,Grocery,1,2.50,0,Europe,2024-01-02,"x@example.com`),
    expect: { rows: 3, accepted: 2, rejected: { malformed_row: 1 } },
  },
  {
    name: 'quote-inside-unquoted.csv',
    covers: 'a quote in the middle of an unquoted cell: kept as a character',
    bytes: () => text(`${HEADER}\nO"NEIL-1,Olive Oil,Grocery,1,2.50,0,Europe,2024-01-02,x@example.com\n`),
    expect: { rows: 1, accepted: 1, cleaned: { order_id: ['O"NEIL-1'] } },
  },
  {
    name: 'space-after-closing-quote.csv',
    covers: 'spaces between a closing quote and the delimiter: allowed, as PapaParse allows them',
    bytes: () => text(`${HEADER}\n"Q-1"  ,Olive Oil,Grocery,1,2.50,0,Europe,2024-01-02,x@example.com\n${sale(2).join(',')}\n`),
    expect: { rows: 2, accepted: 2, cleaned: { order_id: ['Q-1', 'H-2'] } },
  },

  // Shape
  { name: 'zero-bytes.csv', covers: 'an empty file', bytes: () => new Uint8Array(0), expect: { error: 'EMPTY_FILE', words: ['empty'] } },
  { name: 'only-bom.csv', covers: 'a UTF-8 BOM and nothing else', bytes: () => Uint8Array.from([0xef, 0xbb, 0xbf]), expect: { error: 'EMPTY_FILE', words: ['byte-order mark'] } },
  { name: 'header-only.csv', covers: 'a header and no rows', bytes: () => text(`${HEADER}\n`), expect: { error: 'NO_ROWS', words: ['no data rows'] } },
  { name: 'blank-lines-only.csv', covers: 'nothing but blank lines', bytes: () => text('\n\r\n  \n\t\n'), expect: { error: 'EMPTY_FILE', words: ['blank lines'] } },
  {
    name: 'ragged-short-rows.csv',
    covers: 'rows with fewer cells than the header',
    bytes: () => text(`${HEADER}\n${sale(1).join(',')}\nR-2,Olive Oil,Grocery\nR-3\n`),
    expect: { rows: 3, accepted: 1, rejected: { malformed_row: 2 } },
  },
  {
    name: 'ragged-long-rows.csv',
    covers: 'rows with more cells than the header',
    bytes: () => text(`${HEADER}\n${sale(1).join(',')}\n${sale(2).join(',')},extra,more\n`),
    expect: { rows: 2, accepted: 1, rejected: { malformed_row: 1 } },
  },
  {
    name: 'duplicate-headers.csv',
    covers: 'two headers name region: the first is used, and the log says so',
    bytes: () => text(`${HEADER},Region\n${sale(1).join(',')},Nowhere\n`),
    expect: { rows: 1, accepted: 1, cleaned: { region: ['Europe'] }, log: ['Region'] },
  },
  {
    name: 'proto-headers.csv',
    covers: 'headers named __proto__, constructor, toString and hasOwnProperty',
    bytes: () => text(`__proto__,constructor,${HEADER},toString,hasOwnProperty\nx,y,${sale(1).join(',')},z,w\n`),
    expect: { rows: 1, accepted: 1, cleaned: { order_id: ['H-1'] } },
  },
  {
    name: 'proto-header-mapped.csv',
    covers: 'a column named __proto__ mapped onto order_id',
    bytes: () => text(`__proto__,${HEADER.replace('order_id,', '')}\nP-1,${sale(1).slice(1).join(',')}\n`),
    args: ['--map', 'order_id=__proto__'],
    expect: { rows: 1, accepted: 1, cleaned: { order_id: ['P-1'] } },
  },
  {
    name: 'missing-required-column.csv',
    covers: 'no region column',
    bytes: () => text(`${HEADER.replace(',region', '')}\nM-1,Olive Oil,Grocery,1,2.50,0,2024-01-02,x@example.com\n`),
    expect: { error: 'MISSING_COLUMNS', words: ['region', 'header found'], missing: ['region'] },
  },
  {
    name: 'preamble-before-header.csv',
    covers: 'a report title above the header',
    bytes: () => text(`Sales report generated 2024-07-01\n\n${csv(3)}`),
    expect: { error: 'MISSING_COLUMNS', words: ['Sales report generated'], missing: ['order_id', 'product_name', 'category', 'quantity', 'unit_price', 'region', 'sale_date'] },
  },
  {
    name: 'totals-row-at-end.csv',
    covers: 'a totals row after the data',
    bytes: () => text(`${csv(3)}TOTAL,,,,37.50,,,,\n`),
    expect: { rows: 4, accepted: 3, rejected: { missing_product_name: 1 } },
  },
  {
    name: 'header-trailing-delimiter.csv',
    covers: 'a header and rows that end with a delimiter (an empty last column)',
    bytes: () => text(`${HEADER},\n${sale(1).join(',')},\n${sale(2).join(',')},\n`),
    expect: { rows: 2, accepted: 2 },
  },
  {
    name: 'only-delimiters-row.csv',
    covers: 'a row of nothing but delimiters',
    bytes: () => text(`${HEADER}\n,,,,,,,,\n${sale(2).join(',')}\n`),
    expect: { rows: 2, accepted: 1, rejected: { missing_order_id: 1 } },
  },

  // Delimiters and locales
  {
    name: 'semicolon-decimal-comma.csv',
    covers: '; with decimal commas: the delimiter is found, and a price of 12,50 is not a price (SPEC 2)',
    bytes: () => text(`${HEADER.replaceAll(',', ';')}\nS-1;Olive Oil;Grocery;2;12,50;0,1;Europe;2024-01-02;x@example.com\nS-2;Olive Oil;Grocery;2;12.50;0;Europe;2024-01-02;x@example.com\n`),
    expect: { rows: 2, accepted: 1, rejected: { invalid_unit_price: 1 }, cleaned: { order_id: ['S-2'] }, log: ['";"'] },
  },
  { name: 'tab.tsv.csv', covers: 'tab-separated', bytes: () => text(csv(3, '\n', '\t')), expect: { ...SIMPLE, log: ['"\\t"'] } },
  { name: 'pipe.csv', covers: '|-separated', bytes: () => text(csv(3, '\n', '|')), expect: { ...SIMPLE, log: ['"|"'] } },
  {
    name: 'one-column.csv',
    covers: 'a single column: nothing to split on',
    bytes: () => text('order_id\nA-1\nA-2\n'),
    expect: { error: 'MISSING_COLUMNS', words: ['product_name', 'header found was: order_id'], missing: ['product_name', 'category', 'quantity', 'unit_price', 'region', 'sale_date'] },
  },

  // Hostile content
  {
    name: 'formula-injection.csv',
    covers: 'cells that a spreadsheet would run as formulas',
    bytes: () => text(`${HEADER}\n"=HYPERLINK(""http://x"")",Olive Oil,Grocery,1,2.50,0,Europe,2024-01-02,x@example.com\n+F-2,Olive Oil,Grocery,1,2.50,0,Europe,2024-01-02,@SUM(A1)\n`),
    expect: { rows: 2, accepted: 2, cleaned: { order_id: [`'=HYPERLINK("HTTP://X")`, "'+F-2"] } },
  },
  {
    name: 'xss-payloads.csv',
    covers: 'HTML and script in headers and cells',
    bytes: () => text(`${HEADER},<img src=x onerror=alert(1)>\n<script>alert(1)</script>,Olive Oil,Grocery,1,2.50,0,Europe,2024-01-02,"<svg onload=alert(1)>@x.com",<b>bold</b>\n`),
    expect: { rows: 1, accepted: 1, cleaned: { order_id: ['<SCRIPT>ALERT(1)</SCRIPT>'] } },
  },
  {
    name: 'field-10mb.csv',
    covers: 'a 10 MB cell: longer than max_field_bytes, the row is malformed and the job goes on',
    bytes: () => text(`${HEADER}\n${sale(1).join(',')}\nB-2,${'x'.repeat(10 << 20)},Grocery,1,2.50,0,Europe,2024-01-02,\n${sale(3).join(',')}\n`),
    expect: { rows: 3, accepted: 2, rejected: { malformed_row: 1 } },
  },
  {
    name: 'line-100mb.csv',
    covers: 'a 100 MB line with no line break: longer than max_record_bytes, refused at once',
    bytes: () => text(`${HEADER}\nL-1,${'y'.repeat(100 << 20)}`),
    expect: { error: 'RECORD_TOO_LARGE', words: ['longer than the limit', 'max_record_bytes'], where: { byteOffset: HEADER.length + 1 } },
  },
  {
    name: 'columns-100k.csv',
    covers: 'a header of 100,000 columns: more than max_columns, refused at the header',
    bytes: () => text(`${HEADER},${Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',')}\n${sale(1).join(',')}\n`),
    expect: { error: 'TOO_MANY_COLUMNS', words: ['100,009 columns', 'max_columns'], where: { byteOffset: 0 } },
  },
  {
    name: 'limit-field.csv',
    covers: 'max_field_bytes set low: a cell over it makes its row malformed',
    bytes: () => text(csv(3)),
    args: ['--max-field-bytes', '11'],
    expect: { rows: 3, accepted: 0, rejected: { malformed_row: 3 } },
  },
  {
    name: 'limit-record.csv',
    covers: 'max_record_bytes set low: a record over it stops the job',
    bytes: () => text(csv(3)),
    args: ['--max-record-bytes', '40'],
    expect: { error: 'RECORD_TOO_LARGE', words: ['limit of 40 bytes'], where: { byteOffset: 0 } },
  },
  {
    name: 'limit-columns.csv',
    covers: 'max_columns set low: a wider header stops the job',
    bytes: () => text(csv(3)),
    args: ['--max-columns', '5'],
    expect: { error: 'TOO_MANY_COLUMNS', words: ['9 columns', 'limit of 5'] },
  },
  {
    name: 'emoji-and-invisible.csv',
    covers: 'emoji, zero-width and right-to-left marks in cells',
    bytes: () => text(`${HEADER}\nE-1\u200b🫒\u202e,Olive Oil,Grocery,1,2.50,0,Europe,2024-01-02,x@example.com\n`),
    expect: { rows: 1, accepted: 1, cleaned: { order_id: ['E-1\u200b🫒\u202e'] } },
  },

  // Not CSV at all
  { name: 'spreadsheet.xlsx.csv', covers: 'an .xlsx renamed', bytes: () => zip('xl/workbook.xml', '<workbook/>'), expect: { error: 'NOT_TEXT', words: ['ZIP archive', 'spreadsheet'] } },
  { name: 'archive.zip.csv', covers: 'a zip of a CSV', bytes: () => zip('sales.csv', csv(3)), expect: { error: 'NOT_TEXT', words: ['ZIP archive'] } },
  { name: 'document.pdf.csv', covers: 'a PDF renamed', bytes: () => text('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'), expect: { error: 'NOT_TEXT', words: ['PDF'] } },
  {
    name: 'image.png.csv',
    covers: 'a PNG renamed',
    bytes: () => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]),
    expect: { error: 'NOT_TEXT', words: ['PNG image'] },
  },
  { name: 'data.parquet.csv', covers: 'a Parquet file renamed', bytes: () => join('PAR1', new Uint8Array(64), 'PAR1'), expect: { error: 'NOT_TEXT', words: ['Parquet'] } },
  {
    name: 'old-excel.xls.csv',
    covers: 'an old .xls renamed',
    bytes: () => join([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], new Uint8Array(504)),
    expect: { error: 'NOT_TEXT', words: ['Office document'] },
  },
  { name: 'gzipped.csv.gz', covers: 'a gzip-compressed CSV', bytes: () => gzipSync(csv(3)), expect: { ...SIMPLE, log: ['gzip'] } },
  {
    name: 'truncated.csv.gz',
    covers: 'a gzip cut in half',
    bytes: () => {
      const whole = gzipSync(csv(2000));
      return whole.subarray(0, whole.length >> 1);
    },
    expect: { error: 'NOT_TEXT', words: ['gzip', 'damaged or cut short'] },
  },
  { name: 'gzip-in-gzip.csv.gz', covers: 'gzip twice', bytes: () => gzipSync(gzipSync(csv(3))), expect: { error: 'NOT_TEXT', words: ['gzip inside gzip'] } },
  {
    name: 'gzip-bomb.csv.gz',
    covers: 'a small gzip of a gigabyte of zeros: refused from its first bytes, not read to the end',
    bytes: () => gzipSync(new Uint8Array(1 << 30), { level: 9 }),
    expect: { error: 'NOT_TEXT', words: ['binary'] },
  },
  {
    name: 'deflate-raw.csv',
    covers: 'raw deflate data with no header',
    bytes: () => deflateRawSync(csv(50)),
    expect: { error: 'NOT_TEXT', words: ['binary'] },
  },
];
