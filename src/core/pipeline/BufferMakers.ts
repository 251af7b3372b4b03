/**
 * Which worker made each output buffer, so that a spare buffer goes back to it: a worker takes
 * the same sizes for its next chunk (bufferPool), and buffers handed out in turn left one worker
 * short of some, faulting in fresh megabytes for every chunk.
 */
export class BufferMakers {
  private readonly maker = new WeakMap<ArrayBuffer, number>();

  /** Notes that worker `index` made the buffers under `views`; returns `value`, to chain on a reply. */
  made<T>(index: number, value: T, ...views: ArrayBufferView[]): T {
    for (const view of views) this.maker.set(view.buffer as ArrayBuffer, index);
    return value;
  }

  /** The buffers by the worker that made them; one no worker made goes to `other()`. */
  byMaker(buffers: ArrayBuffer[], other: () => number): Map<number, ArrayBuffer[]> {
    const to = new Map<number, ArrayBuffer[]>();
    for (const buffer of buffers) {
      const index = this.maker.get(buffer) ?? other();
      to.set(index, [...(to.get(index) ?? []), buffer]);
    }
    return to;
  }
}
