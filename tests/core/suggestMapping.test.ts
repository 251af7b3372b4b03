import { describe, expect, test } from 'vitest';
import { suggestMapping } from '../../src/core/input/suggestMapping.ts';

describe('suggestMapping', () => {
  const tests: { header: string[]; expected: Record<string, string> }[] = [
    {
      // The real cafe export of ../shared/realdata.
      header: ['Transaction ID', 'Item', 'Quantity', 'Price Per Unit', 'Total Spent', 'Payment Method', 'Location', 'Transaction Date'],
      expected: { order_id: 'Transaction ID', product_name: 'Item', unit_price: 'Price Per Unit', region: 'Location', sale_date: 'Transaction Date', revenue: 'Total Spent' },
    },
    { header: ['Order Date', 'Qty', 'Price', 'Order No'], expected: { order_id: 'Order No', quantity: 'Qty', unit_price: 'Price', sale_date: 'Order Date' } },
    // A header that already names a column is neither suggested for it nor taken for another.
    { header: ['order_id', 'id', 'Date', 'date'], expected: { sale_date: 'Date' } },
    { header: ['order-id', 'Product', 'E-Mail'], expected: { product_name: 'Product', customer_email: 'E-Mail' } },
    { header: [], expected: {} },
  ];
  for (const { header, expected } of tests) test(header.join(' | ') || '(no header)', () => expect(suggestMapping(header)).toEqual(expected));
});
