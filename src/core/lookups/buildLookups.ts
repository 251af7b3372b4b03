import { distance } from 'fastest-levenshtein';
import { compareBytes } from '../text/compareBytes.ts';
import { key } from '../text/key.ts';
import { UNKNOWN, type LookupField, type Lookups } from './lookups.ts';

/** How often each trimmed spelling of a field occurs in a sample. */
export type SpellingCounts = Record<LookupField, Map<string, number>>;

export const newSpellingCounts = (): SpellingCounts => ({ category: new Map(), region: new Map(), product_name: new Map() });

export function countSpelling(counts: SpellingCounts, field: LookupField, spelling: string): void {
  if (spelling === '') return;
  const map = counts[field];
  map.set(spelling, (map.get(spelling) ?? 0) + 1);
}

export interface ProposeOptions {
  fuzzyMaxDistance: number;
  /** A spelling group this rare (share of the field's non-blank cells) is not made canonical. */
  minShare: number;
  /** A group near a canonical value and at most this share of its count is taken for a typo of it. */
  typoRatio: number;
}

export const DEFAULT_PROPOSE: ProposeOptions = { fuzzyMaxDistance: 2, minShare: 0.001, typoRatio: 0.2 };

interface Group {
  key: string;
  spelling: string;
  count: number;
}

/** Spellings grouped by key(), each named by its most frequent spelling, most frequent first. */
function groupByKey(counts: Map<string, number>): Group[] {
  const groups = new Map<string, { best: string; bestCount: number; count: number }>();
  for (const [spelling, n] of counts) {
    const k = key(spelling);
    if (k === '') continue;
    const group = groups.get(k);
    if (group === undefined) groups.set(k, { best: spelling, bestCount: n, count: n });
    else {
      group.count += n;
      if (n > group.bestCount || (n === group.bestCount && compareBytes(spelling, group.best) < 0)) {
        group.best = spelling;
        group.bestCount = n;
      }
    }
  }
  return [...groups]
    .map(([k, g]) => ({ key: k, spelling: g.best, count: g.count }))
    .sort((a, b) => b.count - a.count || compareBytes(a.spelling, b.spelling));
}

/**
 * Proposes one field's canonical list and map: frequent spelling groups become canonical; a
 * rarer group within fuzzy distance of one is mapped onto it (a typo); a rare group near none is
 * mapped to UNKNOWN for a person to review.
 */
export function proposeField(counts: Map<string, number>, options: ProposeOptions = DEFAULT_PROPOSE): { canonical: string[]; map: Record<string, string> } {
  const groups = groupByKey(counts);
  const all = groups.reduce((n, g) => n + g.count, 0);
  const canonical: Group[] = [];
  const map: Record<string, string> = {};
  for (const group of groups) {
    let nearest: Group | undefined;
    let best = options.fuzzyMaxDistance + 1;
    for (const c of canonical) {
      if (Math.abs(c.key.length - group.key.length) >= best) continue;
      const d = distance(c.key, group.key);
      if (d < best) [nearest, best] = [c, d];
    }
    if (nearest !== undefined && group.count <= nearest.count * options.typoRatio) map[group.spelling] = nearest.spelling;
    else if (group.count >= Math.max(2, all * options.minShare)) canonical.push(group);
    else map[group.spelling] = UNKNOWN;
  }
  return { canonical: canonical.map((g) => g.spelling), map };
}

export function proposeLookups(counts: SpellingCounts, options: ProposeOptions = DEFAULT_PROPOSE): Lookups {
  const category = proposeField(counts.category, options);
  const region = proposeField(counts.region, options);
  const product = proposeField(counts.product_name, options);
  return {
    categories: category.canonical,
    regions: region.canonical,
    products: product.canonical,
    category_map: category.map,
    region_map: region.map,
    product_map: product.map,
  };
}
