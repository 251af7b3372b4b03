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

/** One spelling of a field in a sample, and how often it occurs. */
export interface Spelling {
  spelling: string;
  count: number;
}

/**
 * Spellings taken for one value: `canonical` names it, or is null for spellings no value could
 * be found for (they are mapped to UNKNOWN). Spellings are most frequent first.
 */
export interface SpellingGroup {
  canonical: string | null;
  spellings: Spelling[];
}

/** Spellings the same by key(), most frequent first (then in byte order): the first names them. */
interface KeyGroup {
  key: string;
  spelling: string;
  count: number;
  spellings: Spelling[];
}

/** Most frequent first, then in byte order. */
export const bySpellingCount = (a: Spelling, b: Spelling): number => b.count - a.count || compareBytes(a.spelling, b.spelling);

/** Spellings grouped by key(), each named by its most frequent spelling, most frequent first. */
function groupByKey(counts: Map<string, number>): KeyGroup[] {
  const groups = new Map<string, Spelling[]>();
  for (const [spelling, count] of counts) {
    const k = key(spelling);
    if (k === '') continue;
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [{ spelling, count }]);
    else group.push({ spelling, count });
  }
  return [...groups]
    .map(([k, spellings]) => {
      spellings.sort(bySpellingCount);
      return { key: k, spelling: spellings[0]!.spelling, count: spellings.reduce((n, s) => n + s.count, 0), spellings };
    })
    .sort((a, b) => b.count - a.count || compareBytes(a.spelling, b.spelling));
}

/**
 * Groups one field's spellings for a person to review: frequent key() groups found values; a
 * rarer group within fuzzy distance of one is taken for a typo of it and joins it; a rare group
 * near none goes to the UNKNOWN group (last, when there is one).
 */
export function proposeGroups(counts: Map<string, number>, options: ProposeOptions = DEFAULT_PROPOSE): SpellingGroup[] {
  const keyGroups = groupByKey(counts);
  const all = keyGroups.reduce((n, g) => n + g.count, 0);
  const found: Array<{ head: KeyGroup; group: SpellingGroup }> = [];
  const unknown: SpellingGroup = { canonical: null, spellings: [] };
  for (const keyGroup of keyGroups) {
    let nearest: (typeof found)[number] | undefined;
    let best = options.fuzzyMaxDistance + 1;
    for (const candidate of found) {
      const c = candidate.head;
      if (Math.abs(c.key.length - keyGroup.key.length) >= best) continue;
      const d = distance(c.key, keyGroup.key);
      if (d < best) [nearest, best] = [candidate, d];
    }
    if (nearest !== undefined && keyGroup.count <= nearest.head.count * options.typoRatio) nearest.group.spellings.push(...keyGroup.spellings);
    else if (keyGroup.count >= Math.max(2, all * options.minShare)) found.push({ head: keyGroup, group: { canonical: keyGroup.spelling, spellings: [...keyGroup.spellings] } });
    else unknown.spellings.push(...keyGroup.spellings);
  }
  const groups = found.map((f) => f.group);
  for (const group of groups) group.spellings.sort(bySpellingCount);
  unknown.spellings.sort(bySpellingCount);
  return unknown.spellings.length > 0 ? [...groups, unknown] : groups;
}

/**
 * A field's canonical list and map from its groups: each spelling whose key() differs from its
 * group's value is mapped onto it (or onto UNKNOWN), once per key().
 */
export function groupsToField(groups: readonly SpellingGroup[]): { canonical: string[]; map: Record<string, string> } {
  const canonical: string[] = [];
  const map: Record<string, string> = {};
  for (const group of groups) {
    const target = group.canonical ?? UNKNOWN;
    const own = group.canonical === null ? null : key(group.canonical);
    if (group.canonical !== null) canonical.push(group.canonical);
    const mapped = new Set<string>();
    for (const { spelling } of group.spellings) {
      const k = key(spelling);
      if (k === own || k === '' || mapped.has(k)) continue;
      mapped.add(k);
      map[spelling] = target;
    }
  }
  return { canonical, map };
}

/**
 * Proposes one field's canonical list and map: frequent spelling groups become canonical; a
 * rarer group within fuzzy distance of one is mapped onto it (a typo); a rare group near none is
 * mapped to UNKNOWN for a person to review.
 */
export function proposeField(counts: Map<string, number>, options: ProposeOptions = DEFAULT_PROPOSE): { canonical: string[]; map: Record<string, string> } {
  return groupsToField(proposeGroups(counts, options));
}

export function proposeLookups(counts: SpellingCounts, options: ProposeOptions = DEFAULT_PROPOSE): Lookups {
  return lookupsFromGroups({
    category: proposeGroups(counts.category, options),
    region: proposeGroups(counts.region, options),
    product_name: proposeGroups(counts.product_name, options),
  });
}

export function lookupsFromGroups(groups: Record<LookupField, readonly SpellingGroup[]>): Lookups {
  const category = groupsToField(groups.category);
  const region = groupsToField(groups.region);
  const product = groupsToField(groups.product_name);
  return {
    categories: category.canonical,
    regions: region.canonical,
    products: product.canonical,
    category_map: category.map,
    region_map: region.map,
    product_map: product.map,
  };
}
