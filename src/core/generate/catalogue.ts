import { csvField } from './format.ts';
import { Prng, sampleTable, type SampleTable } from './prng.ts';
import { spellingsOf, type Spellings } from './spellings.ts';
import {
  CATEGORIES,
  CATEGORY_ALIASES,
  PRODUCTS,
  PRODUCT_ALIASES,
  REGIONS,
  REGION_ALIASES,
  UNKNOWN_CATEGORIES,
  UNKNOWN_PRODUCTS,
  UNKNOWN_REGIONS,
} from './vocabulary.ts';

/** One product of the catalogue: its spellings, its category's index and its price band in cents. */
export interface CatalogueEntry {
  spellings: Spellings;
  category: number;
  minCents: number;
  spanCents: number;
  /** The name with a line break for a space, quoted (the canonical name when it has no space). */
  lineBreak: string;
}

/** Every spelling of every value, CSV-quoted once, with how often each product and region sells. */
export interface Catalogue {
  products: CatalogueEntry[];
  productTable: SampleTable;
  categories: Spellings[];
  regions: Spellings[];
  regionTable: SampleTable;
  unknownProducts: string[];
  unknownCategories: string[];
  unknownRegions: string[];
  /** Region spellings the lookups map to UNKNOWN (EMEA). */
  unknownRegionAliases: string[];
}

/** Typos are drawn once from this fixed seed, so every file shares the same misspellings. */
const CATALOGUE_SEED = 0x5a1e5;
const CATEGORY_POPULARITY: Record<string, number> = {
  Electronics: 1,
  'Home & Kitchen': 1,
  Clothing: 1.3,
  'Sports & Outdoors': 0.8,
  Books: 1.3,
  'Beauty & Personal Care': 1.1,
  'Toys & Games': 0.9,
  Grocery: 1.6,
};
const REGION_POPULARITY = [28, 8, 24, 20, 7, 6, 7]; // in REGIONS order

let cachedCatalogue: Catalogue | null = null;

/** The catalogue, built on first use and shared by every file generated after. */
export function catalogue(): Catalogue {
  if (cachedCatalogue) return cachedCatalogue;
  const rng = new Prng(CATALOGUE_SEED);
  const categories = CATEGORIES.map((c) => spellingsOf(c, CATEGORIES, CATEGORY_ALIASES, rng));
  const products = PRODUCTS.map(
    (p): CatalogueEntry => ({
      spellings: spellingsOf(p.name, PRODUCTS.map((q) => q.name), PRODUCT_ALIASES, rng),
      category: CATEGORIES.indexOf(p.category as (typeof CATEGORIES)[number]),
      minCents: p.minPrice * 100,
      spanCents: (p.maxPrice - p.minPrice) * 100,
      lineBreak: csvField(p.name.replace(' ', '\n')),
    }),
  );
  const popularity = PRODUCTS.map((p) => (CATEGORY_POPULARITY[p.category] ?? 1) * (0.5 + rng.float()));
  cachedCatalogue = {
    products,
    productTable: sampleTable(popularity),
    categories,
    regions: REGIONS.map((r) => spellingsOf(r, REGIONS, REGION_ALIASES, rng)),
    regionTable: sampleTable(REGIONS.map((_, i) => REGION_POPULARITY[i] ?? 5)),
    unknownProducts: UNKNOWN_PRODUCTS.map(csvField),
    unknownCategories: UNKNOWN_CATEGORIES.map(csvField),
    unknownRegions: UNKNOWN_REGIONS.map(csvField),
    unknownRegionAliases: Object.keys(REGION_ALIASES)
      .filter((alias) => REGION_ALIASES[alias] === 'UNKNOWN')
      .map(csvField),
  };
  return cachedCatalogue;
}
