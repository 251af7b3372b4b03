import { CATEGORIES, CATEGORY_ALIASES, PRODUCTS, PRODUCT_ALIASES, REGIONS, REGION_ALIASES } from '../generate/vocabulary.ts';
import type { Lookups } from './lookups.ts';

/** The lookups that ship with the app: they cover the generator's vocabulary. */
export function defaultLookups(): Lookups {
  return {
    categories: [...CATEGORIES],
    regions: [...REGIONS],
    products: PRODUCTS.map((p) => p.name),
    category_map: { ...CATEGORY_ALIASES },
    region_map: { ...REGION_ALIASES },
    product_map: { ...PRODUCT_ALIASES },
  };
}
