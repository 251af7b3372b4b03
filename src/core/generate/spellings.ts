import { distance } from 'fastest-levenshtein';
import { key } from '../text/key.ts';
import { csvField } from './format.ts';
import type { Prng } from './prng.ts';

/** The spellings of one canonical value, each ready to write as a CSV field. */
export interface Spellings {
  canonical: string;
  /** Same key() as the canonical value: case changes and extra spaces. */
  variants: string[];
  /** One or two edits away, and nearer to this value than to any other. */
  typos: string[];
  /** Entries of the lookups' map that point to this value. */
  aliases: string[];
}

const TYPOS_PER_VALUE = 12;

/** Every spelling of value: its variants, typos drawn from rng, and the aliases that map to it. */
export function spellingsOf(value: string, canonical: readonly string[], aliases: Readonly<Record<string, string>>, rng: Prng): Spellings {
  const variants = new Set([
    value.toLowerCase(),
    value.toUpperCase(),
    value[0] + value.slice(1).toLowerCase(),
    ' ' + value + ' ',
    value + '  ',
    value.replace(' ', '  '),
  ]);
  variants.delete(value);
  const typos = typosOf(value, canonical, aliases, rng);
  return {
    canonical: csvField(value),
    variants: [...variants].map(csvField),
    typos: (typos.length > 0 ? typos : [...variants]).map(csvField), // a value too close to another has none
    aliases: Object.keys(aliases)
      .filter((alias) => aliases[alias] === value)
      .map(csvField),
  };
}

/**
 * Misspellings of a value that fuzzy matching (distance ≤ 2 on key()) brings back to it: each is
 * strictly nearer to it than to any other canonical value and is no key of the lookups' map.
 */
function typosOf(value: string, canonical: readonly string[], aliases: Readonly<Record<string, string>>, rng: Prng): string[] {
  const own = key(value);
  const others = canonical.map(key).filter((k) => k !== own);
  const mapKeys = new Set(Object.keys(aliases).map(key));
  const typos = new Set<string>();
  for (let attempt = 0; attempt < TYPOS_PER_VALUE * 40 && typos.size < TYPOS_PER_VALUE; attempt++) {
    let typo = misspell(value, rng);
    if (rng.chance(0.3)) typo = misspell(typo, rng);
    const k = key(typo);
    if (k === own || k === '' || mapKeys.has(k)) continue;
    const d = distance(k, own);
    if (d <= 2 && others.every((other) => distance(k, other) > d)) typos.add(typo);
  }
  return [...typos];
}

/** Keys near each letter on a QWERTY keyboard, for plausible replacements. */
const NEIGHBOURS: Record<string, string> = {
  a: 'qsz', b: 'vghn', c: 'xdfv', d: 'serfcx', e: 'wrd', f: 'drtgvc', g: 'ftyhbv', h: 'gyujnb', i: 'uok', j: 'huikmn',
  k: 'jiolm', l: 'kop', m: 'njk', n: 'bhjm', o: 'ipl', p: 'ol', q: 'wa', r: 'etf', s: 'awedxz', t: 'ryg', u: 'yij',
  v: 'cfgb', w: 'qes', x: 'zsdc', y: 'tuh', z: 'asx',
};

/** One edit at a letter: swap with the next letter, drop it, double it or hit a neighbouring key. */
function misspell(value: string, rng: Prng): string {
  const letters: number[] = [];
  for (let i = 0; i < value.length; i++) if (/[a-z]/i.test(value[i]!)) letters.push(i);
  if (letters.length === 0) return value;
  const at = rng.pick(letters);
  const ch = value[at]!;
  switch (rng.int(0, 3)) {
    case 0:
      if (at + 1 < value.length && /[a-z]/i.test(value[at + 1]!) && value[at + 1] !== ch) {
        return value.slice(0, at) + value[at + 1] + ch + value.slice(at + 2);
      }
      return value.slice(0, at) + value.slice(at + 1);
    case 1:
      return value.slice(0, at) + value.slice(at + 1);
    case 2:
      return value.slice(0, at) + ch + value.slice(at);
    default: {
      const lower = ch.toLowerCase();
      const hit = rng.pick([...(NEIGHBOURS[lower] ?? 'e')]);
      return value.slice(0, at) + (ch === lower ? hit : hit.toUpperCase()) + value.slice(at + 1);
    }
  }
}
