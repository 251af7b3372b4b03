import { Matcher } from '../clean/Matcher.ts';
import { canonicalList, fieldMap, LOOKUP_FIELDS, type LookupField, type Lookups } from './lookups.ts';

/** A correction the cleaner made by fuzzy distance alone: a guess for a person to confirm. */
export interface FuzzyCorrection {
  field: LookupField;
  raw: string;
  canonical: string;
  rows: number;
  distance: number;
}

/**
 * The rows of a job's corrections table (field, raw_value, canonical_value, rows) that the job's
 * lookups matched by fuzzy distance rather than by map or equal key(), with that distance.
 */
export function fuzzyCorrections(corrections: readonly string[][], lookups: Lookups, maxDistance: number): FuzzyCorrection[] {
  const matchers = new Map(LOOKUP_FIELDS.map((field) => [field, new Matcher(canonicalList(lookups, field), fieldMap(lookups, field), maxDistance)]));
  const found: FuzzyCorrection[] = [];
  for (const [field, raw = '', canonical = '', rows = '0'] of corrections) {
    const match = matchers.get(field as LookupField)?.match(raw.trim());
    if (match?.kind === 'fuzzy') found.push({ field: field as LookupField, raw, canonical, rows: Number(rows), distance: match.distance });
  }
  return found;
}
