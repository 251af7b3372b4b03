import { AppDb } from './db.ts';
import { JobStore } from './jobStore.ts';
import { LookupStore } from './lookupStore.ts';

export interface AppStorage {
  db: AppDb;
  jobs: JobStore;
  lookups: LookupStore;
  /** What the start found: jobs cut off by a closed tab, and unfinished folders removed. */
  recovered: { interrupted: string[]; removedFolders: string[] };
}

/**
 * Opens the database, seeds the default lookups on the first start and recovers from a tab that
 * closed mid-job. `onOutdated` is called when another tab upgrades the database: this tab closes
 * its connection at once (so that the upgrade is not blocked) and must be reloaded to go on.
 */
export async function openAppStorage(onOutdated: () => void, name?: string): Promise<AppStorage> {
  const db = new AppDb(name);
  db.on('versionchange', () => {
    db.close();
    onOutdated();
    return false;
  });
  await db.open();
  const lookups = new LookupStore(db);
  await lookups.seed();
  const jobs = new JobStore(db);
  const recovered = await jobs.recover();
  return { db, jobs, lookups, recovered };
}
