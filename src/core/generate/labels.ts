// The product, category and region cells of a dirty row: the canonical label, or another
// spelling of it from the catalogue (variant, typo, alias), or a label the lookups do not know.
import type { Catalogue, CatalogueEntry } from './catalogue.ts';
import { DIRT } from './dirt.ts';
import type { Prng } from './prng.ts';

/** A product_name cell for product. */
export function dirtyProduct(rng: Prng, cat: Catalogue, product: CatalogueEntry): string {
  const p = DIRT.product;
  const names = product.spellings;
  const draw = rng.float();
  let r = draw;
  if ((r -= p.blank) < 0) return '';
  if ((r -= p.lineBreak) < 0) return product.lineBreak;
  if ((r -= p.typo) < 0) return rng.pick(names.typos);
  if ((r -= p.variant) < 0) return rng.pick(names.variants);
  if (r < p.unknown) return rng.pick(cat.unknownProducts);
  // A product that has an alias is written with it in a share of its rows (the top of the draw).
  if (names.aliases.length > 0 && draw >= 1 - p.aliasOfAliased) return rng.pick(names.aliases);
  return names.canonical;
}

/** A category cell for the category at index category, sometimes another valid category. */
export function dirtyCategory(rng: Prng, cat: Catalogue, category: number): string {
  const p = DIRT.category;
  const names = cat.categories[category]!;
  const count = cat.categories.length;
  let r = rng.float();
  if ((r -= p.otherValid) < 0) return cat.categories[(category + rng.int(1, count - 1)) % count]!.canonical;
  if ((r -= p.unknown) < 0) return rng.pick(cat.unknownCategories);
  if ((r -= p.typo) < 0) return rng.pick(names.typos);
  if ((r -= p.alias) < 0) return names.aliases.length > 0 ? rng.pick(names.aliases) : rng.pick(names.variants);
  if ((r -= p.variant) < 0) return rng.pick(names.variants);
  if (r < p.blank) return '';
  return names.canonical;
}

/** A region cell for a region drawn by popularity. */
export function dirtyRegion(rng: Prng, cat: Catalogue): string {
  const p = DIRT.region;
  const names = cat.regions[rng.sample(cat.regionTable)]!;
  let r = rng.float();
  if ((r -= p.variant) < 0) return rng.pick(names.variants);
  if ((r -= p.typo) < 0) return rng.pick(names.typos);
  if ((r -= p.alias) < 0) return names.aliases.length > 0 ? rng.pick(names.aliases) : names.canonical;
  if ((r -= p.emea) < 0) return rng.pick(cat.unknownRegionAliases);
  if ((r -= p.unknown) < 0) return rng.pick(cat.unknownRegions);
  if (r < p.blank) return '';
  return names.canonical;
}
