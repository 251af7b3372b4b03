import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareBytes } from '../../src/core/text/compareBytes.ts';
import { key } from '../../src/core/text/key.ts';

describe('key', () => {
  const cases = [
    { name: 'precomposed accent', input: 'Café', expected: 'cafe' },
    { name: 'decomposed accent (e + U+0301)', input: 'Cafe\u0301', expected: 'cafe' },
    { name: 'precomposed and decomposed agree', input: 'Crème Brûlée', expected: 'creme brulee' },
    { name: 'ligature ﬁ (NFKD splits it)', input: 'ﬁsh', expected: 'fish' },
    { name: 'full-width letters (NFKD folds them)', input: 'ＡＢＣ１', expected: 'abc1' },
    { name: '& becomes and', input: 'Home & Kitchen', expected: 'home and kitchen' },
    { name: '& without spaces', input: 'Home&Kitchen', expected: 'home and kitchen' },
    { name: 'punctuation becomes spaces', input: 'N. America', expected: 'n america' },
    { name: 'punctuation between words', input: 'T-Shirt (Cotton)', expected: 't shirt cotton' },
    { name: 'case', input: 'ELECTRONICS', expected: 'electronics' },
    { name: 'runs of spaces and tabs collapse', input: '  North \t\n  America  ', expected: 'north america' },
    { name: 'digits kept', input: 'Laptop Pro 15"', expected: 'laptop pro 15' },
    { name: 'Æ has no decomposition: a space', input: 'Æther', expected: 'ther' },
    { name: 'Æ inside a word splits it', input: 'CÆSAR', expected: 'c sar' },
    { name: 'ß has no decomposition: a space', input: 'Straße', expected: 'stra e' },
    { name: 'ø has no decomposition: a space', input: 'Søren', expected: 's ren' },
    { name: 'emoji becomes a space', input: 'Tea 🍵 Pot', expected: 'tea pot' },
    { name: 'only emoji is empty', input: '🍵🍵', expected: '' },
    { name: 'only punctuation is empty', input: ' -.,!? ', expected: '' },
    { name: 'empty', input: '', expected: '' },
    { name: 'doc example', input: '  Crème & Brûlée!! ', expected: 'creme and brulee' },
    { name: 'non-Latin script becomes spaces', input: 'Tokyo 東京', expected: 'tokyo' },
  ];

  it.each(cases)('$name: key($input) = $expected', ({ input, expected }) => {
    expect(key(input)).toBe(expected);
  });

  it('always yields [a-z0-9] words separated by single spaces, and is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        const k = key(s);
        expect(k).toMatch(/^(?:[a-z0-9]+(?: [a-z0-9]+)*)?$/);
        expect(key(k)).toBe(k);
      }),
      { numRuns: 500 },
    );
  });
});

describe('compareBytes', () => {
  const utf8Order = (a: string, b: string) => Math.sign(Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));

  const cases = [
    { name: 'U+FFFD before an astral character', a: '\uFFFD', b: '\u{1F600}', expected: -1 },
    { name: 'an astral character after U+FFFD', a: '\u{1F600}', b: '\uFFFD', expected: 1 },
    { name: 'U+E000 (private use) before an astral character', a: '\uE000', b: '\u{10000}', expected: -1 },
    { name: 'ASCII order', a: 'Apple', b: 'Banana', expected: -1 },
    { name: 'upper case before lower case', a: 'Zebra', b: 'apple', expected: -1 },
    { name: 'prefix first', a: 'Tea', b: 'Tea Pot', expected: -1 },
    { name: 'equal', a: 'é', b: 'é', expected: 0 },
    { name: 'ASCII before Latin-1', a: 'z', b: 'é', expected: -1 },
    { name: 'two astral characters', a: '\u{1F600}', b: '\u{1F601}', expected: -1 },
    { name: 'empty first', a: '', b: 'a', expected: -1 },
  ];

  it.each(cases)('$name', ({ a, b, expected }) => {
    expect(Math.sign(compareBytes(a, b))).toBe(expected);
    expect(utf8Order(a, b)).toBe(expected);
  });

  it('differs from < on UTF-16 where it should', () => {
    // The reason compareBytes exists: UTF-16 units put a surrogate (0xD83D) before 0xFFFD.
    expect('\u{1F600}' < '\uFFFD').toBe(true);
    expect(['\u{1F600}', '\uFFFD', 'a'].sort(compareBytes)).toEqual(['a', '\uFFFD', '\u{1F600}']);
  });

  it('agrees with the order of UTF-8 bytes on random strings', () => {
    const text = fc.string({ unit: 'binary', maxLength: 8 });
    // Bias towards the ranges that matter: around the surrogates and above U+FFFF.
    const tricky = fc
      .array(fc.constantFrom('a', 'é', '\uD7FF', '\uE000', '\uFFFD', '\uFFFF', '\u{10000}', '\u{1F600}', '\u{10FFFF}'), { maxLength: 5 })
      .map((parts) => parts.join(''));
    const s = fc.oneof(text, tricky);
    fc.assert(
      fc.property(s, s, (a, b) => {
        expect(Math.sign(compareBytes(a, b))).toBe(utf8Order(a, b));
      }),
      { numRuns: 3000 },
    );
  });
});
