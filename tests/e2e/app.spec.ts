import { expect, test } from './support/test.ts';

test('the app shell loads and runs the bundled core', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sales pipeline' })).toBeVisible();
  await expect(page.getByTestId('lookup-summary')).toHaveText(/Lookups version 1 \(Default lookups\): 8 categories,\s+7 regions, 48 products/);
  expect(errors).toEqual([]);
});
