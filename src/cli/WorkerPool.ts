import { Worker } from 'node:worker_threads';
import type { ChunkClaims, ChunkOutput, ChunkSetup, ChunkVerdict } from '../core/pipeline/ChunkProcessor.ts';
import type { ChunkExecutor } from '../core/pipeline/runJob.ts';
import { BufferMakers } from '../core/pipeline/BufferMakers.ts';
import type { InputChunk } from '../core/input/openInput.ts';

/** The command line runs as a bundle (scripts/build-cli.mjs), its worker bundled beside it. */
const WORKER_SCRIPT = new URL('./chunk.worker.mjs', import.meta.url);

export type WorkerRequest =
  | { kind: 'setup'; id: number; setup: ChunkSetup }
  | { kind: 'clean'; id: number; seq: number; chunk: InputChunk }
  | { kind: 'finish'; id: number; seq: number; verdict: ChunkVerdict }
  /** Buffers of earlier outputs, written and done with: to fill again. No answer. */
  | { kind: 'spare'; id: number; buffers: ArrayBuffer[] };

export type WorkerReply = { id: number; value: unknown; error?: undefined } | { id: number; error: { name: string; message: string; stack?: string } };

interface Waiting {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** Worker threads that clean chunks; a chunk is finished by the worker that cleaned it. */
export class WorkerPool implements ChunkExecutor {
  private readonly workers: Worker[];
  private readonly busy: number[];
  private readonly waiting = new Map<number, Waiting & { worker: number }>();
  private readonly owner = new Map<number, number>();
  private readonly makers = new BufferMakers();
  private spareTo = 0;
  private readonly dead: Array<Error | null>;
  private nextId = 1;
  private closing = false;

  constructor(size: number, setup: ChunkSetup) {
    this.workers = Array.from({ length: size }, (_, i) => this.start(i, setup));
    this.busy = this.workers.map(() => 0);
    this.dead = this.workers.map(() => null);
  }

  private start(index: number, setup: ChunkSetup): Worker {
    // A worker holds a few chunks at a time: a bounded heap keeps the collector from letting
    // garbage pile up to gigabytes before it looks (a worker over it fails the job, loudly).
    const worker = new Worker(WORKER_SCRIPT, { resourceLimits: { maxOldGenerationSizeMb: 512 } });
    worker.on('message', (reply: WorkerReply) => {
      const waiting = this.waiting.get(reply.id);
      if (!waiting) return;
      this.waiting.delete(reply.id);
      this.busy[index]!--;
      if (reply.error) waiting.reject(Object.assign(new Error(reply.error.message), { name: reply.error.name, stack: reply.error.stack }));
      else waiting.resolve(reply.value);
    });
    // A worker that dies (out of memory, a crash) fails the job: nothing waits forever.
    const fail = (error: Error) => {
      this.dead[index] ??= error;
      for (const [id, waiting] of this.waiting) {
        if (waiting.worker !== index) continue;
        this.waiting.delete(id);
        waiting.reject(error);
      }
    };
    worker.on('error', (error) => fail(new Error(`A worker thread failed: ${error.message}`)));
    worker.on('exit', (code) => {
      if (!this.closing) fail(new Error(`A worker thread stopped unexpectedly (exit code ${code}), perhaps out of memory.`));
    });
    worker.postMessage({ kind: 'setup', id: 0, setup } satisfies WorkerRequest);
    return worker;
  }

  private call<T>(index: number, request: WorkerRequest, transfer: ArrayBuffer[] = []): Promise<T> {
    const dead = this.dead[index];
    if (dead) return Promise.reject(dead);
    this.busy[index]!++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(request.id, { resolve: resolve as (v: unknown) => void, reject, worker: index });
      this.workers[index]!.postMessage(request, transfer);
    });
  }

  clean(seq: number, chunk: InputChunk): Promise<ChunkClaims> {
    let index = 0;
    for (let i = 1; i < this.workers.length; i++) if (this.busy[i]! < this.busy[index]!) index = i;
    this.owner.set(seq, index);
    return this.call<ChunkClaims>(index, { kind: 'clean', id: this.nextId++, seq, chunk }, [chunk.bytes.buffer as ArrayBuffer]).then((claims) =>
      this.makers.made(index, claims, claims.ids, claims.idEnds),
    );
  }

  finish(seq: number, verdict: ChunkVerdict): Promise<ChunkOutput> {
    const index = this.owner.get(seq)!;
    this.owner.delete(seq);
    return this.call<ChunkOutput>(index, { kind: 'finish', id: this.nextId++, seq, verdict }, [verdict.duplicate.buffer as ArrayBuffer]).then((output) =>
      this.makers.made(index, output, output.cleaned, output.rejected),
    );
  }

  /** Spare buffers go back to the worker that made them (BufferMakers); others to the workers in turn. */
  recycle(buffers: ArrayBuffer[]): void {
    const inTurn = () => (this.spareTo = (this.spareTo + 1) % this.workers.length);
    for (const [index, spare] of this.makers.byMaker(buffers, inTurn)) {
      if (!this.dead[index]) this.workers[index]!.postMessage({ kind: 'spare', id: -1, buffers: spare } satisfies WorkerRequest, spare);
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
