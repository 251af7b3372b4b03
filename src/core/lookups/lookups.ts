/** Lookups as data (SPEC section 4): canonical lists and raw-to-canonical maps. */
export interface Lookups {
  categories: string[];
  regions: string[];
  products: string[];
  category_map: Record<string, string>;
  region_map: Record<string, string>;
  product_map: Record<string, string>;
}

/** The map target that marks a raw value as known to be unknown. */
export const UNKNOWN = 'UNKNOWN';

export type LookupField = 'category' | 'region' | 'product_name';
export const LOOKUP_FIELDS: readonly LookupField[] = ['category', 'region', 'product_name'];

export function canonicalList(lookups: Lookups, field: LookupField): string[] {
  if (field === 'category') return lookups.categories;
  if (field === 'region') return lookups.regions;
  return lookups.products;
}

export function fieldMap(lookups: Lookups, field: LookupField): Record<string, string> {
  if (field === 'category') return lookups.category_map;
  if (field === 'region') return lookups.region_map;
  return lookups.product_map;
}
