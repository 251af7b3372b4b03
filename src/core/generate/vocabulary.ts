/** A product of the synthetic catalogue, with the price band its category sells in. */
export interface CatalogueProduct {
  name: string;
  category: string;
  minPrice: number;
  maxPrice: number;
}

export const CATEGORIES = [
  'Electronics',
  'Home & Kitchen',
  'Clothing',
  'Sports & Outdoors',
  'Books',
  'Beauty & Personal Care',
  'Toys & Games',
  'Grocery',
] as const;

export const REGIONS = ['North America', 'South America', 'Europe', 'Asia', 'Africa', 'Oceania', 'Middle East'] as const;

const band = (category: string, minPrice: number, maxPrice: number, names: string[]): CatalogueProduct[] =>
  names.map((name) => ({ name, category, minPrice, maxPrice }));

// Names are kept at least five edits apart (by key()), so a typo of one or two edits is always
// nearest to the product it came from: a test holds this.
export const PRODUCTS: readonly CatalogueProduct[] = [
  ...band('Electronics', 19, 1499, ['Smartphone X', 'Laptop Pro 15', 'Wireless Earbuds', 'Smart Watch', 'Tablet Mini', 'Bluetooth Speaker']),
  ...band('Home & Kitchen', 9, 399, ['Coffee Maker', 'Blender', 'Air Fryer', 'Cookware Set', 'Vacuum Cleaner', 'Table Lamp']),
  ...band('Clothing', 8, 199, ['Denim Jacket', 'Running Shoes', 'Cotton T-Shirt', 'Wool Sweater', 'Rain Coat', 'Leather Belt']),
  ...band('Sports & Outdoors', 12, 899, ['Yoga Mat', 'Camping Tent', 'Mountain Bike', 'Dumbbell Set', 'Hiking Backpack', 'Tennis Racket']),
  ...band('Books', 5, 59, ['Mystery Novel', 'Cookbook', 'Science Textbook', 'Travel Guide', 'Poetry Collection', 'Comic Anthology']),
  ...band('Beauty & Personal Care', 4, 149, ['Face Cream', 'Shampoo', 'Perfume', 'Electric Toothbrush', 'Hair Dryer', 'Lipstick Set']),
  ...band('Toys & Games', 6, 249, ['Board Game', 'Building Blocks', 'Jigsaw Puzzle', 'Remote Control Car', 'Plush Bear', 'Trading Cards']),
  ...band('Grocery', 1, 49, ['Organic Coffee', 'Green Tea', 'Olive Oil', 'Dark Chocolate', 'Pasta Pack', 'Honey Jar']),
];

/** Spellings real exports use for regions, with the canonical region each means. */
export const REGION_ALIASES: Readonly<Record<string, string>> = {
  'N. America': 'North America',
  'N America': 'North America',
  USA: 'North America',
  US: 'North America',
  'S. America': 'South America',
  LATAM: 'South America',
  EU: 'Europe',
  APAC: 'Asia',
  ANZ: 'Oceania',
  MENA: 'Middle East',
  EMEA: 'UNKNOWN',
};

/** Spellings real exports use for categories, with the canonical category each means. */
export const CATEGORY_ALIASES: Readonly<Record<string, string>> = {
  Electronix: 'Electronics',
  'Consumer Electronics': 'Electronics',
  Kitchen: 'Home & Kitchen',
  Apparel: 'Clothing',
  Sports: 'Sports & Outdoors',
  Beauty: 'Beauty & Personal Care',
  Toys: 'Toys & Games',
  Food: 'Grocery',
};

/** Product spellings further than fuzzy distance from their canonical name. */
export const PRODUCT_ALIASES: Readonly<Record<string, string>> = {
  'Smart Phone X': 'Smartphone X',
  'Laptop Pro 15"': 'Laptop Pro 15',
  'Wireless Ear Buds': 'Wireless Earbuds',
  'T-Shirt (Cotton)': 'Cotton T-Shirt',
  'Bike, Mountain': 'Mountain Bike',
  'RC Car': 'Remote Control Car',
  'Extra Virgin Olive Oil': 'Olive Oil',
};

/** Category labels real exports use that name no category of the catalogue: unknown by design. */
export const UNKNOWN_CATEGORIES: readonly string[] = ['Misc', 'General', 'Other', 'Uncategorized', 'Miscellaneous', 'Various'];

/** Region labels that name no region: unknown by design (EMEA is in REGION_ALIASES as UNKNOWN). */
export const UNKNOWN_REGIONS: readonly string[] = ['Global', 'Worldwide', 'International', 'Online'];

/** Product names outside the catalogue: the pipeline keeps them and counts them as unmatched. */
export const UNKNOWN_PRODUCTS: readonly string[] = ['Gift Card', 'Mystery Box', 'Extended Warranty', 'Shipping Fee', 'Sample Pack'];
