import type { AppDb } from './db.ts';

export interface PersistenceAnswer {
  /** Milliseconds since the epoch. */
  askedAt: number;
  granted: boolean;
}

const KEY = 'persistence';

export async function persistenceAnswer(db: AppDb): Promise<PersistenceAnswer | null> {
  return ((await db.settings.get(KEY))?.value as PersistenceAnswer | undefined) ?? null;
}

/**
 * Asks the browser to keep this site's storage under pressure (`navigator.storage.persist()`),
 * once: after the first completed job, when there is something worth keeping. The answer is kept.
 */
export async function askPersistenceOnce(db: AppDb): Promise<PersistenceAnswer> {
  const known = await persistenceAnswer(db);
  if (known !== null) return known;
  return askPersistence(db);
}

/** Asks again (the user's own click on the storage page). */
export async function askPersistence(db: AppDb): Promise<PersistenceAnswer> {
  let granted = false;
  try {
    granted = await navigator.storage.persist();
  } catch {
    // A browser without the API keeps storage best-effort: the answer is no.
  }
  const answer = { askedAt: Date.now(), granted };
  await db.settings.put({ key: KEY, value: answer });
  return answer;
}
