import type { ChunkReply } from './chunkProtocol.ts';
import type { SpawnChunkWorker } from './ChunkPool.ts';

/** A chunk worker as a module Web Worker, its failures reported as such. */
export const spawnChunkWorker: SpawnChunkWorker = (index, events) => {
  const worker = new Worker(new URL('./chunk.worker.ts', import.meta.url), { type: 'module', name: `chunk-${index + 1}` });
  worker.addEventListener('message', (event: MessageEvent<ChunkReply>) => events.reply(event.data));
  worker.addEventListener('error', (event) => {
    // Handled here: unhandled, it would also be raised in this (the engine's) worker, and so on
    // the page as a failure of the engine itself.
    event.preventDefault();
    // A module that fails to load gives a bare Event; an uncaught exception an ErrorEvent.
    const message = event instanceof ErrorEvent && event.message ? event.message : 'it failed to load or stopped unexpectedly';
    events.fail(message);
  });
  worker.addEventListener('messageerror', () => events.fail('a message from it could not be read'));
  return {
    post: (request, transfer) => worker.postMessage(request, transfer),
    terminate: () => worker.terminate(),
  };
};
