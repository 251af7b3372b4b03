import { Readable } from 'node:stream';
import { createGunzip, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isPipelineError, type PipelineError } from '../../src/core/errors.ts';
import { TextStream } from '../../src/core/input/decodeText.ts';
import { sniff } from '../../src/core/input/sniff.ts';
import { firstInvalidUtf8 } from '../../src/core/input/utf8.ts';
import { defaultLookups } from '../../src/core/lookups/defaults.ts';
import { withDefaults, type JobOptions } from '../../src/core/options.ts';
import { runInMemory, type InMemoryResult } from '../../src/core/pipeline/runInMemory.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: Array<string | number[]>): Uint8Array => Buffer.concat(parts.map((p) => (typeof p === 'string' ? utf8(p) : Uint8Array.from(p))));

function thrown(work: () => unknown): PipelineError {
  try {
    work();
  } catch (error) {
    if (isPipelineError(error)) return error;
    throw error;
  }
  throw new Error('expected a PipelineError');
}

async function rejected(work: Promise<unknown>): Promise<PipelineError> {
  try {
    await work;
  } catch (error) {
    if (isPipelineError(error)) return error;
    throw error;
  }
  throw new Error('expected a PipelineError');
}

/** Decodes pieces with one TextStream, as openInput does. */
function decode(pieces: Uint8Array[], encoding: 'utf-8' | 'windows-1252' = 'utf-8', baseOffset = 0): string {
  const stream = new TextStream(encoding, baseOffset);
  return pieces.map((p) => stream.push(p)).join('') + stream.end();
}

describe('TextStream', () => {
  const text = 'a\u00e9\u20ac\u{1F600}b\u00ff\uFFFD\u{10FFFF}';
  const encoded = utf8(text);

  it('decodes a multi-byte character split at every possible pair of piece boundaries', () => {
    for (let i = 0; i <= encoded.length; i++) {
      for (let j = i; j <= encoded.length; j++) {
        const pieces = [encoded.subarray(0, i), encoded.subarray(i, j), encoded.subarray(j)];
        expect(decode(pieces), `cut at ${i} and ${j}`).toBe(text);
      }
    }
  });

  it('decodes a piece of many megabytes in parts, characters cut between parts carried over', () => {
    // Over 8 MiB goes through the decoder a megabyte at a time; some cuts fall inside a € (three bytes).
    const line = 'ab€'.repeat(1000) + '\n';
    const big = line.repeat(Math.ceil((9 << 20) / utf8(line).length));
    expect(decode([utf8(big)])).toBe(big);
  });

  it('decodes one byte at a time', () => {
    expect(decode([...encoded].map((b) => Uint8Array.of(b)))).toBe(text);
  });

  const invalidCases = [
    { name: 'the first byte', pieces: [[0xff, 0x61]], offset: 0, shown: 'byte 0xFF' },
    { name: 'a lone continuation byte', pieces: ['ab', [0x80]], offset: 2, shown: 'byte 0x80' },
    { name: 'a byte in a later piece', pieces: ['abc', 'de', [0xe9], 'f'], offset: 5, shown: 'byte 0xE9' },
    { name: 'a windows-1252 é inside a piece', pieces: [['Caf'.charCodeAt(0), 0x61, 0x66, 0xe9, 0x2c, 0x31]], offset: 3, shown: 'byte 0xE9' },
    // A sequence cut short by the end of the file is named by its first byte.
    { name: 'a truncated sequence at the end of the file', pieces: ['ab', [0xe2, 0x82]], offset: 2, shown: 'the file ends in the middle of a character' },
    { name: 'a truncated 4-byte sequence at the end, split over pieces', pieces: ['xyz', [0xf0], [0x9f, 0x98]], offset: 3, shown: 'the file ends in the middle of a character' },
    { name: 'an invalid byte right after a character split across pieces', pieces: [[0x61, 0xe2, 0x82], [0xac, 0xff]], offset: 4, shown: 'byte 0xFF' },
    { name: 'an invalid byte after a split character, in a third piece', pieces: [[0x61, 0xe2], [0x82], [0xac], [0x62, 0xc3]], offset: 5, shown: 'the file ends in the middle of a character' },
    { name: 'an invalid byte right after a split character, in the same piece as its end', pieces: [[0x61, 0xf0, 0x9f], [0x98, 0x80, 0x80]], offset: 5, shown: 'byte 0x80' },
    { name: 'a sequence started in one piece and broken in the next', pieces: [[0x61, 0xe2], [0x41]], offset: 1, shown: 'byte 0xE2' },
    { name: 'a sequence broken after two of its bytes, over pieces', pieces: ['abcd', [0xf0, 0x9f], [0x98, 0x41]], offset: 4, shown: 'byte 0xF0' },
    { name: 'an overlong encoding', pieces: ['ok', [0xc0, 0x80]], offset: 2, shown: 'byte 0xC0' },
    { name: 'an encoded surrogate', pieces: ['ok', [0xed, 0xa0, 0x80]], offset: 2, shown: 'byte 0xED' },
    { name: 'a code point above U+10FFFF', pieces: [[0xf4, 0x90, 0x80, 0x80]], offset: 0, shown: 'byte 0xF4' },
  ];

  it.each(invalidCases)('invalid UTF-8 at $name: offset $offset', ({ pieces, offset, shown }) => {
    const error = thrown(() => decode(pieces.map((p) => bytes(p))));
    expect(error.code).toBe('INVALID_ENCODING');
    expect(error.message).toContain(`at byte offset ${offset}.`);
    expect(error.message).toContain(shown);
    expect(error.message).toContain('windows-1252');
    expect(error.where.byteOffset).toBe(offset);
  });

  it('counts offsets from the start of the file when bytes (a BOM) came before', () => {
    const error = thrown(() => decode([utf8('abc'), Uint8Array.of(0xff)], 'utf-8', 3));
    expect(error.where.byteOffset).toBe(6);
    expect(error.message).toContain('byte offset 6');
  });

  const wholeFiles = [
    { name: 'a windows-1252 byte after a 3-byte character', file: bytes('héllo ', [0xe2, 0x82, 0xac], ' w', [0xe9], 'rld'), offset: 12 },
    { name: 'a lone continuation after a 4-byte character', file: bytes('ab', [0xf0, 0x9f, 0x98, 0x80, 0x80], 'cd'), offset: 6 },
    { name: 'a 4-byte character cut by the end of the file', file: bytes('xy€', [0xf0, 0x9f, 0x98]), offset: 5 },
  ];

  it.each(wholeFiles)('finds $name at byte $offset, wherever the pieces are cut', ({ file, offset }) => {
    expect(firstInvalidUtf8(file, true)).toBe(offset);
    for (let i = 0; i <= file.length; i++) {
      for (let j = i; j <= file.length; j++) {
        const error = thrown(() => decode([file.subarray(0, i), file.subarray(i, j), file.subarray(j)]));
        expect(error.where.byteOffset, `cut at ${i} and ${j}`).toBe(offset);
        expect(error.message).toContain(`byte offset ${offset}.`);
      }
    }
  });

  it('decodes windows-1252: 0x80 is €, 0xE9 is é', () => {
    expect(decode([Uint8Array.of(0x43, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x35)], 'windows-1252')).toBe('Café €5');
    expect(decode([Uint8Array.of(0x93, 0x71, 0x94, 0x9f)], 'windows-1252')).toBe('\u201cq\u201d\u0178');
  });
});

describe('sniff', () => {
  const failures = [
    { name: 'empty', head: [], code: 'EMPTY_FILE', says: 'empty' },
    { name: 'a UTF-8 BOM only', head: [0xef, 0xbb, 0xbf], code: 'EMPTY_FILE', says: 'byte-order mark' },
    { name: 'a UTF-16 LE BOM only', head: [0xff, 0xfe], code: 'EMPTY_FILE', says: 'byte-order mark' },
    { name: 'a UTF-16 BE BOM only', head: [0xfe, 0xff], code: 'EMPTY_FILE', says: 'byte-order mark' },
    { name: 'PNG', head: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d], code: 'NOT_TEXT', says: 'PNG image' },
    { name: 'ZIP (xlsx)', head: [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00], code: 'NOT_TEXT', says: 'ZIP archive' },
    { name: 'PDF', head: [...utf8('%PDF-1.7\n')], code: 'NOT_TEXT', says: 'PDF document' },
    { name: 'Parquet', head: [...utf8('PAR1'), 0x15, 0x04], code: 'NOT_TEXT', says: 'Parquet file' },
    { name: 'old Excel (OLE)', head: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], code: 'NOT_TEXT', says: 'xls' },
    { name: 'JPEG', head: [0xff, 0xd8, 0xff, 0xe0], code: 'NOT_TEXT', says: 'JPEG image' },
  ];

  it.each(failures)('$name: $code', ({ head, code, says }) => {
    const error = thrown(() => sniff(Uint8Array.from(head)));
    expect(error.code).toBe(code);
    expect(error.message).toContain(says);
  });

  const kinds = [
    { name: 'gzip', head: [0x1f, 0x8b, 0x08, 0x00], expected: { kind: 'gzip' } },
    { name: 'plain UTF-8', head: [...utf8('a,b\n1,2\n')], expected: { kind: 'text', encoding: 'utf-8', bomBytes: 0 } },
    { name: 'UTF-8 with BOM', head: [0xef, 0xbb, 0xbf, ...utf8('a,b\n')], expected: { kind: 'text', encoding: 'utf-8', bomBytes: 3 } },
    { name: 'UTF-16 LE BOM', head: [0xff, 0xfe, 0x61, 0x00, 0x2c, 0x00], expected: { kind: 'text', encoding: 'utf-16le', bomBytes: 2 } },
    { name: 'UTF-16 BE BOM', head: [0xfe, 0xff, 0x00, 0x61, 0x00, 0x2c], expected: { kind: 'text', encoding: 'utf-16be', bomBytes: 2 } },
    { name: 'windows-1252 bytes (sniffed as UTF-8, the decoder decides)', head: [0x43, 0x61, 0x66, 0xe9], expected: { kind: 'text', encoding: 'utf-8', bomBytes: 0 } },
  ];

  it.each(kinds)('$name', ({ head, expected }) => {
    expect(sniff(Uint8Array.from(head))).toEqual(expected);
  });

  it('takes a forced encoding', () => {
    expect(sniff(utf8('a,b\n'), 'windows-1252')).toEqual({ kind: 'text', encoding: 'windows-1252', bomBytes: 0 });
  });

  it('takes text with a few NUL bytes for text, and a file full of control bytes for binary', () => {
    const line = utf8('order_id,product_name,quantity\nORD-1,Tea,2\n');
    const textish = new Uint8Array(2000);
    for (let i = 0; i < textish.length; i++) textish[i] = line[i % line.length]!;
    for (const at of [100, 500, 900, 1300, 1700]) textish[at] = 0x00;
    expect(sniff(textish)).toEqual({ kind: 'text', encoding: 'utf-8', bomBytes: 0 });

    const binary = textish.slice();
    for (let i = 0; i < binary.length; i += 2) binary[i] = i % 3 === 0 ? 0x00 : 0x01;
    const error = thrown(() => sniff(binary));
    expect(error.code).toBe('NOT_TEXT');
    expect(error.message).toContain('binary');
  });

  it('does not count tab, LF, FF and CR as control bytes', () => {
    const whitespace = Uint8Array.from({ length: 400 }, (_, i) => [0x09, 0x0a, 0x0c, 0x0d, 0x61][i % 5]!);
    expect(sniff(whitespace)).toEqual({ kind: 'text', encoding: 'utf-8', bomBytes: 0 });
  });
});

describe('whole jobs over encoded and compressed files', () => {
  const CSV =
    'order_id,product_name,category,quantity,unit_price,discount_percent,region,sale_date,customer_email\n' +
    'ORD-1,Smartphone X,Electronics,2,10.00,0.1,North America,2024-03-05,a@b.com\n' +
    'ORD-2,Crème Brûlée Kit \u{1F36E},Grocery,1,€4.50,,Europe,05-03-2024,\n' +
    'ORD-3,"Bike, Mountain",Sports,3,$1,299.00,15%,APAC,03/05/2024,x@y.org\n' +
    'ORD-3,Tea,Grocery,many,1,0,Asia,2024-03-05,\n' +
    'ORD-4,Green Tea,Grocery,1,3,0,Océanie,2024-03-05,\n';
  const options = (over: Partial<JobOptions> = {}) => withDefaults({ reference_date: '2024-06-30', ...over });
  const gunzip = (stream: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> => Readable.from(stream).pipe(createGunzip());
  const same = (result: InMemoryResult, expected: InMemoryResult) => {
    expect(result.tables).toEqual(expected.tables);
    expect(result.cleanedCsv).toBe(expected.cleanedCsv);
    expect(result.rejectedCsv).toBe(expected.rejectedCsv);
    expect(result.header).toEqual(expected.header);
  };

  const utf16le = (s: string) => new Uint8Array(Buffer.from('\uFEFF' + s, 'utf16le'));
  const utf16be = (s: string) => {
    const le = utf16le(s);
    const be = new Uint8Array(le.length);
    for (let i = 0; i < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1]!, le[i]!];
    return be;
  };

  it('reads the plain file as expected (the reference for the others)', async () => {
    const plain = await runInMemory(CSV, options(), defaultLookups());
    expect(plain.rowsRead).toBe(5);
    expect(plain.rowsAccepted).toBe(3);
    expect(plain.cleanedCsv).toContain('Crème Brûlée Kit \u{1F36E}');
  });

  const encodings = [
    { name: 'UTF-8 with BOM', encode: (s: string) => bytes([0xef, 0xbb, 0xbf], s), encoding: 'utf-8' },
    { name: 'UTF-16LE with BOM', encode: utf16le, encoding: 'utf-16le' },
    { name: 'UTF-16BE with BOM', encode: utf16be, encoding: 'utf-16be' },
  ];

  it.each(encodings)('$name gives the same tables as plain UTF-8, whatever the chunk size', async ({ encode, encoding }) => {
    const expected = await runInMemory(CSV, options(), defaultLookups());
    for (const chunkSize of [1, 3, 7, 1 << 20]) {
      const result = await runInMemory(encode(CSV), options(), defaultLookups(), { chunkSize });
      expect(result.encoding).toBe(encoding);
      same(result, expected);
    }
  });

  it('a gzip-compressed file gives the same tables as the plain file', async () => {
    const expected = await runInMemory(CSV, options(), defaultLookups());
    const result = await runInMemory(new Uint8Array(gzipSync(CSV)), options(), defaultLookups(), { gunzip });
    same(result, expected);
    expect(result.log.join('\n')).toContain('gzip');
  });

  it('a gzip-compressed UTF-16 file gives the same tables as the plain file', async () => {
    const expected = await runInMemory(CSV, options(), defaultLookups());
    const result = await runInMemory(new Uint8Array(gzipSync(utf16le(CSV))), options(), defaultLookups(), { gunzip, chunkSize: 5 });
    expect(result.encoding).toBe('utf-16le');
    same(result, expected);
  });

  it('a truncated gzip file is NOT_TEXT', async () => {
    const big = CSV + CSV.split('\n').slice(1).join('\n').repeat(50);
    const zipped = gzipSync(big);
    const error = await rejected(runInMemory(new Uint8Array(zipped.subarray(0, Math.floor(zipped.length / 2))), options(), defaultLookups(), { gunzip }));
    expect(error.code).toBe('NOT_TEXT');
    expect(error.message).toContain('gzip');
  });

  it('gzip inside gzip is NOT_TEXT', async () => {
    const error = await rejected(runInMemory(new Uint8Array(gzipSync(gzipSync(CSV))), options(), defaultLookups(), { gunzip }));
    expect(error.code).toBe('NOT_TEXT');
  });

  it('names the byte offset of invalid UTF-8 in the file, BOM included, whatever the chunk size', async () => {
    const head = 'order_id,product_name,category,quantity,unit_price,discount_percent,region,sale_date,customer_email\nORD-1,Caf';
    const tail = ',Grocery,1,3,0,Europe,2024-03-05,\n';
    const latin1 = bytes(head, [0xe9], tail);
    for (const chunkSize of [1, 4, 1 << 20]) {
      const error = await rejected(runInMemory(latin1, options(), defaultLookups(), { chunkSize }));
      expect(error.code).toBe('INVALID_ENCODING');
      expect(error.where.byteOffset).toBe(utf8(head).length);
      expect(error.message).toContain(`byte offset ${utf8(head).length}`);
      expect(error.message).toContain('windows-1252');
    }
    const withBom = await rejected(runInMemory(bytes([0xef, 0xbb, 0xbf], head, [0xe9], tail), options(), defaultLookups()));
    expect(withBom.where.byteOffset).toBe(utf8(head).length + 3);
  });

  it('reads the same bytes when windows-1252 is chosen', async () => {
    const latin1 = bytes(
      'order_id,product_name,category,quantity,unit_price,discount_percent,region,sale_date,customer_email\nORD-1,Caf',
      [0xe9, 0x20, 0x80],
      ',Grocery,1,3,0,Europe,2024-03-05,\n',
    );
    const result = await runInMemory(latin1, options({ encoding: 'windows-1252' }), defaultLookups());
    expect(result.encoding).toBe('windows-1252');
    expect(result.cleanedCsv).toContain(',Café €,Grocery,');
  });

  const refusals = [
    { name: 'an empty file', input: new Uint8Array(0), code: 'EMPTY_FILE' },
    { name: 'a BOM only', input: Uint8Array.of(0xef, 0xbb, 0xbf), code: 'EMPTY_FILE' },
    { name: 'blank lines only', input: utf8('\n  \n\r\n'), code: 'EMPTY_FILE' },
    { name: 'a PNG', input: Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), code: 'NOT_TEXT' },
    { name: 'a header without rows', input: utf8('order_id,product_name,category,quantity,unit_price,region,sale_date\n'), code: 'NO_ROWS' },
  ];

  it.each(refusals)('refuses $name with $code', async ({ input, code }) => {
    expect((await rejected(runInMemory(input, options(), defaultLookups()))).code).toBe(code);
  });
});
