import { describe, expect, it } from 'vitest';
import { linesStartingIn } from '../../src/bench/lines.ts';

// The benchmark's parse-only chunks: every line in exactly one chunk, whole, in order.

async function chunks(text: string, size: number): Promise<string[]> {
  const blob = new Blob([text]);
  const out: string[] = [];
  for (let from = 0; from < blob.size; from += size) out.push(new TextDecoder().decode(await linesStartingIn(blob, from, from + size)));
  return out;
}

async function expectWholeLines(text: string, sizes: number[]): Promise<void> {
  for (const size of sizes) {
    const parts = (await chunks(text, size)).filter((part) => part !== '');
    expect(parts.join(''), `size ${size}`).toBe(text);
    for (const part of parts.slice(0, -1)) expect(part.endsWith('\n'), `size ${size}`).toBe(true);
  }
}

describe('linesStartingIn', () => {
  it('cuts short texts on line breaks for any chunk size', async () => {
    for (const text of ['a,b\n1,2\n3,4\n', 'a,b\n1,2\n3,4', 'héader\n\n\nx€y\n"q\nq"\nlast', '\n', 'no line break']) {
      await expectWholeLines(text, [1, 2, 3, 5, 8, 64, 1 << 20]);
    }
  });

  it('reads on past a chunk to the end of a long line', async () => {
    await expectWholeLines(`h\n${'z'.repeat(150_000)}\nshort\n${'y'.repeat(70_000)}`, [1000, 1 << 16, 1 << 20]);
  });
});
