/** The input columns of SPEC section 1, in the contract's order. */
export const CONTRACT_COLUMNS = [
  'order_id',
  'product_name',
  'category',
  'quantity',
  'unit_price',
  'discount_percent',
  'region',
  'sale_date',
  'customer_email',
  'revenue',
] as const;
export type ContractColumn = (typeof CONTRACT_COLUMNS)[number];

export const REQUIRED_COLUMNS: readonly ContractColumn[] = [
  'order_id',
  'product_name',
  'category',
  'quantity',
  'unit_price',
  'region',
  'sale_date',
];

/** Rejection reasons of SPEC section 2, in the order their checks run. */
export const REJECTION_REASONS = [
  'malformed_row',
  'missing_order_id',
  'missing_product_name',
  'invalid_quantity',
  'zero_quantity',
  'invalid_unit_price',
  'invalid_discount',
  'invalid_sale_date',
  'sale_date_out_of_range',
  'unknown_category',
  'unknown_region',
  'invalid_calculated_revenue',
  'duplicate_order_id',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];
/** A reason as a small integer: its index in REJECTION_REASONS. */
export type ReasonCode = number;
export const reasonCode = (reason: RejectionReason): ReasonCode => REJECTION_REASONS.indexOf(reason);

export const CLEANED_COLUMNS = [
  'row_number',
  'order_id',
  'product_name',
  'category',
  'quantity',
  'unit_price',
  'discount_percent',
  'region',
  'sale_date',
  'sale_ts',
  'customer_email',
  'revenue',
  'anomaly_flag',
] as const;

/** The small result tables of SPEC section 3 with their exact columns. */
export const TABLE_COLUMNS = {
  monthly_sales: ['month', 'orders', 'quantity', 'revenue', 'avg_discount', 'avg_order_value'],
  region_performance: ['region', 'orders', 'quantity', 'revenue', 'avg_discount', 'avg_order_value', 'revenue_share'],
  product_performance: ['product_name', 'orders', 'quantity', 'revenue', 'avg_discount'],
  top_products: ['rank', 'product_name', 'orders', 'quantity', 'revenue'],
  top_products_by_units: ['rank', 'product_name', 'orders', 'quantity', 'revenue'],
  category_discount_map: ['category', 'orders', 'revenue', 'avg_discount', 'min_discount', 'max_discount', 'heavy_discount_orders'],
  category_month_discount: ['category', 'month', 'orders', 'avg_discount'],
  anomaly_records: [...CLEANED_COLUMNS, 'reason'],
  quality_report: ['metric', 'value'],
  corrections: ['field', 'raw_value', 'canonical_value', 'rows'],
} as const satisfies Record<string, readonly string[]>;
export type TableName = keyof typeof TABLE_COLUMNS;
