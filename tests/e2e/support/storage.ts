import type { Page } from '@playwright/test';
import { readJobFolder } from './app.ts';

/** Every record of a store of the app's database, read with IndexedDB itself (not the app's code). */
export function readStore(page: Page, store: 'jobs' | 'results' | 'lookups' | 'settings'): Promise<Record<string, unknown>[]> {
  return page.evaluate(
    (name) =>
      new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const open = indexedDB.open('sales-pipeline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction(name).objectStore(name).getAll();
          all.onsuccess = () => {
            db.close();
            resolve(all.result as Record<string, unknown>[]);
          };
          all.onerror = () => reject(all.error);
        };
      }),
    store,
  );
}

/** A job as stored: its record, its results and its files, to compare before and after. */
export async function jobSnapshot(page: Page, jobId: string): Promise<{ job: unknown; results: unknown; files: Record<string, string> | null }> {
  const job = (await readStore(page, 'jobs')).find((j) => j.id === jobId);
  const results = (await readStore(page, 'results')).find((r) => r.jobId === jobId);
  return { job, results, files: await readJobFolder(page, jobId) };
}
