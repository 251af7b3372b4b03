import { describe, expect, it } from 'vitest';
import { addCells, addToCells, bigSum, subtractFromCells, total } from '../../src/core/aggregate/BigSum.ts';
import { ChunkTally, type ChunkTotals } from '../../src/core/aggregate/ChunkTally.ts';
import { KeyBook } from '../../src/core/aggregate/KeyBook.ts';
import { TotalsBuilder } from '../../src/core/aggregate/TotalsBuilder.ts';
import type { AcceptedRow, Totals } from '../../src/core/aggregate/Totals.ts';
import { parseSaleDate } from '../../src/core/clean/values.ts';

let rowNumber = 0;
function row(product: string, cents: number, more: Partial<AcceptedRow> = {}): AcceptedRow {
  return {
    rowNumber: ++rowNumber,
    orderId: `ORD-${rowNumber}`,
    product,
    category: 'Toys',
    region: 'Europe',
    quantity: 2,
    unitPrice: cents / 200,
    discountUnits: 0,
    saleDate: parseSaleDate('2025-06-17')!,
    email: 'a@example.com',
    cents,
    heavy: false,
    corrected: null,
    invalidEmail: false,
    unmatchedProduct: false,
    ...more,
  };
}

/** Tallies run through a builder, learned and added in the order they were made. */
function build(tallies: ChunkTotals[], anomalyLimit = 0): Totals {
  const builder = new TotalsBuilder(anomalyLimit);
  for (const t of tallies) builder.learn(t.entries);
  for (const t of tallies) builder.add(t);
  return builder.totals;
}

describe('sums in cells', () => {
  it('stay exact past 2^53, taken back included', () => {
    const cells = new Float64Array(2);
    const values = [2 ** 52 - 1, 2 ** 53 - 1, 3, 2 ** 52, 12345];
    for (const v of values) addToCells(cells, 0, v);
    subtractFromCells(cells, 0, 2 ** 53 - 1);
    subtractFromCells(cells, 0, 12345);
    const sum = bigSum();
    addCells(sum, cells, 0);
    expect(total(sum)).toBe(BigInt(2 ** 52 - 1) + 3n + BigInt(2 ** 52));
    expect(cells[0]).toBeLessThan(2 ** 52);
  });
});

describe('ChunkTally and TotalsBuilder', () => {
  it('a row taken back leaves no group and no correction behind', () => {
    const tally = new ChunkTally(new KeyBook());
    const kept = row('Lamp', 500);
    const dropped = row('Kite', 100, { corrected: { category: 'toys!', region: null, product_name: 'Kyte' } });
    tally.countAccepted(kept, 0);
    tally.countAccepted(dropped, 0);
    expect(tally.uncountAccepted(dropped)).toBe(true);
    const totals = build([tally.output()]);
    expect([...totals.products.keys()]).toEqual(['Lamp']);
    expect(totals.corrections.category.size + totals.corrections.product_name.size).toBe(0);
    expect(totals.corrected).toEqual({ category: 0, region: 0, product_name: 0 });
    expect([totals.rowsRead, totals.products.get('Lamp')!.orders]).toEqual([1, 1]);
  });

  it('a group emptied and filled again holds only its new rows', () => {
    const tally = new ChunkTally(new KeyBook());
    const dropped = row('Kite', 100, { discountUnits: 5, heavy: true });
    tally.countAccepted(dropped, 0);
    tally.uncountAccepted(dropped);
    tally.countAccepted(row('Kite', 300, { discountUnits: 7 }), 0);
    const kite = build([tally.output()]).products.get('Kite')!;
    expect([kite.orders, total(kite.cents), kite.minDiscount, kite.maxDiscount, kite.heavy]).toEqual([1, 300n, 7, 7, 0]);
  });

  it('cannot take back a row that was its category\'s only maximum discount', () => {
    const tally = new ChunkTally(new KeyBook());
    tally.countAccepted(row('Lamp', 500, { discountUnits: 10 }), 0);
    const high = row('Lamp', 500, { discountUnits: 20 });
    tally.countAccepted(high, 0);
    expect(tally.uncountAccepted(high)).toBe(false);
  });

  it('two workers\' books, their chunks interleaved and added in file order, sum as one would', () => {
    const rows = ['Lamp', 'Kite', 'Lamp', 'Drum', 'Kite', 'Vase'].map((p, k) =>
      row(p, 100 * (k + 1), { corrected: k % 2 ? { category: null, region: 'europe ', product_name: null } : null }),
    );
    const one = new KeyBook();
    const single = new ChunkTally(one);
    rows.forEach((r) => single.countAccepted(r, 3));
    const expected = build([single.output()], 3);

    // Worker A counts chunks 0 and 2 before worker B's chunk 1 is added: books learn keys in their own order.
    const [a, b] = [new KeyBook(), new KeyBook()];
    const chunks = [new ChunkTally(a), new ChunkTally(b), new ChunkTally(a)];
    chunks[2]!.countAccepted(rows[4]!, 3);
    chunks[2]!.countAccepted(rows[5]!, 3);
    chunks[0]!.countAccepted(rows[0]!, 3);
    chunks[0]!.countAccepted(rows[1]!, 3);
    chunks[1]!.countAccepted(rows[2]!, 3);
    chunks[1]!.countAccepted(rows[3]!, 3);
    expect(build(chunks.map((c) => c.output()), 3)).toEqual(expected);
    expect(expected.products.get('Kite')!.orders).toBe(2);
    expect(expected.corrections.region.get('europe ')).toEqual({ canonical: 'Europe', rows: 3 });
  });

  it('refuses a book\'s keys learned out of order', () => {
    const book = new KeyBook();
    const first = new ChunkTally(book);
    first.countAccepted(row('Lamp', 1), 0);
    const firstOut = first.output();
    const second = new ChunkTally(book);
    second.countAccepted(row('Kite', 1), 0);
    const builder = new TotalsBuilder(0);
    expect(() => builder.learn(second.output().entries)).toThrow('out of order');
    builder.learn(firstOut.entries);
  });
});
