import { PipelineError } from '../errors.ts';
import type { Lookups } from './lookups.ts';

const LISTS = ['categories', 'regions', 'products'] as const;
const MAPS = ['category_map', 'region_map', 'product_map'] as const;

/** Lookups from JSON (SPEC section 4), or a typed error that says what is wrong. */
export function parseLookups(json: unknown): Lookups {
  const bad = (what: string) => new PipelineError('INVALID_LOOKUPS', `These lookups are not valid: ${what}. Expected the JSON of SPEC section 4.`);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw bad('the top level is not an object');
  const source = json as Record<string, unknown>;
  const lookups = {} as Lookups;
  for (const name of LISTS) {
    const list = source[name] ?? [];
    if (!Array.isArray(list) || !list.every((v) => typeof v === 'string')) throw bad(`"${name}" must be a list of strings`);
    lookups[name] = [...list];
  }
  for (const name of MAPS) {
    const map = source[name] ?? {};
    if (typeof map !== 'object' || map === null || Array.isArray(map)) throw bad(`"${name}" must be an object of raw value to canonical value`);
    const entries = Object.entries(map);
    const wrong = entries.find(([, v]) => typeof v !== 'string');
    if (wrong) throw bad(`"${name}" maps "${wrong[0]}" to something that is not a string`);
    lookups[name] = Object.fromEntries(entries) as Record<string, string>;
  }
  return lookups;
}
