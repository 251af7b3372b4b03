import { describe, expect, test } from 'vitest';
import type { Table } from '../../src/core/pipeline/tables.ts';
import { dashboardData } from '../../src/ui/dashboard/dashboardData.ts';
import { generateCsv } from '../../src/core/generate/generate.ts';
import { defaultLookups } from '../../src/core/lookups/defaults.ts';
import { withDefaults } from '../../src/core/options.ts';
import { runInMemory } from '../../src/core/pipeline/runInMemory.ts';

const table = (name: Table['name'], columns: string[], rows: string[][]): Table => ({ name, columns, rows });

describe('dashboardData', () => {
  test('headline revenue is the exact sum of the months, to the cent', () => {
    const monthly = table('monthly_sales', ['month', 'orders', 'quantity', 'revenue', 'avg_discount', 'avg_order_value'], [
      ['2025-01', '2', '3', '0.10', '0', '0.05'],
      ['2025-02', '1', '1', '0.20', '0', '0.20'],
    ]);
    const data = dashboardData([monthly]);
    expect(data.headline.revenue).toBe(0.3);
    expect(data.headline.orders).toBe(3);
    expect(data.monthlyRevenue).toEqual([
      { label: '2025-01', value: 0.1 },
      { label: '2025-02', value: 0.2 },
    ]);
  });

  test('rejected reasons: only those with rows, most first, then by name', () => {
    const quality = table('quality_report', ['metric', 'value'], [
      ['rows_read', '10'],
      ['rejected.zero_quantity', '2'],
      ['rejected.malformed_row', '0'],
      ['rejected.invalid_discount', '2'],
      ['rejected.unknown_region', '5'],
      ['success_rate', '0.1000'],
    ]);
    const data = dashboardData([quality]);
    expect(data.rejectedByReason.map((p) => [p.label, p.value])).toEqual([
      ['unknown_region', 5],
      ['invalid_discount', 2],
      ['zero_quantity', 2],
    ]);
    expect(data.headline.successRate).toBe(0.1);
  });

  test('every figure of a real job comes from its tables', async () => {
    const csv = [...generateCsv({ rows: 3000, seed: 5, clean: false, endDate: '2025-06-30' })].join('');
    const { tables } = await runInMemory(csv, withDefaults({ reference_date: '2025-06-30' }), defaultLookups());
    const data = dashboardData(tables);
    const rows = (name: string) => tables.find((t) => t.name === name)!.rows;
    const quality = new Map(rows('quality_report').map(([m, v]) => [m!, Number(v)]));
    expect(data.headline.rowsRead).toBe(3000);
    expect(data.headline.rowsAccepted).toBe(quality.get('rows_accepted'));
    expect(data.headline.orders).toBe(quality.get('rows_accepted'));
    expect(data.regionRevenue.map((p) => p.label)).toEqual(rows('region_performance').map((r) => r[0]));
    expect(data.topByUnits.map((p) => p.value)).toEqual(rows('top_products_by_units').map((r) => Number(r[3])));
    expect(data.heatmap.cells).toHaveLength(rows('category_month_discount').length);
    expect(data.heatmap.categories).toEqual([...new Set(rows('category_month_discount').map((r) => r[0]))]);
    expect(data.rejectedByReason.reduce((n, p) => n + p.value, 0)).toBe(quality.get('rows_rejected'));
  });
});
