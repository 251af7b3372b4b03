/** The app's pages, addressed by the location's hash so that a static host serves them all. */
export type Route = { page: 'home' } | { page: 'job'; jobId: string } | { page: 'storage' } | { page: 'lookups' };

/**
 * @example parseRoute('#/jobs/20261125-101500-ab12cd34') // { page: 'job', jobId: '20261125-101500-ab12cd34' }
 * @example parseRoute('#/storage') // { page: 'storage' }
 */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  const job = /^jobs\/([\w-]+)$/.exec(path);
  if (job) return { page: 'job', jobId: job[1]! };
  if (path === 'storage') return { page: 'storage' };
  if (path === 'lookups') return { page: 'lookups' };
  return { page: 'home' };
}

export const jobHref = (jobId: string): string => `#/jobs/${jobId}`;
export const STORAGE_HREF = '#/storage';
export const LOOKUPS_HREF = '#/lookups';
export const HOME_HREF = '#/';
