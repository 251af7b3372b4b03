import { describe, expect, it } from 'vitest';
import { defaultLookups } from '../../src/core/lookups/defaults.ts';
import { withDefaults } from '../../src/core/options.ts';
import { runInMemory } from '../../src/core/pipeline/runInMemory.ts';
import { shuffledExecutor } from '../support/runCore.ts';

const options = withDefaults({ reference_date: '2026-06-30' });

async function outputs(csv: string | Uint8Array, chunkSize: number, workers: number) {
  const r = await runInMemory(csv, options, defaultLookups(), { chunkSize, inFlight: workers * 2 + 1, executor: shuffledExecutor(workers) });
  return { tables: r.tables, cleaned: r.cleanedCsv, rejected: r.rejectedCsv };
}

// Random files, chunk sizes and worker counts: tests/core/fuzz.test.ts.
describe('outputs do not depend on chunk size or worker count', () => {
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

describe('duplicates found after a chunk was counted', () => {
  // A later chunk counts its rows before it knows an earlier chunk took an id. Taking the
  // duplicate back out must give what a single pass gives, also when the duplicate held its
  // category's only maximum discount or was among the highest-revenue rows (then the chunk is
  // counted again).
  const header = 'order_id,product_name,category,quantity,unit_price,discount_percent,region,sale_date\n';
  const filler = Array.from({ length: 40 }, (_, i) => `F${i},Olive Oil,Grocery,1,${5 + (i % 7)},0.1,Europe,2026-03-0${1 + (i % 9)}\n`).join('');
  const cases = [
    { name: 'an ordinary row', dup: 'A,Olive Oil,Grocery,2,5,0.1,Europe,2026-03-02\n' },
    { name: "its category's only maximum discount", dup: 'A,Olive Oil,Grocery,2,5,0.95,Europe,2026-03-02\n' },
    { name: "its category's only minimum discount", dup: 'A,Olive Oil,Grocery,2,5,0,Europe,2026-03-02\n' },
    { name: 'a top-revenue anomaly', dup: 'A,Laptop Pro 15,Electronics,9,1499,0,Asia,2026-04-01\n' },
  ];
  for (const c of cases) {
    it(`when the duplicate was ${c.name}`, async () => {
      const csv = header + 'A,Olive Oil,Grocery,1,5,0.1,Europe,2026-03-01\n' + filler + c.dup + filler.replaceAll('F', 'G');
      const expected = await outputs(csv, 16 << 20, 1);
      expect(expected.rejected).toContain(',duplicate_order_id,A,');
      // Only the first A counts: Grocery's discounts are all 0.1, and no laptop sold.
      const table = (name: string) => expected.tables.find((t) => t.name === name)!.rows;
      expect(table('category_discount_map')).toEqual([['Grocery', '81', expect.any(String), '0.1000', '0.1000', '0.1000', '0']]);
      expect(table('anomaly_records').map((row) => row[2])).not.toContain('Laptop Pro 15');
      for (const size of [200, 700, 1500]) expect(await outputs(csv, size, 2), `chunk size ${size}`).toEqual(expected);
    });
  }
});
