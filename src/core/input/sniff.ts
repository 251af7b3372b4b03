import { PipelineError } from '../errors.ts';
import type { Encoding } from '../options.ts';

/** What the first bytes of a file say it is. */
export type Sniffed = { kind: 'gzip' } | { kind: 'text'; encoding: Encoding; bomBytes: number };

const MAGIC: Array<[bytes: number[], what: string]> = [
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (an .xlsx or .ods spreadsheet is one)'],
  [[0x50, 0x4b, 0x05, 0x06], 'an empty ZIP archive'],
  [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 'an Office document (an old .xls spreadsheet is one)'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x50, 0x41, 0x52, 0x31], 'a Parquet file'],
  [[0x41, 0x52, 0x52, 0x4f, 0x57, 0x31], 'an Arrow file'],
  [[0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], 'an SQLite database'],
  [[0x42, 0x5a, 0x68], 'a bzip2 archive'],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 'an xz archive'],
  [[0x37, 0x7a, 0xbc, 0xaf], 'a 7-Zip archive'],
  [[0x52, 0x61, 0x72, 0x21], 'a RAR archive'],
];

const startsWith = (head: Uint8Array, bytes: number[]) => bytes.every((b, i) => head[i] === b);

const SAMPLE_BYTES = 64 * 1024;

/** Share of control bytes above which a UTF-8 or single-byte file is taken for binary data. */
const MAX_CONTROL_SHARE = 0.01;

function controlShare(head: Uint8Array): number {
  let controls = 0;
  for (let i = 0; i < head.length; i++) {
    const b = head[i]!;
    // Tab, LF, FF and CR are text; every other C0 control (NUL included) is not.
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) controls++;
  }
  return head.length === 0 ? 0 : controls / head.length;
}

/**
 * Classifies a file from its first bytes (64 KiB is plenty); refuses empty and binary files.
 * @example sniff(new Uint8Array([0xef, 0xbb, 0xbf, 0x61])) // { kind: 'text', encoding: 'utf-8', bomBytes: 3 }
 */
export function sniff(head: Uint8Array, forced?: Encoding, fileSize = head.length): Sniffed {
  if (fileSize === 0) throw new PipelineError('EMPTY_FILE', 'The file is empty (0 bytes). Pick a CSV file that has a header row and data.');
  if (startsWith(head, [0x1f, 0x8b])) return { kind: 'gzip' };
  for (const [bytes, what] of MAGIC) {
    if (startsWith(head, bytes)) {
      throw new PipelineError('NOT_TEXT', `This is not a CSV file: it is ${what}. Export the data as CSV (comma- or semicolon-separated text) and pick that file.`);
    }
  }
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return text(head, forced ?? 'utf-8', 3, fileSize);
  if (startsWith(head, [0xff, 0xfe])) return text(head, forced ?? 'utf-16le', 2, fileSize);
  if (startsWith(head, [0xfe, 0xff])) return text(head, forced ?? 'utf-16be', 2, fileSize);
  return text(head, forced ?? 'utf-8', 0, fileSize);
}

function text(head: Uint8Array, encoding: Encoding, bomBytes: number, fileSize: number): Sniffed {
  if (fileSize <= bomBytes) throw new PipelineError('EMPTY_FILE', 'The file is empty: it holds only a byte-order mark. Pick a CSV file that has a header row and data.');
  const utf16 = encoding === 'utf-16le' || encoding === 'utf-16be';
  if (!utf16 && controlShare(head.subarray(bomBytes, bomBytes + SAMPLE_BYTES)) > MAX_CONTROL_SHARE) {
    throw new PipelineError(
      'NOT_TEXT',
      'This file does not look like text: it is full of binary control bytes. Pick a CSV export (UTF-16 text needs its byte-order mark).',
    );
  }
  return { kind: 'text', encoding, bomBytes: encoding === 'utf-8' || utf16 ? bomBytes : 0 };
}
