import { bySpellingCount, type SpellingGroup } from './buildLookups.ts';

/** Where a spelling can go: another group (by index), a group of its own, or UNKNOWN. */
export type SpellingTarget = number | 'new' | 'unknown';

/** The unknown group stays last; groups left without spellings go. */
function tidy(groups: SpellingGroup[]): SpellingGroup[] {
  const kept = groups.filter((g) => g.spellings.length > 0);
  return [...kept.filter((g) => g.canonical !== null), ...kept.filter((g) => g.canonical === null)];
}

/** Names a group's value (one of its spellings, or any other name). */
export function renameGroup(groups: readonly SpellingGroup[], index: number, name: string): SpellingGroup[] {
  return groups.map((g, i) => (i === index && g.canonical !== null ? { ...g, canonical: name.trim() } : g));
}

/** Puts every spelling of group `from` into group `into`, which keeps its name. */
export function mergeGroup(groups: readonly SpellingGroup[], from: number, into: number): SpellingGroup[] {
  if (from === into) return [...groups];
  const next = groups.map((g) => ({ ...g, spellings: [...g.spellings] }));
  next[into]!.spellings.push(...next[from]!.spellings);
  next[into]!.spellings.sort(bySpellingCount);
  next[from]!.spellings = [];
  return tidy(next);
}

/** Moves one spelling out of group `from`: into another group, a new group named after it, or UNKNOWN. */
export function moveSpelling(groups: readonly SpellingGroup[], from: number, spelling: string, to: SpellingTarget): SpellingGroup[] {
  const next = groups.map((g) => ({ ...g, spellings: [...g.spellings] }));
  const source = next[from]!;
  const moved = source.spellings.find((s) => s.spelling === spelling);
  if (moved === undefined || to === from) return [...groups];
  source.spellings = source.spellings.filter((s) => s !== moved);
  if (to === 'new') next.push({ canonical: spelling, spellings: [moved] });
  else {
    let target = to === 'unknown' ? next.find((g) => g.canonical === null) : next[to];
    if (target === undefined) next.push((target = { canonical: null, spellings: [] }));
    target.spellings.push(moved);
    target.spellings.sort(bySpellingCount);
  }
  // A group whose named spelling left keeps its name: the person chose it, or may rename it.
  return tidy(next);
}
