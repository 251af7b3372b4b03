import { describe, expect, it } from 'vitest';
import { UnknownValueCounter } from '../../src/core/lookups/unknownValues.ts';
import { withDefaults } from '../../src/core/options.ts';

const COLUMNS = ['row_number', 'rejection_reason', 'Order', 'Zone', 'Cat', 'extra_fields'];

describe('UnknownValueCounter', () => {
  it('counts the raw regions and categories of rows rejected as unknown, under mapped column names', () => {
    const counter = new UnknownValueCounter(COLUMNS, withDefaults({ map: { order_id: 'Order', region: 'Zone', category: 'Cat' } }));
    const rows = [
      ['2', 'unknown_region', 'A1', 'Westeros', 'Books', ''],
      ['3', 'invalid_quantity', 'A2', 'Mordor', 'Books', ''],
      ['4', 'unknown_region', 'A3', ' Westeros ', 'Books', ''],
      ['5', 'unknown_category', 'A4', 'Europe', "'=Potions", ''],
      ['6', 'unknown_region', 'A5', 'Essos', 'Books', ''],
    ];
    for (const row of rows) counter.add(row);
    expect(counter.values()).toEqual([
      { field: 'region', raw: 'Westeros', rows: 2 },
      { field: 'category', raw: '=Potions', rows: 1 },
      { field: 'region', raw: 'Essos', rows: 1 },
    ]);
  });

  it('names the constant when the column is filled by one', () => {
    const counter = new UnknownValueCounter(['row_number', 'rejection_reason', 'Order', 'extra_fields'], withDefaults({ set: { region: 'Narnia' } }));
    counter.add(['2', 'unknown_region', 'A1', '']);
    expect(counter.values()).toEqual([{ field: 'region', raw: 'Narnia', rows: 1 }]);
  });
});
