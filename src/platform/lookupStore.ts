import { defaultLookups } from '../core/lookups/defaults.ts';
import type { Lookups } from '../core/lookups/lookups.ts';
import type { AppDb } from './db.ts';
import type { LookupVersion } from './records.ts';

/**
 * Lookups are never changed in place: every edit or import adds a version, and a job names the
 * version it ran with, so an old job's lookups stay readable.
 */
export class LookupStore {
  constructor(private readonly db: AppDb) {}

  /** Adds the default lookups as version 1 when there is no version yet (the first start). */
  async seed(): Promise<void> {
    await this.db.transaction('rw', this.db.lookups, async () => {
      if ((await this.db.lookups.count()) === 0) await this.db.lookups.add({ createdAt: Date.now(), description: 'Default lookups', lookups: defaultLookups() });
    });
  }

  async latest(): Promise<LookupVersion> {
    const latest = await this.db.lookups.orderBy('version').last();
    if (latest !== undefined) return latest;
    await this.seed();
    return (await this.db.lookups.orderBy('version').last())!;
  }

  get(version: number): Promise<LookupVersion | undefined> {
    return this.db.lookups.get(version);
  }

  /** Saves lookups as a new version; answers its number. */
  add(lookups: Lookups, description: string): Promise<number> {
    return this.db.lookups.add({ createdAt: Date.now(), description, lookups }) as Promise<number>;
  }
}
