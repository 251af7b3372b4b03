import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { defaultLookups } from '../../src/core/lookups/defaults.ts';
import { withDefaults } from '../../src/core/options.ts';
import { ChunkProcessor } from '../../src/core/pipeline/ChunkProcessor.ts';
import { runJob, type JobIO } from '../../src/core/pipeline/runJob.ts';
import { generateCsv } from '../../src/core/generate/generate.ts';
import { gunzip } from '../../src/cli/nodeIO.ts';

const options = withDefaults({ reference_date: '2025-06-30' });
const csv = [...generateCsv({ rows: 20_000, seed: 3, clean: false, endDate: '2025-06-30' })].join('');
const sink = { write: () => {} };

async function* pieces(bytes: Uint8Array, size: number, failAt = Infinity): AsyncIterable<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) {
    if (at >= failAt) throw new Error('the disk went away');
    yield bytes.subarray(at, at + size);
  }
}

const io = (source: AsyncIterable<Uint8Array>, over: Partial<JobIO> = {}): JobIO => ({
  source,
  size: 0,
  gunzip,
  executor: (setup) => {
    const processor = new ChunkProcessor(setup);
    return { clean: async (seq, chunk) => processor.clean(seq, chunk), finish: async (seq, v) => processor.finish(seq, v), close: () => {} };
  },
  cleanedRows: sink,
  rejectedRows: sink,
  ...over,
});

describe('runJob', () => {
  it('fails with the first chunk error and leaves no promise rejected unhandled', async () => {
    let calls = 0;
    const failing = io(pieces(new TextEncoder().encode(csv), 4096), {
      executor: (setup) => {
        const processor = new ChunkProcessor(setup);
        return {
          // Earlier chunks are slow, so the failure comes while nothing waits on it yet.
          clean: async (seq, chunk) => {
            if (++calls === 3) throw new Error('worker lost');
            await new Promise((resolve) => setTimeout(resolve, 20));
            return processor.clean(seq, chunk);
          },
          finish: async (seq, v) => processor.finish(seq, v),
          close: () => {},
        };
      },
    });
    const unhandled: unknown[] = [];
    const note = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', note);
    try {
      await expect(runJob(failing, options, defaultLookups(), { chunkSize: 4096, inFlight: 5 })).rejects.toThrow('worker lost');
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      process.off('unhandledRejection', note);
    }
    expect(unhandled).toEqual([]);
  });

  it('a read that fails inside a gzip file is that failure, not a damaged-gzip error', async () => {
    const zipped = new Uint8Array(gzipSync(csv));
    // Past the first 64 KiB, which are read before decompression starts.
    expect(zipped.length).toBeGreaterThan(200_000);
    const job = runJob(io(pieces(zipped, 1024, 150_000)), options, defaultLookups(), { chunkSize: 4096, inFlight: 3 });
    await expect(job).rejects.toThrow('the disk went away');
  });
});
