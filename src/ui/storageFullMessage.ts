import type { StorageEstimateBytes } from '../platform/quota.ts';
import { formatBytes } from './format.ts';

/**
 * The message for a job that ran out of space.
 * @example storageFullMessage(5e6, { usage: 9e6, quota: 1e7 })
 * // 'There is not enough storage for this job: it needs about 4.8 MiB more; 977 KiB is available (8.6 MiB used of the 9.5 MiB this site may use). …'
 */
export function storageFullMessage(needed: number, estimate: StorageEstimateBytes | null): string {
  const available = estimate === null ? null : Math.max(0, estimate.quota - estimate.usage);
  const room =
    available === null
      ? 'the browser does not say how much is available'
      : `${formatBytes(available)} is available (${formatBytes(estimate!.usage)} used of the ${formatBytes(estimate!.quota)} this site may use)`;
  return `There is not enough storage for this job: it needs about ${formatBytes(needed)} more; ${room}. Earlier jobs and their results are intact.`;
}
