import type { ChunkRequest } from './chunkProtocol.ts';
import { chunkHandler } from './chunkHandler.ts';

// A chunk worker: cleans the chunks the engine worker sends it (see ChunkPool).
const handle = chunkHandler();

self.addEventListener('message', (event: MessageEvent<ChunkRequest>) => {
  const answer = handle(event.data);
  if (answer !== null) self.postMessage(answer.reply, answer.transfer);
});
