import { giveBuffer } from '../bufferPool.ts';
import { ChunkProcessor, type ChunkSetup } from './ChunkProcessor.ts';
import type { ChunkExecutor } from './runJob.ts';

/** Cleans chunks in this thread: for tests, small files and platforms without workers. */
export function inProcessExecutor(setup: ChunkSetup): ChunkExecutor {
  const processor = new ChunkProcessor(setup);
  return {
    clean: async (seq, chunk) => processor.clean(seq, chunk),
    finish: async (seq, verdict) => processor.finish(seq, verdict),
    recycle: (buffers) => buffers.forEach(giveBuffer),
    close: () => {},
  };
}
