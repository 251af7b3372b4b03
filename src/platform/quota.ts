/**
 * Whether a storage error means the disk or the site's quota is full. IndexedDB raises
 * `QuotaExceededError`; Dexie passes it on as is, or inside an `AbortError`'s `inner` when it
 * aborted the transaction; OPFS raises it from a sync handle's write.
 */
export function isQuotaError(error: unknown): boolean {
  for (let e = error, depth = 0; e !== null && typeof e === 'object' && depth < 4; depth++) {
    const { name, inner } = e as { name?: unknown; inner?: unknown };
    if (name === 'QuotaExceededError') return true;
    e = inner;
  }
  return false;
}

/** What the browser says this site has used and may use, in bytes; null where it does not say. */
export interface StorageEstimateBytes {
  usage: number;
  quota: number;
}

export async function estimateStorage(): Promise<StorageEstimateBytes | null> {
  try {
    const { usage, quota } = await navigator.storage.estimate();
    return usage === undefined || quota === undefined ? null : { usage, quota };
  } catch {
    return null;
  }
}
