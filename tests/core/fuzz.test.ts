import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gunzip } from '../../src/cli/nodeIO.ts';
import { isPipelineError } from '../../src/core/errors.ts';
import { generateCsv } from '../../src/core/generate/generate.ts';
import { defaultLookups } from '../../src/core/lookups/defaults.ts';
import { withDefaults } from '../../src/core/options.ts';
import { runInMemory } from '../../src/core/pipeline/runInMemory.ts';
import { tableFiles } from '../../src/core/pipeline/tables.ts';
import { shuffledExecutor } from '../support/runCore.ts';

// Properties over many random inputs: FUZZ_RUNS of each (1,000 in `npm test`; `npm run fuzz`
// runs more). A failure prints its seed and path; FUZZ_SEED=<seed> runs that case again.
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const settings = { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) };
/** Longer than any of these small jobs may take, even on a busy machine: beyond it, the job hangs. */
const HANG_MS = 20_000;

const options = withDefaults({ reference_date: '2026-06-30', max_record_bytes: 1 << 16 });
const lookups = defaultLookups();
const dirty = (seed: number, rows: number) => new TextEncoder().encode([...generateCsv({ rows, seed, clean: false, endDate: '2026-06-30' })].join(''));

/** Everything a job gives, as text: the tables and both row files. */
async function outputs(bytes: Uint8Array, chunkSize: number, workers: number): Promise<Map<string, string>> {
  const run = runInMemory(bytes, options, lookups, { chunkSize, inFlight: workers * 2 + 1, executor: shuffledExecutor(workers), gunzip });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`the job did not end within ${HANG_MS} ms`)), HANG_MS)));
  try {
    const result = await Promise.race([run, hang]);
    return new Map([...tableFiles(result.tables), ['cleaned_rows.csv', result.cleanedCsv], ['rejected_rows.csv', result.rejectedCsv]]);
  } finally {
    clearTimeout(timer);
  }
}

// Chunk sizes from 1 byte to 1 MiB, small ones most often.
const chunkSize = fc.integer({ min: 0, max: 20 }).chain((bits) => fc.integer({ min: 2 ** Math.max(0, bits - 1), max: 2 ** bits }));
const workers = fc.integer({ min: 1, max: 4 });

/**
 * Bytes that break CSV and text in the most ways: quotes, line breaks, delimiters, spaces, NUL and
 * formula starts most often (the file stays UTF-8, so the job runs), then bytes of broken UTF-8.
 */
const nastyByte = fc.oneof(
  { arbitrary: fc.constantFrom(0x22, 0x0a, 0x0d, 0x2c, 0x3b, 0x09, 0x20, 0x00, 0x3d, 0x2b, 0x40), weight: 6 },
  { arbitrary: fc.constantFrom(0xff, 0xc3, 0xe2, 0x80, 0xef, 0xbb, 0xbf), weight: 1 },
  { arbitrary: fc.integer({ min: 0, max: 255 }), weight: 1 },
);
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), byte: nastyByte }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.array(nastyByte, { minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(bytes: Uint8Array, mutations: Mutation[]): Uint8Array {
  let out = bytes;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % (out.length + 1);
    if (m.kind === 'set' && at < out.length) (out = out.slice())[at] = m.byte;
    else if (m.kind === 'insert') out = Uint8Array.from([...out.subarray(0, at), ...m.bytes, ...out.subarray(at)]);
    else if (m.kind === 'delete') out = Uint8Array.from([...out.subarray(0, at), ...out.subarray(at + m.length)]);
    else if (m.kind === 'cut') out = out.subarray(0, at);
  }
  return out;
}

const REPLACEMENT = '\ufffd';
const hasReplacementBytes = (bytes: Uint8Array) => new TextDecoder('utf-8', { fatal: false }).decode(bytes).includes(REPLACEMENT) && Buffer.from(bytes).includes(Buffer.from([0xef, 0xbf, 0xbd]));

describe(`properties over ${RUNS} random inputs each`, () => {
  it('outputs do not depend on chunk size or worker count, for random dirty files', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 150 }), chunkSize, workers, async (seed, rows, size, count) => {
        const bytes = dirty(seed, rows);
        expect(await outputs(bytes, size, count)).toEqual(await outputs(bytes, 1 << 20, 1));
      }),
      settings,
    );
  }, 600_000);

  it('a mutated file ends the job with its outputs or with a typed error, never a crash, a hang or a U+FFFD of its own', async () => {
    const ends = { completed: 0, refused: new Map<string, number>() };
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 60 }), fc.array(mutation, { minLength: 1, maxLength: 6 }), chunkSize, workers, async (seed, rows, mutations, size, count) => {
        const bytes = mutate(dirty(seed, rows), mutations);
        let files: Map<string, string>;
        try {
          files = await outputs(bytes, size, count);
        } catch (error) {
          if (!isPipelineError(error)) throw error;
          ends.refused.set(error.code, (ends.refused.get(error.code) ?? 0) + 1);
          return;
        }
        const invented = [...files].filter(([, text]) => text.includes(REPLACEMENT)).map(([name]) => name);
        if (!hasReplacementBytes(bytes)) expect(invented, 'files with a U+FFFD the input did not hold').toEqual([]);
        // And the same outputs whatever the chunks and workers, for broken files too.
        expect(await outputs(bytes, 1 << 20, 1)).toEqual(files);
        ends.completed++;
      }),
      settings,
    );
    // Not a vacuous pass: the mutations both break files and leave many of them runnable.
    expect(ends.completed).toBeGreaterThan(RUNS / 4);
    expect([...ends.refused.keys()]).toEqual(expect.arrayContaining(['INVALID_ENCODING']));
    if (process.env.FUZZ_RUNS !== undefined) console.log(`${ends.completed} completed, refused: ${JSON.stringify(Object.fromEntries(ends.refused))}`);
  }, 600_000);
});
