import { distance } from 'fastest-levenshtein';
import { detach } from '../text/detach.ts';
import { key } from '../text/key.ts';
import { UNKNOWN } from '../lookups/lookups.ts';

/** How a raw value found its canonical value. */
export type MatchKind = 'mapped' | 'exact' | 'fuzzy' | 'unknown';

export interface Match {
  /** The canonical value, or null when the value is unknown. */
  value: string | null;
  kind: MatchKind;
  /** Levenshtein distance between keys for a fuzzy match, else 0. */
  distance: number;
}

const UNKNOWN_MATCH: Match = { value: null, kind: 'unknown', distance: 0 };
/** Distinct raw spellings remembered per field; past it the memo starts afresh. */
const MEMO_LIMIT = 200_000;

/**
 * Matches raw values against one field's canonical list and map (SPEC section 2): the map by
 * key(), then an equal key(), then the nearest key within maxDistance (ties to the first listed).
 * Each distinct raw value is matched once.
 */
export class Matcher {
  private readonly byMapKey = new Map<string, string | null>();
  private readonly byKey = new Map<string, string>();
  private readonly keys: Array<[key: string, canonical: string]> = [];
  private readonly memo = new Map<string, Match>();

  constructor(
    canonical: readonly string[],
    map: Readonly<Record<string, string>>,
    private readonly maxDistance: number,
  ) {
    for (const value of canonical) {
      const k = key(value);
      if (this.byKey.has(k)) continue;
      this.byKey.set(k, value);
      if (k !== '') this.keys.push([k, value]);
    }
    for (const [raw, target] of Object.entries(map)) {
      const k = key(raw);
      if (this.byMapKey.has(k)) continue;
      this.byMapKey.set(k, target === UNKNOWN ? null : (this.byKey.get(key(target)) ?? target));
    }
  }

  /** The match of a trimmed cell ('' when blank). */
  match(cell: string): Match {
    let found = this.memo.get(cell);
    if (found === undefined) {
      if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
      found = this.resolve(cell);
      this.memo.set(detach(cell), found);
    }
    return found;
  }

  private resolve(cell: string): Match {
    const k = key(cell);
    if (k === '') return UNKNOWN_MATCH;
    const mapped = this.byMapKey.get(k);
    if (mapped !== undefined) return mapped === null ? UNKNOWN_MATCH : { value: mapped, kind: 'mapped', distance: 0 };
    const exact = this.byKey.get(k);
    if (exact !== undefined) return { value: exact, kind: 'exact', distance: 0 };
    let best: string | null = null;
    let bestDistance = this.maxDistance + 1;
    for (const [candidate, canonical] of this.keys) {
      if (Math.abs(candidate.length - k.length) >= bestDistance) continue;
      const d = distance(k, candidate);
      if (d < bestDistance) {
        best = canonical;
        bestDistance = d;
      }
    }
    return best === null ? UNKNOWN_MATCH : { value: best, kind: 'fuzzy', distance: bestDistance };
  }
}
