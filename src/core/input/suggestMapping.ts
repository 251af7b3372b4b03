import { CONTRACT_COLUMNS, type ContractColumn } from '../contract.ts';
import { normaliseHeader } from './header.ts';

/** Other names exports use for the contract's columns, normalised, most telling first. */
const SYNONYMS: Record<ContractColumn, readonly string[]> = {
  order_id: ['order_no', 'order_number', 'order', 'transaction_id', 'transaction', 'invoice_id', 'invoice_no', 'invoice', 'receipt_id', 'id'],
  product_name: ['product', 'item', 'item_name', 'product_title', 'article', 'description', 'sku_name'],
  category: ['product_category', 'category_name', 'department', 'product_type', 'type', 'segment'],
  quantity: ['qty', 'units', 'quantity_sold', 'units_sold', 'count', 'amount_units'],
  unit_price: ['price', 'price_per_unit', 'unit_cost', 'unitprice', 'price_each', 'item_price'],
  discount_percent: ['discount', 'discount_pct', 'discount_rate', 'disc', 'markdown'],
  region: ['location', 'area', 'territory', 'market', 'country', 'store_location', 'zone'],
  sale_date: ['order_date', 'date', 'transaction_date', 'sales_date', 'purchase_date', 'invoice_date', 'sold_on'],
  customer_email: ['email', 'e_mail', 'email_address', 'customer_mail', 'mail'],
  revenue: ['total', 'total_spent', 'amount', 'sales', 'total_price', 'line_total', 'sales_amount'],
};

/**
 * A header of the file for each contract column its name does not already give, from common
 * synonyms; each header is suggested once, for the first column that wants it.
 * @example suggestMapping(['Transaction ID', 'Item', 'Qty']) // { order_id: 'Transaction ID', product_name: 'Item', quantity: 'Qty' }
 */
export function suggestMapping(header: readonly string[]): Partial<Record<ContractColumn, string>> {
  const normalised = header.map(normaliseHeader);
  const taken = new Set(normalised.filter((name) => (CONTRACT_COLUMNS as readonly string[]).includes(name)));
  const suggested: Partial<Record<ContractColumn, string>> = {};
  for (const column of CONTRACT_COLUMNS) {
    if (taken.has(column)) continue;
    for (const synonym of SYNONYMS[column]) {
      const at = normalised.indexOf(synonym);
      if (at >= 0 && !taken.has(normalised[at]!)) {
        suggested[column] = header[at]!;
        taken.add(normalised[at]!);
        break;
      }
    }
  }
  return suggested;
}
