import { generateCsv } from '../core/generate/generate.ts';
import { planColumns } from '../core/input/header.ts';
import { openInput, type InputChunk } from '../core/input/openInput.ts';
import { defaultLookups } from '../core/lookups/defaults.ts';
import { withDefaults } from '../core/options.ts';
import type { ChunkSetup } from '../core/pipeline/ChunkProcessor.ts';
import { pieces } from '../core/pipeline/runInMemory.ts';
import { ChunkPool, type SpawnChunkWorker } from './ChunkPool.ts';

/**
 * Each worker cleans 60,000 rows, about what a fresh worker took to reach full speed: four passes
 * over 15,000, which hold less in the engine worker than 60,000 would.
 */
const WARM_UP_ROWS = 15_000;
const WARM_UP_PASSES = 4;
/** Small chunks, so that a job waits for little more than a chunk when it stops a warm-up. */
const WARM_UP_CHUNK = 256 << 10;
const END_DATE = '2024-06-30';

export interface WarmUp {
  /** Ends the warm-up after the chunks its workers hold; `done` then settles. */
  stop(): void;
  done: Promise<void>;
}

/**
 * Runs generated dirty rows (SPEC section 5: every kind of fault) through `workers` chunk
 * workers and hands them back through their pools' close, so that the job that follows gets
 * workers whose cleaning code V8 has already compiled. One worker warms at a time, each in a
 * pool of its own (held until the end, so that the next pool starts another worker): the rest
 * of the machine stays free for the page, which the user is working in. The rows and their
 * outputs are thrown away. A warm-up that fails does no harm: the job starts its own workers.
 */
export function warmUp(workers: number, spawn: SpawnChunkWorker, rows = WARM_UP_ROWS): WarmUp {
  let stopped = false;
  const done = (async () => {
    const { setup, chunks } = await warmUpChunks(rows);
    const pools: ChunkPool[] = [];
    let seq = 0;
    try {
      for (let worker = 0; worker < workers && !stopped; worker++) {
        const pool = new ChunkPool(1, setup, spawn);
        pools.push(pool);
        for (let pass = 0; pass < WARM_UP_PASSES; pass++) {
          for (const chunk of chunks) {
            if (stopped) return;
            const n = seq++;
            const claims = await pool.clean(n, { ...chunk, bytes: chunk.bytes.slice() });
            await pool.finish(n, { duplicate: new Uint8Array(claims.idEnds.length) });
          }
        }
      }
    } finally {
      for (const pool of pools) pool.close();
    }
  })().catch(() => {});
  return { stop: () => void (stopped = true), done };
}

async function warmUpChunks(rows: number): Promise<{ setup: ChunkSetup; chunks: InputChunk[] }> {
  const options = withDefaults({ reference_date: END_DATE });
  const bytes = new TextEncoder().encode([...generateCsv({ rows, seed: 1, clean: false, endDate: END_DATE })].join(''));
  // Read in pieces no bigger than a chunk, as a job reads its file: one piece would be one chunk.
  const input = await openInput({ source: pieces(bytes, WARM_UP_CHUNK), gunzip: (stream) => stream }, options, WARM_UP_CHUNK);
  const chunks: InputChunk[] = [];
  for await (const chunk of input.chunks) chunks.push(chunk);
  return { setup: { plan: planColumns(input.header, options), delimiter: input.delimiter, options, lookups: defaultLookups() }, chunks };
}
