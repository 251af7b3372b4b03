import { cancelled } from '../core/input/openInput.ts';
import { EngineFailure } from './engineError.ts';

/** At most this much of the file is read at once. */
export const READ_BYTES = 1 << 20;

/**
 * A File (or Blob) as a byte stream, read in slices of `step` bytes, one at a time: the
 * pipeline asks for the next slice only when it has room for it.
 */
export async function* blobSlices(blob: Blob, step: number, signal: AbortSignal): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < blob.size; at += step) {
    if (signal.aborted) throw cancelled();
    let bytes: ArrayBuffer;
    try {
      bytes = await blob.slice(at, at + step).arrayBuffer();
    } catch (error) {
      throw new EngineFailure('READ_FAILED', `The file could not be read at byte ${at} (${(error as Error).message}).`);
    }
    yield new Uint8Array(bytes);
  }
}
