import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { putUtf8, toUtf8, utf8Text } from '../../src/core/text/shortUtf8.ts';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

// Bytes near UTF-8's edges: lead bytes of every length, continuation bytes at the ends of their ranges.
const edgyByte = fc.constantFrom(0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xed, 0xee, 0xef, 0xbb, 0xf0, 0xf4, 0xf5, 0xff);

describe('utf8Text', () => {
  it('decodes as TextDecoder does, valid or not', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 255 }), edgyByte), { maxLength: 40 }), fc.nat(4), fc.nat(4), (values, cut, trail) => {
        const bytes = Uint8Array.from(values);
        const start = Math.min(cut, bytes.length);
        const end = Math.max(start, bytes.length - trail);
        expect(utf8Text(bytes, start, end)).toBe(decoder.decode(bytes.subarray(start, end)));
      }),
      { numRuns: 20000 },
    );
  });

  it('decodes any text it is given back as UTF-8', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const bytes = encoder.encode(`,${text},`);
        expect(utf8Text(bytes, 1, bytes.length - 1)).toBe(decoder.decode(bytes.subarray(1, -1)));
      }),
    );
  });

  it('drops a leading byte order mark, as TextDecoder does', () => {
    const bytes = Uint8Array.of(0x78, 0xef, 0xbb, 0xbf, 0x61);
    expect(utf8Text(bytes, 1, 5)).toBe('a');
    expect(utf8Text(bytes, 0, 5)).toBe('x\ufeffa');
  });
});

describe('putUtf8', () => {
  it('encodes as TextEncoder does, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff', 'é', '€', '😀', '\u07ff', '\u0800', '\uffff'), fc.string({ unit: 'binary', maxLength: 1 })) }), fc.nat(5), (text, at) => {
        const out = new Uint8Array(at + 3 * text.length);
        const end = putUtf8(out, at, text);
        expect(out.subarray(at, end)).toEqual(encoder.encode(text));
        expect(toUtf8(text)).toEqual(encoder.encode(text));
      }),
      { numRuns: 20000 },
    );
  });
});
