import { describe, expect, it } from 'vitest';
import { generateCsv } from '../../src/core/generate/generate.ts';
import { defaultLookups } from '../../src/core/lookups/defaults.ts';
import { withDefaults } from '../../src/core/options.ts';
import { runInMemory } from '../../src/core/pipeline/runInMemory.ts';
import { ChunkPool } from '../../src/engine/ChunkPool.ts';
import { KeptWorkers } from '../../src/engine/KeptWorkers.ts';
import { warmUp } from '../../src/engine/warmUp.ts';
import { standIns, type StandIn } from '../support/standInWorkers.ts';

const ROWS = 8000;

/** Kept stand-in workers, counting the workers started and stopped and the chunks sent to each. */
function kept(behaviour: StandIn = {}) {
  const seen = { spawned: 0, cleaned: [] as number[], terminated: 0 };
  const spawn = standIns({
    ...behaviour,
    onSpawn: () => void seen.cleaned.push(0),
    onSent: (request, index) => {
      // A warm-up's pools have one worker each: the latest started is the one warming.
      if (request.kind === 'clean') seen.cleaned[seen.cleaned.length - 1]!++;
      behaviour.onSent?.(request, index);
    },
    onTerminate: () => seen.terminated++,
  });
  return { workers: new KeptWorkers(spawn), seen };
}

describe('warmUp', () => {
  it('runs every chunk of the generated rows through each worker in turn, and leaves the workers kept', async () => {
    const { workers, seen } = kept();
    await warmUp(2, workers.spawn, ROWS).done;
    expect(seen.cleaned).toHaveLength(2);
    expect(seen.cleaned[0]).toBe(seen.cleaned[1]);
    // 8,000 rows of about 100 bytes, in chunks of 256 KiB.
    expect(seen.cleaned[0]).toBeGreaterThanOrEqual(2);
    expect(workers.waiting).toBe(2);
    expect(seen.terminated).toBe(0);
  });

  it('ends after the chunk in hand when stopped, its worker kept for the job that stopped it', async () => {
    // Stopped as its first chunk goes out: that chunk is finished, and no other worker is started.
    const { workers, seen } = kept({ onSent: (request) => void (request.kind === 'clean' && warming.stop()) });
    const warming = warmUp(2, workers.spawn, ROWS);
    await warming.done;
    expect(seen.cleaned).toEqual([1]);
    expect(workers.waiting).toBe(1);

    // The job on the warmed workers, with its own options, writes what a fresh run writes.
    const options = withDefaults({ reference_date: '2024-06-30', fuzzy_max_distance: 0 });
    const csv = [...generateCsv({ rows: 3000, seed: 8, clean: false, endDate: '2024-06-30' })].join('');
    const job = await runInMemory(csv, options, defaultLookups(), { chunkSize: 4000, executor: (setup) => new ChunkPool(2, setup, workers.spawn) });
    const fresh = await runInMemory(csv, options, defaultLookups());
    expect(job.cleanedCsv).toBe(fresh.cleanedCsv);
    expect(job.rejectedCsv).toBe(fresh.rejectedCsv);
    expect(job.tables).toEqual(fresh.tables);
    expect(seen.terminated).toBe(0);
  });

  it('settles without an error when a worker dies, and keeps no worker', async () => {
    const { workers, seen } = kept({
      onRequest: (request, fail) => {
        if (request.kind !== 'clean') return true;
        setTimeout(() => fail('it stopped unexpectedly'), 1);
        return false;
      },
    });
    await expect(warmUp(2, workers.spawn, ROWS).done).resolves.toBeUndefined();
    expect(workers.waiting).toBe(0);
    expect(seen.terminated).toBe(1);
  });
});
