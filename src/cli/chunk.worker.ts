import { parentPort } from 'node:worker_threads';
import { giveBuffer } from '../core/bufferPool.ts';
import { ChunkProcessor, type ChunkSetup } from '../core/pipeline/ChunkProcessor.ts';
import { buffersOf } from '../core/pipeline/runJob.ts';
import { tallyViews } from '../core/aggregate/ChunkTally.ts';
import type { WorkerReply, WorkerRequest } from './WorkerPool.ts';

// A worker thread of the command line: the core's ChunkProcessor behind messages.
const port = parentPort!;
let processor: ChunkProcessor | null = null;

port.on('message', (request: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    if (request.kind === 'setup') {
      processor = new ChunkProcessor(request.setup as ChunkSetup);
      return;
    }
    if (request.kind === 'spare') {
      request.buffers.forEach(giveBuffer);
      return;
    }
    if (processor === null) throw new Error('The worker got a chunk before its setup.');
    if (request.kind === 'clean') {
      const claims = processor.clean(request.seq, request.chunk);
      port.postMessage({ id: request.id, value: claims } satisfies WorkerReply, buffersOf(claims.ids, claims.idEnds));
      return;
    }
    const output = processor.finish(request.seq, request.verdict);
    port.postMessage({ id: request.id, value: output } satisfies WorkerReply, buffersOf(output.cleaned, output.rejected, output.input, ...tallyViews(output.totals)));
    return;
  } catch (error) {
    const e = error as Error;
    reply = { id: request.id, error: { name: e.name, message: e.message, stack: e.stack } };
  }
  port.postMessage(reply);
});
