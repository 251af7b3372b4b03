/** Bytes from a stream's reader as an async iterable; stopping early cancels the stream. */
async function* readAll(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  let done = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!done) await reader.cancel().catch(() => {});
  }
}

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
