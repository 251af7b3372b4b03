import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateCsv } from '../../src/core/generate/generate.ts';
import { defaultLookups } from '../../src/core/lookups/defaults.ts';
import { withDefaults } from '../../src/core/options.ts';
import { runInMemory } from '../../src/core/pipeline/runInMemory.ts';
import { shuffledExecutor } from '../support/runCore.ts';

const options = withDefaults({ reference_date: '2026-06-30' });
const dirty = (seed: number, rows: number) => [...generateCsv({ rows, seed, clean: false, endDate: '2026-06-30' })].join('');

async function outputs(csv: string | Uint8Array, chunkSize: number, workers: number) {
  const r = await runInMemory(csv, options, defaultLookups(), { chunkSize, inFlight: workers * 2 + 1, executor: shuffledExecutor(workers) });
  return { tables: r.tables, cleaned: r.cleanedCsv, rejected: r.rejectedCsv };
}

// Chunk sizes spread from 1 byte to 16 MiB, small ones most often.
const chunkSize = fc.integer({ min: 0, max: 24 }).chain((bits) => fc.integer({ min: 2 ** Math.max(0, bits - 1), max: 2 ** bits }));

describe('outputs do not depend on chunk size or worker count', () => {
  it('for random dirty files, chunk sizes from 1 byte to 16 MiB and 1 to 4 workers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 400 }), chunkSize, fc.integer({ min: 1, max: 4 }), async (seed, rows, size, workers) => {
        const csv = dirty(seed, rows);
        expect(await outputs(csv, size, workers)).toEqual(await outputs(csv, 16 << 20, 1));
      }),
      { numRuns: 60 },
    );
  });

  it('with multi-byte characters on every chunk boundary', async () => {
    const header = 'order_id,product_name,category,quantity,unit_price,discount_percent,region,sale_date,customer_email\n';
    const names = ['Crème Brûlée Kit', 'Café €', 'Ñandú 𝄞 Set', '東京 Tea', 'Olive Oil'];
    const rows = names.map((n, i) => `é${i},${n},Grocery,${i + 1},€${i + 2}.50,${i}%,Europe,2026-0${i + 1}-1${i},ü${i}@ex.com\n`);
    const csv = header + rows.join('');
    const expected = await outputs(csv, 1 << 20, 1);
    expect(expected.cleaned).toContain('Ñandú 𝄞 Set');
    for (let size = 1; size <= 12; size++) expect(await outputs(csv, size, 2), `chunk size ${size}`).toEqual(expected);
  });
});
