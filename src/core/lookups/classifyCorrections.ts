import { Matcher, type MatchKind } from '../clean/Matcher.ts';
import { canonicalList, fieldMap, LOOKUP_FIELDS, type LookupField, type Lookups } from './lookups.ts';

/** A correction the cleaner made, and how: by the map, by an equal key(), or by fuzzy distance (a guess to confirm). */
export interface ClassifiedCorrection {
  field: LookupField;
  raw: string;
  canonical: string;
  rows: number;
  kind: Exclude<MatchKind, 'unknown'>;
  /** The Levenshtein distance of a fuzzy match; 0 otherwise. */
  distance: number;
}

/**
 * The rows of a job's corrections table (field, raw_value, canonical_value, rows), each with how
 * the job's lookups matched it: fuzzy ones first (they are the ones to look at), then in the
 * table's order.
 */
export function classifyCorrections(corrections: readonly string[][], lookups: Lookups, maxDistance: number): ClassifiedCorrection[] {
  const matchers = new Map(LOOKUP_FIELDS.map((field) => [field, new Matcher(canonicalList(lookups, field), fieldMap(lookups, field), maxDistance)]));
  const classified: ClassifiedCorrection[] = [];
  for (const [field, raw = '', canonical = '', rows = '0'] of corrections) {
    const match = matchers.get(field as LookupField)?.match(raw.trim());
    if (match === undefined || match.kind === 'unknown') continue;
    classified.push({ field: field as LookupField, raw, canonical, rows: Number(rows), kind: match.kind, distance: match.distance });
  }
  const fuzzy = classified.filter((c) => c.kind === 'fuzzy');
  return [...fuzzy, ...classified.filter((c) => c.kind !== 'fuzzy')];
}
