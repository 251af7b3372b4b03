import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteRecordReader } from '../../src/core/input/ByteRecordReader.ts';
import { FieldScanner } from '../../src/core/input/fieldScan.ts';
import { forEachRecord, isBlankRecord, toLf } from '../../src/core/input/records.ts';

type Read = Array<[fields: string[], quoteError: boolean]>;

/** Records as the pipeline sees them: blank lines (one blank field, read cleanly) are skipped. */
const notBlank = (read: Read): Read => read.filter(([fields, quoteError]) => !isBlankRecord(fields, quoteError));

/** The records of the decoded text, line breaks made LF, as the string reader gives them. */
function fromText(text: string, delimiter: string): Read {
  const out: Read = [];
  forEachRecord(toLf(text), delimiter, (fields, quoteError) => out.push([fields, quoteError]));
  return notBlank(out);
}

const decoder = new TextDecoder();
const noInvalid = (): never => {
  throw new Error('invalid UTF-8');
};

/** The records the byte reader gives, decoded; also checks that each can be found again from where it says. */
function fromBytes(bytes: Uint8Array, delimiter: string, scanner = FieldScanner.create()): Read {
  const reader = new ByteRecordReader(delimiter, noInvalid, scanner);
  const out: Read = [];
  const places: Array<[number, number]> = [];
  const fields = (record: Uint8Array, starts: Int32Array, ends: Int32Array, count: number) =>
    Array.from({ length: count }, (_, i) => decoder.decode(record.subarray(starts[i], ends[i])));
  reader.read(bytes, (record, starts, ends, count, quoteError, high, at, index) => {
    const read = fields(record, starts, ends, count);
    if (!high) expect([...read.join('')].every((c) => c.charCodeAt(0) < 0x80)).toBe(true);
    out.push([read, quoteError]);
    places.push([at, index]);
  });
  places.forEach(([at, index], k) => {
    let again: string[] | null = null;
    reader.read(
      bytes,
      (record, starts, ends, count, _quoteError, _high, _at, i) => {
        if (i !== index) return true;
        again = fields(record, starts, ends, count);
        return false;
      },
      at,
    );
    expect(again).toEqual(out[k]![0]);
  });
  return notBlank(out);
}

describe('ByteRecordReader', () => {
  for (const delimiter of [',', ';', '\t', '|']) {
    it(`reads from bytes the records read from the decoded text (delimiter ${JSON.stringify(delimiter)})`, () => {
      const text = fc
        .array(fc.constantFrom('a', 'bc', ' ', '"', '""', '\n', '\r\n', '\r', '\n\n', delimiter, 'x"y', '"q"' + delimiter, '" ', 'é', '€', '\u00a0', '😀'), { maxLength: 80 })
        .map((parts) => parts.join(''));
      fc.assert(
        fc.property(text, (t) => {
          const bytes = new TextEncoder().encode(t);
          expect(fromBytes(bytes, delimiter)).toEqual(fromText(t, delimiter));
          // Where WebAssembly may not run, the reader's own loop reads the same.
          expect(fromBytes(bytes, delimiter, null)).toEqual(fromText(t, delimiter));
        }),
        { numRuns: 2000 },
      );
    });
  }

  it('splits lines in WebAssembly here, so that the tests above test it', () => {
    expect(FieldScanner.create()).not.toBeNull();
  });

  it('reads lines of any width, wider than the scanner has room for too', () => {
    for (const width of [1, 15, 16, 17, 1021, 1022, 1023, 1024, 1025, 1026, 1500]) {
      const line = Array.from({ length: width }, (_, i) => (i % 7 === 0 ? 'é' : String(i % 10))).join(',');
      const text = `${line}\nshort,line\n${line}`;
      expect(fromBytes(new TextEncoder().encode(text), ',')).toEqual(fromText(text, ','));
    }
  });

  it('reads quoted runs that span many lines, and goes on splitting lines after them', () => {
    const quoted = `9,"${Array.from({ length: 50 }, (_, i) => `line ${i}`).join('\n')}",z`;
    const text = ['a,b,c', '1,"x\r\ny",2', quoted, '3,4,5', '6,"open', '7,8,9'].join('\r\n');
    expect(fromBytes(new TextEncoder().encode(text), ',')).toEqual(fromText(text, ','));
    expect(fromText(text, ',').at(-1)![1]).toBe(true);
  });

  it('stops at invalid UTF-8, in a plain line or a quoted one', () => {
    for (const bytes of [new Uint8Array([0x61, 0x2c, 0xff, 0x0a]), new Uint8Array([0x22, 0xc3, 0x0a, 0x22, 0x0a])]) {
      expect(() => new ByteRecordReader(',', noInvalid).read(bytes, () => {})).toThrow('invalid UTF-8');
    }
  });
});
