import { held } from '../platform/held.ts';
import type { ReadReply, ReadRequest } from './protocol.ts';

// The read-only run: the file read and decoded, nothing else; read as the engine reads it (a BYOB
// reader into one reused buffer of 4 MiB), or in slices where the browser has no BYOB reader.
const READ = 4 << 20;
let file: Blob | null = null;

function reply(message: ReadReply): void {
  self.postMessage(message);
}

async function* pieces(blob: Blob): AsyncGenerator<Uint8Array> {
  let reader: ReadableStreamBYOBReader;
  try {
    reader = blob.stream().getReader({ mode: 'byob' });
  } catch {
    for (let at = 0; at < blob.size; at += READ) yield new Uint8Array(await blob.slice(at, at + READ).arrayBuffer());
    return;
  }
  let buffer = new ArrayBuffer(READ);
  for (;;) {
    const { done, value } = await held(reader, reader.read(new Uint8Array(buffer)));
    if (done) return;
    yield value;
    buffer = value.buffer;
  }
}

async function readAll(blob: Blob): Promise<void> {
  const decoder = new TextDecoder();
  let chars = 0;
  for await (const bytes of pieces(blob)) chars += decoder.decode(bytes, { stream: true }).length;
  chars += decoder.decode().length;
  reply({ bytes: blob.size, chars });
}

self.addEventListener('message', (event: MessageEvent<ReadRequest>) => {
  const request = event.data;
  if ('file' in request) {
    file = request.file;
    reply({ ready: true });
  } else if (file !== null) {
    readAll(file).catch((error: unknown) => reply({ error: String((error as Error).message ?? error) }));
  }
});
