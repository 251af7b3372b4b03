import { key } from '../text/key.ts';
import { canonicalList, fieldMap, LOOKUP_FIELDS, UNKNOWN, type LookupField, type Lookups } from './lookups.ts';

const LIST_NAMES = { category: 'categories', region: 'regions', product_name: 'products' } as const;
const MAP_NAMES = { category: 'category_map', region: 'region_map', product_name: 'product_map' } as const;

export interface LookupProblem {
  field: LookupField;
  /** The value the problem is about: a canonical value or a map's raw value. */
  value: string;
  message: string;
}

/**
 * What stops lookups from being saved: a blank value, two canonical values that are the same by
 * key() (the cleaner could not tell them apart), two raw values the same by key() that point at
 * different values (only the first would count), a map pointing at a value that is neither
 * canonical nor UNKNOWN. Raw spellings the same by key() with one meaning are harmless.
 */
export function lookupProblems(lookups: Lookups): LookupProblem[] {
  const problems: LookupProblem[] = [];
  for (const field of LOOKUP_FIELDS) {
    const list = canonicalList(lookups, field);
    // A map's target is read through key() too: `beverages` names `Beverages`.
    const canonical = new Set(list.map(key));
    const seen = new Map<string, string>();
    for (const value of list) {
      const k = key(value);
      if (k === '') problems.push({ field, value, message: `“${value}” is blank once punctuation and spaces are set aside: give it letters or digits.` });
      else if (seen.has(k)) problems.push({ field, value, message: `“${value}” and “${seen.get(k)}” are the same value to the cleaner (both read “${k}”): keep one.` });
      else seen.set(k, value);
    }
    const map = fieldMap(lookups, field);
    const raws = new Map<string, string>();
    for (const [raw, target] of Object.entries(map)) {
      const k = key(raw);
      const other = raws.get(k);
      if (k === '') problems.push({ field, value: raw, message: `The raw value “${raw}” is blank once punctuation and spaces are set aside: it can never match.` });
      else if (other !== undefined && map[other] !== target) {
        problems.push({ field, value: raw, message: `The raw values “${raw}” and “${other}” are the same to the cleaner (both read “${k}”) but mean different things: keep one.` });
      } else if (other === undefined) raws.set(k, raw);
      if (target !== UNKNOWN && !canonical.has(key(target))) {
        problems.push({ field, value: raw, message: `“${raw}” points at “${target}”, which is not a canonical value: pick one, or ${UNKNOWN}.` });
      }
    }
  }
  return problems;
}

/** A copy to change: the caller's lookups stay as they were. */
function copy(lookups: Lookups): Lookups {
  return {
    categories: [...lookups.categories],
    regions: [...lookups.regions],
    products: [...lookups.products],
    category_map: { ...lookups.category_map },
    region_map: { ...lookups.region_map },
    product_map: { ...lookups.product_map },
  };
}

export function addCanonical(lookups: Lookups, field: LookupField, value: string): Lookups {
  const next = copy(lookups);
  next[LIST_NAMES[field]].push(value.trim());
  return next;
}

/**
 * Renames a canonical value. What pointed at it points at the new name, and the old spelling is
 * mapped onto it, so rows spelled the old way still match.
 */
export function renameCanonical(lookups: Lookups, field: LookupField, from: string, to: string): Lookups {
  const name = to.trim();
  if (name === from) return lookups;
  const next = copy(lookups);
  const list = next[LIST_NAMES[field]];
  list[list.indexOf(from)] = name;
  const map = next[MAP_NAMES[field]];
  const k = key(from);
  for (const raw of Object.keys(map)) if (key(map[raw]!) === k) map[raw] = name;
  if (k !== key(name) && k !== '' && !Object.keys(map).some((raw) => key(raw) === k)) map[from] = name;
  return next;
}

/** Deletes a canonical value; what pointed at it now points at UNKNOWN, to be looked at again (unless another spelling of it stays). */
export function deleteCanonical(lookups: Lookups, field: LookupField, value: string): Lookups {
  const next = copy(lookups);
  next[LIST_NAMES[field]] = next[LIST_NAMES[field]].filter((v) => v !== value);
  const map = next[MAP_NAMES[field]];
  const k = key(value);
  // Deleting one of two spellings of a value leaves the other standing, and the map with it.
  if (next[LIST_NAMES[field]].some((v) => key(v) === k)) return next;
  for (const raw of Object.keys(map)) if (key(map[raw]!) === k) map[raw] = UNKNOWN;
  return next;
}

/** Points a raw value at a canonical value or UNKNOWN, replacing any raw value the same by key(). */
export function setMapping(lookups: Lookups, field: LookupField, raw: string, target: string): Lookups {
  const next = copy(lookups);
  const map = next[MAP_NAMES[field]];
  const name = raw.trim();
  const k = key(name);
  for (const other of Object.keys(map)) if (other !== name && key(other) === k) delete map[other];
  map[name] = target;
  return next;
}

export function removeMapping(lookups: Lookups, field: LookupField, raw: string): Lookups {
  const next = copy(lookups);
  delete next[MAP_NAMES[field]][raw];
  return next;
}

/** True when two sets of lookups hold the same values in the same order. */
export const sameLookups = (a: Lookups, b: Lookups): boolean => JSON.stringify(copy(a)) === JSON.stringify(copy(b));
