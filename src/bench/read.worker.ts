import type { ReadReply, ReadRequest } from './protocol.ts';

// The read-only run: the file read in 1 MiB slices, one at a time, and decoded; nothing else.
const SLICE = 1 << 20;
let file: Blob | null = null;

function reply(message: ReadReply): void {
  self.postMessage(message);
}

async function readAll(blob: Blob): Promise<void> {
  const decoder = new TextDecoder();
  let chars = 0;
  for (let at = 0; at < blob.size; at += SLICE) {
    const bytes = new Uint8Array(await blob.slice(at, at + SLICE).arrayBuffer());
    chars += decoder.decode(bytes, { stream: true }).length;
  }
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
