import { readAll } from './readAll.ts';

/** gzip-decompressed bytes through the browser's DecompressionStream, pulled as they are needed. */
export function gunzipStream(source: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  const pieces = source[Symbol.asyncIterator]();
  const compressed = new ReadableStream<Uint8Array<ArrayBuffer>>({
    async pull(controller) {
      const next = await pieces.next();
      if (next.done) controller.close();
      // Bytes read from a File: never on a SharedArrayBuffer.
      else controller.enqueue(next.value as Uint8Array<ArrayBuffer>);
    },
    async cancel() {
      await pieces.return?.();
    },
  });
  return readAll(compressed.pipeThrough(new DecompressionStream('gzip')));
}
