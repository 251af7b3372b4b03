const holding = new Set<{ receiver: object }>();

/**
 * `call`, with `receiver` (the object whose method made it) held until it settles. Chromium drops
 * a pending call of an object the collector takes, and its promise never settles: a BYOB read of
 * a Blob's stream and an OPFS handle's createSyncAccessHandle() hung for good when nothing but
 * the call's own promise chain held them (Download all started while the job page scanned its
 * rejected rows; reproduced by calling gc() in a loop in the worker). Whether an object is still
 * held during a call depends on what the function does after it, so every awaited call of an
 * OPFS handle, and every read of a BYOB reader, goes through here.
 */
export async function held<T>(receiver: object, call: Promise<T>): Promise<T> {
  const hold = { receiver };
  holding.add(hold);
  try {
    return await call;
  } finally {
    holding.delete(hold);
  }
}
