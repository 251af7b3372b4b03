import { Dexie, type EntityTable, type Table } from 'dexie';
import type { JobRecord, LookupVersion, ResultRecord, SettingRecord } from './records.ts';

export const DB_NAME = 'sales-pipeline';

/**
 * The app's IndexedDB database. Every schema version stays declared here with its upgrade, so a
 * browser that holds an older one upgrades in order; each earlier version gets a migration test.
 */
export class AppDb extends Dexie {
  jobs!: Table<JobRecord, string>;
  results!: Table<ResultRecord, string>;
  lookups!: EntityTable<LookupVersion, 'version'>;
  settings!: Table<SettingRecord, string>;

  constructor(name = DB_NAME) {
    super(name);
    this.version(1).stores({
      jobs: 'id, status, createdAt',
      results: 'jobId',
      lookups: '++version',
      settings: 'key',
    });
  }
}
