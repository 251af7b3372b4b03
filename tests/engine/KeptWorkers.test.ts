import { describe, expect, it } from 'vitest';
import { generateCsv } from '../../src/core/generate/generate.ts';
import { cancelled } from '../../src/core/input/openInput.ts';
import { defaultLookups } from '../../src/core/lookups/defaults.ts';
import { withDefaults, type JobOptions } from '../../src/core/options.ts';
import type { ChunkSetup } from '../../src/core/pipeline/ChunkProcessor.ts';
import { runInMemory } from '../../src/core/pipeline/runInMemory.ts';
import { ChunkPool, type ChunkWorkerEvents } from '../../src/engine/ChunkPool.ts';
import { KeptWorkers } from '../../src/engine/KeptWorkers.ts';
import { chunksOf, standIns } from '../support/standInWorkers.ts';

const lookups = defaultLookups();
const options = withDefaults({ reference_date: '2024-06-30' });
const csv = [...generateCsv({ rows: 3000, seed: 5, clean: false, endDate: '2024-06-30' })].join('');

/** Kept stand-in workers, with what happened to them. */
function keptStandIns(idleMs?: number) {
  const seen = { spawned: 0, terminated: 0, rests: 0, events: [] as ChunkWorkerEvents[] };
  const spawn = standIns({
    onSpawn: (_, events) => {
      seen.spawned++;
      seen.events.push(events);
    },
    onTerminate: () => seen.terminated++,
    onSent: (request) => void (request.kind === 'rest' && seen.rests++),
  });
  return { kept: new KeptWorkers(spawn, idleMs), seen };
}

const runWith = (kept: KeptWorkers, jobOptions: JobOptions, workers = 2) =>
  runInMemory(csv, jobOptions, lookups, { chunkSize: 2000, executor: (setup: ChunkSetup) => new ChunkPool(workers, setup, kept.spawn) });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('KeptWorkers', () => {
  it('keeps the workers of a job that ends well, and the next job on them writes what a fresh run writes', async () => {
    const { kept, seen } = keptStandIns();
    const first = await runWith(kept, options);
    expect(first.cleanedCsv).toBe((await runInMemory(csv, options, lookups)).cleanedCsv);
    expect(seen).toMatchObject({ spawned: 2, terminated: 0, rests: 2 });
    expect(kept.waiting).toBe(2);

    // Other options: a worker that kept the first job's memos would match spellings it must not.
    const strict = withDefaults({ reference_date: '2024-06-30', fuzzy_max_distance: 0, anomaly_top_n: 2 });
    const second = await runWith(kept, strict);
    const fresh = await runInMemory(csv, strict, lookups);
    expect(second.cleanedCsv).toBe(fresh.cleanedCsv);
    expect(second.rejectedCsv).toBe(fresh.rejectedCsv);
    expect(second.tables).toEqual(fresh.tables);
    expect(second.rejectedCsv).not.toBe(first.rejectedCsv);
    expect(seen).toMatchObject({ spawned: 2, terminated: 0, rests: 4 });
  });

  it('stops the workers of a cancelled job: the next job starts fresh ones', async () => {
    const { kept, seen } = keptStandIns();
    await expect(
      runInMemory(csv, options, lookups, {
        chunkSize: 2000,
        executor: (setup) => {
          const pool = new ChunkPool(2, setup, kept.spawn);
          setTimeout(() => pool.abort(cancelled()), 5);
          return pool;
        },
      }),
    ).rejects.toThrow(/cancel/i);
    expect(seen).toMatchObject({ spawned: 2, terminated: 2 });
    expect(kept.waiting).toBe(0);
    await runWith(kept, options);
    expect(seen.spawned).toBe(4);
  });

  it('stops workers that still owe an answer when their pool is closed', async () => {
    const { kept, seen } = keptStandIns();
    const { setup, chunks } = await chunksOf(csv, 2000, options, lookups);
    const pool = new ChunkPool(1, setup, kept.spawn);
    const unanswered = pool.clean(0, chunks[0]!);
    pool.close();
    await expect(unanswered).rejects.toThrow('closed');
    expect(seen).toMatchObject({ spawned: 1, terminated: 1, rests: 0 });
    expect(kept.waiting).toBe(0);
  });

  it('stops kept workers once they have waited too long, unless a job takes them first', async () => {
    const { kept, seen } = keptStandIns(400);
    await runWith(kept, options);
    await sleep(20);
    await runWith(kept, options);
    expect(seen).toMatchObject({ spawned: 2, terminated: 0 });
    await sleep(800);
    expect(seen.terminated).toBe(2);
    expect(kept.waiting).toBe(0);
  });

  it('lets go of a kept worker that fails while it waits', async () => {
    const { kept, seen } = keptStandIns();
    await runWith(kept, options);
    seen.events[0]!.fail('it stopped unexpectedly');
    expect(kept.waiting).toBe(1);
    expect(seen.terminated).toBe(1);
    await runWith(kept, options);
    expect(seen.spawned).toBe(3);
  });

  it('gives two jobs at once workers of their own', async () => {
    const { kept, seen } = keptStandIns();
    await Promise.all([runWith(kept, options), runWith(kept, options)]);
    expect(seen.spawned).toBe(4);
    expect(kept.waiting).toBe(4);
  });
});
