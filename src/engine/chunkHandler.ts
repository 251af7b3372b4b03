import { dropBuffers, giveBuffer } from '../core/bufferPool.ts';
import { ChunkProcessor } from '../core/pipeline/ChunkProcessor.ts';
import { buffersOf } from '../core/pipeline/runJob.ts';
import { tallyViews } from '../core/aggregate/ChunkTally.ts';
import type { ChunkReply, ChunkRequest } from './chunkProtocol.ts';
import { encodeError } from './engineError.ts';

export interface ChunkAnswer {
  reply: ChunkReply;
  transfer: ArrayBuffer[];
}

/**
 * A chunk worker's logic, apart from its messaging: the core's ChunkProcessor behind requests.
 * Errors (an invalid byte in a chunk, say) become replies that keep their code and offset.
 */
export function chunkHandler(): (request: ChunkRequest) => ChunkAnswer | null {
  let processor: ChunkProcessor | null = null;
  return (request) => {
    try {
      if (request.kind === 'setup') {
        processor = new ChunkProcessor(request.setup);
        return null;
      }
      if (request.kind === 'spare') {
        request.buffers.forEach(giveBuffer);
        return null;
      }
      if (request.kind === 'rest') {
        processor = null;
        dropBuffers();
        return null;
      }
      if (processor === null) throw new Error('The chunk worker got a chunk before its setup.');
      if (request.kind === 'clean') {
        const claims = processor.clean(request.seq, request.chunk);
        return { reply: { id: request.id, value: claims }, transfer: buffersOf(claims.ids, claims.idEnds) };
      }
      const output = processor.finish(request.seq, request.verdict);
      return { reply: { id: request.id, value: output }, transfer: buffersOf(output.cleaned, output.rejected, output.input, ...tallyViews(output.totals)) };
    } catch (error) {
      return { reply: { id: request.id, error: encodeError(error) }, transfer: [] };
    }
  };
}
