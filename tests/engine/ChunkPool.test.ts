import { describe, expect, it } from 'vitest';
import { isPipelineError } from '../../src/core/errors.ts';
import { defaultLookups } from '../../src/core/lookups/defaults.ts';
import { withDefaults } from '../../src/core/options.ts';
import type { ChunkSetup } from '../../src/core/pipeline/ChunkProcessor.ts';
import { runInMemory } from '../../src/core/pipeline/runInMemory.ts';
import { buffersOf } from '../../src/core/pipeline/runJob.ts';
import { generateCsv } from '../../src/core/generate/generate.ts';
import { ChunkPool, type SpawnChunkWorker } from '../../src/engine/ChunkPool.ts';
import { decodeError, encodeError, EngineFailure } from '../../src/engine/engineError.ts';
import { chunksOf as cut, standIns } from '../support/standInWorkers.ts';

// The browser's chunk pool, driven in Node by stand-ins for Web Workers (support/standInWorkers.ts).

const options = withDefaults({ reference_date: '2024-06-30' });
const lookups = defaultLookups();
const csv = [...generateCsv({ rows: 3000, seed: 11, clean: false, endDate: '2024-06-30' })].join('');
const chunksOf = (input: string | Uint8Array, chunkSize: number) => cut(input, chunkSize, options, lookups);

const poolOf = (workers: number, spawn: SpawnChunkWorker) => (setup: ChunkSetup) => new ChunkPool(workers, setup, spawn);

/** How each of the promises ended: its value's kind, or its error. */
const settled = (promises: Array<Promise<unknown>>) => Promise.allSettled(promises).then((all) => all.map((r) => (r.status === 'fulfilled' ? 'ok' : (r.reason as Error))));

// Failures are driven without runJob: a pool's contract is that every call it holds, and every
// later one, fails with the first failure.
describe('ChunkPool', () => {
  it('writes what the in-thread executor writes, with three workers and small chunks, its buffers going round', async () => {
    const expected = await runInMemory(csv, options, lookups, { chunkSize: 1 << 20 });
    const kept: number[] = [];
    let spares = 0;
    // Each chunk is transferred, not copied: the coordinator's view of it is empty once sent.
    const spawn = standIns({
      onSent: (request) => {
        if (request.kind === 'clean') kept.push(request.chunk.bytes.byteLength);
        // Written lines go back to the workers, transferred: they are the workers' to fill again.
        if (request.kind === 'spare') spares += request.buffers.every((b) => b.byteLength === 0) ? 1 : -1e9;
      },
    });
    const pooled = await runInMemory(csv, options, lookups, { chunkSize: 2000, inFlight: 7, executor: poolOf(3, spawn) });
    expect(pooled.cleanedCsv).toBe(expected.cleanedCsv);
    expect(pooled.rejectedCsv).toBe(expected.rejectedCsv);
    expect(pooled.tables).toEqual(expected.tables);
    expect(kept.length).toBeGreaterThan(50);
    expect(new Set(kept)).toEqual(new Set([0]));
    expect(spares).toBeGreaterThan(50);
  });

  it('gives spare buffers back to the worker that made them, and any other buffer to one of them', async () => {
    const { setup, chunks } = await chunksOf(csv, 2000);
    const cleanedBy = new Map<number, number>();
    const spares: Array<{ worker: number; buffers: number }> = [];
    const spawn = standIns({
      onSent: (request, index) => {
        if (request.kind === 'clean') cleanedBy.set(request.seq, index);
        if (request.kind === 'spare') spares.push({ worker: index, buffers: request.buffers.length });
      },
    });
    const pool = new ChunkPool(3, setup, spawn);
    const seqs = [0, 1, 2, 3, 4, 5];
    const claims = await Promise.all(seqs.map((seq) => pool.clean(seq, chunks[seq]!)));
    const outputs = await Promise.all(seqs.map((seq) => pool.finish(seq, { duplicate: new Uint8Array(claims[seq]!.idEnds.length) })));
    expect(new Set(cleanedBy.values())).toEqual(new Set([0, 1, 2]));
    for (const seq of seqs) {
      spares.length = 0;
      pool.recycle(buffersOf(claims[seq]!.ids, claims[seq]!.idEnds, outputs[seq]!.cleaned, outputs[seq]!.rejected));
      expect(spares).toEqual([{ worker: cleanedBy.get(seq), buffers: 4 }]);
    }
    spares.length = 0;
    pool.recycle([new ArrayBuffer(1 << 16)]);
    expect(spares).toHaveLength(1);
    pool.close();
  });

  it('fails every call, held or later, when a worker dies; none waits for it', async () => {
    const { setup, chunks } = await chunksOf(csv, 2000);
    let requests = 0;
    const spawn = standIns({
      onRequest: (request, fail) => {
        if (request.kind !== 'clean' || ++requests < 4) return true;
        setTimeout(() => fail('it stopped unexpectedly'), 5);
        return false;
      },
    });
    const pool = new ChunkPool(2, setup, spawn);
    const clean = (seq: number) => pool.clean(seq, chunks[seq]!);
    expect(await settled([0, 1, 2].map(clean))).toEqual(['ok', 'ok', 'ok']);
    // The fourth request kills its worker: it and every call held by either worker fail.
    const outcomes = await settled([3, 4, 5].map(clean));
    for (const outcome of outcomes) {
      expect(outcome).toBeInstanceOf(EngineFailure);
      expect((outcome as EngineFailure).code).toBe('WORKER_FAILED');
      expect((outcome as Error).message).toMatch(/^Chunk worker \d of 2 failed: it stopped unexpectedly\. The job was stopped\.$/);
    }
    await expect(clean(6)).rejects.toBe(outcomes[0]);
  });

  it('fails every call when a worker cannot be started', async () => {
    const { setup, chunks } = await chunksOf(csv, 2000);
    const pool = new ChunkPool(2, setup, () => {
      throw new Error('SecurityError');
    });
    await expect(pool.clean(0, chunks[0]!)).rejects.toThrow('Chunk worker 1 of 2 failed: it could not be started (SecurityError)');
  });

  it('brings an error from inside a chunk back with its code and byte offset', async () => {
    const bytes = new TextEncoder().encode(csv);
    const at = bytes.indexOf(0x0a, 100_000) + 3;
    const broken = new Uint8Array(bytes.length + 1);
    broken.set(bytes.subarray(0, at));
    broken[at] = 0xff;
    broken.set(bytes.subarray(at), at + 1);
    const { setup, chunks } = await chunksOf(broken, 4096);
    const pool = new ChunkPool(2, setup, standIns());
    const outcomes = await settled(chunks.map((chunk, seq) => pool.clean(seq, chunk)));
    const error = outcomes.find((o) => o !== 'ok');
    expect(isPipelineError(error) && error.code).toBe('INVALID_ENCODING');
    expect(isPipelineError(error) && error.where.byteOffset).toBe(at);
    expect((error as Error).message).toContain(`byte 0xFF at byte offset ${at}`);
    pool.close();
  });
});

describe('errors across a worker boundary', () => {
  const cases = [
    { error: new EngineFailure('WORKER_FAILED', 'gone'), code: 'WORKER_FAILED', hint: /fewer workers/ },
    { error: new TypeError('odd'), code: 'INTERNAL', hint: /Reload/ },
  ];
  for (const { error, code, hint } of cases) {
    it(`keeps ${code} as data and back`, () => {
      const encoded = structuredClone(encodeError(error));
      expect(encoded).toMatchObject({ code, message: error.message });
      expect(encoded.hint).toMatch(hint);
      expect(decodeError(encoded).message).toBe(error.message);
    });
  }
});
