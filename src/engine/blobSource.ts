import { cancelled } from '../core/input/openInput.ts';
import { EngineFailure } from './engineError.ts';

/** At most this much of the file is read at once: each read costs a round trip, small ones ~14 ms per MB here. */
export const READ_BYTES = 4 << 20;

/**
 * A File (or Blob) as a byte stream, read in slices of `step` bytes. One slice is read ahead while
 * the last one is used: each read is a round trip to the browser's file store, and waiting for it
 * would leave the coordinator idle.
 */
export async function* blobSlices(blob: Blob, step: number, signal: AbortSignal): AsyncGenerator<Uint8Array> {
  const read = (at: number): Promise<ArrayBuffer> =>
    blob.slice(at, at + step).arrayBuffer().catch((error: unknown) => {
      throw new EngineFailure('READ_FAILED', `The file could not be read at byte ${at} (${(error as Error).message}).`);
    });
  let next = blob.size > 0 ? read(0) : null;
  for (let at = 0; next !== null; at += step) {
    if (signal.aborted) throw cancelled();
    const bytes = await next;
    next = at + step < blob.size ? read(at + step) : null;
    // A read ahead that fails after the job stopped must not be reported as unhandled.
    next?.catch(() => {});
    yield new Uint8Array(bytes);
  }
}
