import { planColumns } from '../../src/core/input/header.ts';
import { openInput, type InputChunk } from '../../src/core/input/openInput.ts';
import type { Lookups } from '../../src/core/lookups/lookups.ts';
import type { JobOptions } from '../../src/core/options.ts';
import type { ChunkSetup } from '../../src/core/pipeline/ChunkProcessor.ts';
import { pieces } from '../../src/core/pipeline/runInMemory.ts';
import { chunkHandler } from '../../src/engine/chunkHandler.ts';
import type { ChunkReply, ChunkRequest } from '../../src/engine/chunkProtocol.ts';
import type { ChunkWorkerEvents, SpawnChunkWorker } from '../../src/engine/ChunkPool.ts';

// Stand-ins for the browser's chunk workers, in Node: each runs the chunk worker's own handler on
// structured clones (transfers detach, as postMessage does) and answers after a random delay, so
// chunks finish out of order.

export interface StandIn {
  /** Called with each request before it is handled; return false to drop it (a dead worker). */
  onRequest?(request: ChunkRequest, fail: (reason: string) => void): boolean;
  /** Called with each request as the pool sent it (to worker `index`), after it was posted. */
  onSent?(request: ChunkRequest, index: number): void;
  /** Called as a worker starts, with what it reports to; and as it is stopped. */
  onSpawn?(index: number, events: ChunkWorkerEvents): void;
  onTerminate?(index: number): void;
}

export function standIns(behaviour: StandIn = {}): SpawnChunkWorker {
  return (index, events) => {
    const handle = chunkHandler();
    let stopped = false;
    behaviour.onSpawn?.(index, events);
    // A worker handles its messages one at a time, in the order they came.
    let queue = Promise.resolve();
    const later = () => new Promise<void>((resolve) => setTimeout(resolve, Math.floor(Math.random() * 3)));
    return {
      post(request, transfer) {
        const copy = structuredClone(request, { transfer });
        behaviour.onSent?.(request, index);
        if (behaviour.onRequest && !behaviour.onRequest(copy, events.fail)) return;
        queue = queue.then(later).then(() => {
          if (stopped) return;
          const answer = handle(copy);
          if (answer) events.reply(structuredClone(answer.reply, { transfer: answer.transfer }) as ChunkReply);
        });
      },
      terminate: () => {
        stopped = true;
        behaviour.onTerminate?.(index);
      },
    };
  };
}

/** A job's real chunks and setup, cut by the core from bytes in memory. */
export async function chunksOf(input: string | Uint8Array, chunkSize: number, options: JobOptions, lookups: Lookups): Promise<{ setup: ChunkSetup; chunks: InputChunk[] }> {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  // Read in pieces of a chunk, as the engine reads a File: only the first piece's records go with the header.
  const opened = await openInput({ source: pieces(bytes, chunkSize), gunzip: (s) => s }, options, chunkSize);
  const chunks: InputChunk[] = [];
  for await (const chunk of opened.chunks) chunks.push(chunk);
  return { setup: { plan: planColumns(opened.header, options), delimiter: opened.delimiter, options, lookups }, chunks };
}
