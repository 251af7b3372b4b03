import { REJECTION_REASONS, TABLE_COLUMNS, type TableName } from '../contract.ts';
import { total, type BigSum } from '../aggregate/BigSum.ts';
import type { GroupStats, Totals } from '../aggregate/Totals.ts';
import type { JobOptions } from '../options.ts';
import { formatCents, formatDiscountUnits, formatMeanCents, formatMeanDiscount, formatRatio } from '../output/numbers.ts';
import { tableCsv } from '../output/csv.ts';
import { cleanedValues } from '../output/rowsCsv.ts';
import { compareBytes } from '../text/compareBytes.ts';

/** How a column's values are typed: text cells get the spreadsheet guard in CSV, numbers never. */
export type ColumnKind = 'text' | 'integer' | 'money' | 'ratio' | 'date' | 'month';

/** One small output table: formatted values, unguarded (the CSV writer guards text cells). */
export interface Table {
  name: TableName;
  columns: readonly string[];
  rows: string[][];
}

const TEXT_COLUMNS = new Set([
  'region',
  'product_name',
  'category',
  'order_id',
  'customer_email',
  'anomaly_flag',
  'reason',
  'metric',
  'field',
  'raw_value',
  'canonical_value',
]);
const MONEY_COLUMNS = new Set(['revenue', 'avg_order_value', 'unit_price']);
const RATIO_COLUMNS = new Set(['avg_discount', 'min_discount', 'max_discount', 'revenue_share', 'discount_percent']);

export function columnKind(column: string): ColumnKind {
  if (TEXT_COLUMNS.has(column)) return 'text';
  if (MONEY_COLUMNS.has(column)) return 'money';
  if (RATIO_COLUMNS.has(column)) return 'ratio';
  if (column === 'sale_date') return 'date';
  if (column === 'month') return 'month';
  return 'integer';
}

const count = (sum: BigSum) => String(total(sum));
const meanDiscount = (g: GroupStats) => formatMeanDiscount(total(g.discount), g.orders);
const aov = (g: GroupStats) => formatMeanCents(total(g.cents), g.orders);

/** Groups sorted by revenue descending, then name (SPEC's tie rule). */
function byRevenue(groups: Map<string, GroupStats>): Array<[string, GroupStats]> {
  return [...groups].sort(([an, a], [bn, b]) => {
    const d = total(b.cents) - total(a.cents);
    return d !== 0n ? (d > 0n ? 1 : -1) : compareBytes(an, bn);
  });
}

function byQuantity(groups: Map<string, GroupStats>): Array<[string, GroupStats]> {
  return [...groups].sort(([an, a], [bn, b]) => {
    const d = total(b.quantity) - total(a.quantity);
    return d !== 0n ? (d > 0n ? 1 : -1) : compareBytes(an, bn);
  });
}

const byName = (groups: Map<string, GroupStats>) => [...groups].sort(([a], [b]) => compareBytes(a, b));

const ranked = (groups: Array<[string, GroupStats]>, topN: number): string[][] =>
  groups.slice(0, Math.max(0, topN)).map(([name, g], i) => [String(i + 1), name, String(g.orders), count(g.quantity), formatCents(total(g.cents))]);

function qualityReport(t: Totals): string[][] {
  const rejected = t.rejected.reduce((a, b) => a + b, 0);
  const accepted = t.rowsRead - rejected;
  return [
    ['rows_read', String(t.rowsRead)],
    ['rows_accepted', String(accepted)],
    ['rows_rejected', String(rejected)],
    ...REJECTION_REASONS.map((reason, i) => [`rejected.${reason}`, String(t.rejected[i])]),
    ['invalid_email', String(t.invalidEmail)],
    ['unmatched_product', String(t.unmatchedProduct)],
    ['heavy_discount', String(t.heavyDiscount)],
    ['corrected.category', String(t.corrected.category)],
    ['corrected.region', String(t.corrected.region)],
    ['corrected.product_name', String(t.corrected.product_name)],
    ['success_rate', formatRatio(BigInt(accepted), BigInt(t.rowsRead))],
  ];
}

function corrections(t: Totals): string[][] {
  return (['category', 'region', 'product_name'] as const)
    .flatMap((field) => [...t.corrections[field]].map(([raw, c]) => [field, raw, c.canonical, c.rows] as [string, string, string, number]))
    .sort((a, b) => b[3] - a[3] || compareBytes(a[0], b[0]) || compareBytes(a[1], b[1]) || compareBytes(a[2], b[2]))
    .map(([field, raw, canonical, rows]) => [field, raw, canonical, String(rows)]);
}

/** The ten small tables of SPEC section 3, from a job's totals. */
export function buildTables(t: Totals, options: Pick<JobOptions, 'top_n'>): Table[] {
  const allCents = [...t.regions.values()].reduce((sum, g) => sum + total(g.cents), 0n);
  const products = byRevenue(t.products);
  const rows: Record<TableName, string[][]> = {
    monthly_sales: byName(t.months).map(([month, g]) => [month, String(g.orders), count(g.quantity), formatCents(total(g.cents)), meanDiscount(g), aov(g)]),
    region_performance: byRevenue(t.regions).map(([region, g]) => [
      region,
      String(g.orders),
      count(g.quantity),
      formatCents(total(g.cents)),
      meanDiscount(g),
      aov(g),
      formatRatio(total(g.cents), allCents),
    ]),
    product_performance: products.map(([name, g]) => [name, String(g.orders), count(g.quantity), formatCents(total(g.cents)), meanDiscount(g)]),
    top_products: ranked(products, options.top_n),
    top_products_by_units: ranked(byQuantity(t.products), options.top_n),
    category_discount_map: byName(t.categories).map(([category, g]) => [
      category,
      String(g.orders),
      formatCents(total(g.cents)),
      meanDiscount(g),
      formatDiscountUnits(g.minDiscount),
      formatDiscountUnits(g.maxDiscount),
      String(g.heavy),
    ]),
    category_month_discount: [...t.categoryMonths.keys()]
      .sort(compareBytes)
      .flatMap((category) => byName(t.categoryMonths.get(category)!).map(([month, g]) => [category, month, String(g.orders), meanDiscount(g)])),
    anomaly_records: t.anomalies.map((row) => [...cleanedValues(row), 'top_revenue']),
    quality_report: qualityReport(t),
    corrections: corrections(t),
  };
  return (Object.keys(TABLE_COLUMNS) as TableName[]).map((name) => ({ name, columns: TABLE_COLUMNS[name], rows: rows[name] }));
}

/** Each table as its CSV file: `[file name, text]`. */
export function tableFiles(tables: readonly Table[]): Array<[string, string]> {
  return tables.map((t) => [`${t.name}.csv`, tableCsv(t.columns, t.rows, (c) => columnKind(c) === 'text')]);
}
