/**
 * Large buffers kept for reuse, per thread. A fresh buffer of megabytes is cheap to allocate but
 * costly to fill: each page is faulted in on first touch, and Chromium maps such buffers afresh
 * every time (measured here: ~300 MB/s, against several GB/s for a reused one). Chunks, their
 * lines, line ends, ids and row lists are such buffers, one set per chunk, so they go round
 * instead: a buffer given here must not be used by the giver again.
 */
const spare: ArrayBuffer[] = [];
/**
 * Enough for the chunks a thread holds at once: a chunk worker takes about ten buffers a chunk
 * (its cleaned, rejected and id lines, their line ends, its row lists), and gets them back in
 * bursts. With room for 6 or 16, a burst pushed out buffers still to be used, which were then
 * made afresh (a 10M-row job: 165-184k page faults with 16, 105k with 40, and a lower peak).
 */
const MAX_SPARE = 40;
/** Sizes are rounded up to this, so that chunks of nearly equal size can use each other's buffers. */
const GRAIN = 64 << 10;

/** A buffer of at least `min` bytes, not zeroed. */
export function takeBuffer(min: number): Uint8Array<ArrayBuffer> {
  let best = -1;
  for (let i = 0; i < spare.length; i++) {
    const size = spare[i]!.byteLength;
    if (size >= min && (best < 0 || size < spare[best]!.byteLength)) best = i;
  }
  if (best >= 0) return new Uint8Array(spare.splice(best, 1)[0]!);
  return new Uint8Array(Math.ceil(Math.max(min, 1) / GRAIN) * GRAIN);
}

/** Lets every kept buffer go: a thread that waits between jobs should not hold a job's worth of them. */
export function dropBuffers(): void {
  spare.length = 0;
}

/** Keeps a buffer its owner is done with (small, detached and shared ones are let go). */
export function giveBuffer(buffer: ArrayBufferLike): void {
  if (!(buffer instanceof ArrayBuffer) || buffer.byteLength < GRAIN) return;
  if (spare.length >= MAX_SPARE) spare.shift();
  spare.push(buffer);
}
