import type { TableName } from '../../core/contract.ts';
import type { Table } from '../../core/pipeline/tables.ts';

export interface Headline {
  revenue: number;
  orders: number;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  /** Accepted over read, 0 to 1. */
  successRate: number;
}

export interface Point {
  label: string;
  value: number;
}

export interface HeatCell {
  category: string;
  month: string;
  orders: number;
  /** Mean discount, 0 to 1. */
  avgDiscount: number;
}

/** The numbers the dashboard draws, read from a job's tables (SPEC section 3). */
export interface DashboardData {
  headline: Headline;
  monthlyRevenue: Point[];
  regionRevenue: Point[];
  topByRevenue: Point[];
  topByUnits: Point[];
  heatmap: { categories: string[]; months: string[]; cells: HeatCell[] };
  /** Rejected rows per reason, most first; reasons with none left out. */
  rejectedByReason: Point[];
  corrections: Table | undefined;
  anomalies: Table | undefined;
}

function tableOf(tables: readonly Table[], name: TableName): Table | undefined {
  return tables.find((t) => t.name === name);
}

/** The rows of a table as records of column → cell. */
function records(table: Table | undefined): Record<string, string>[] {
  if (table === undefined) return [];
  return table.rows.map((row) => Object.fromEntries(table.columns.map((c, i) => [c, row[i] ?? ''])));
}

const points = (table: Table | undefined, label: string, value: string): Point[] => records(table).map((r) => ({ label: r[label]!, value: Number(r[value]) }));

/**
 * @example dashboardData([{ name: 'quality_report', columns: ['metric', 'value'], rows: [['rows_read', '4']] }]).headline.rowsRead // 4
 */
export function dashboardData(tables: readonly Table[]): DashboardData {
  const quality = new Map(records(tableOf(tables, 'quality_report')).map((r) => [r.metric!, Number(r.value)]));
  const monthly = records(tableOf(tables, 'monthly_sales'));
  const heat = records(tableOf(tables, 'category_month_discount')).map((r) => ({
    category: r.category!,
    month: r.month!,
    orders: Number(r.orders),
    avgDiscount: Number(r.avg_discount),
  }));
  const rejectedByReason = [...quality]
    .filter(([metric, n]) => metric.startsWith('rejected.') && n > 0)
    .map(([metric, n]) => ({ label: metric.slice('rejected.'.length), value: n }))
    .sort((a, b) => b.value - a.value || (a.label < b.label ? -1 : 1));
  return {
    headline: {
      // Sums of cents, so the total is exact to the cent however many months there are.
      revenue: monthly.reduce((cents, r) => cents + Math.round(Number(r.revenue) * 100), 0) / 100,
      orders: monthly.reduce((n, r) => n + Number(r.orders), 0),
      rowsRead: quality.get('rows_read') ?? 0,
      rowsAccepted: quality.get('rows_accepted') ?? 0,
      rowsRejected: quality.get('rows_rejected') ?? 0,
      successRate: quality.get('success_rate') ?? 0,
    },
    monthlyRevenue: points(tableOf(tables, 'monthly_sales'), 'month', 'revenue'),
    regionRevenue: points(tableOf(tables, 'region_performance'), 'region', 'revenue'),
    topByRevenue: points(tableOf(tables, 'top_products'), 'product_name', 'revenue'),
    topByUnits: points(tableOf(tables, 'top_products_by_units'), 'product_name', 'quantity'),
    heatmap: {
      categories: [...new Set(heat.map((c) => c.category))],
      months: [...new Set(heat.map((c) => c.month))].sort(),
      cells: heat,
    },
    rejectedByReason,
    corrections: tableOf(tables, 'corrections'),
    anomalies: tableOf(tables, 'anomaly_records'),
  };
}
