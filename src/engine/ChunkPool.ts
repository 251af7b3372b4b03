import type { InputChunk } from '../core/input/openInput.ts';
import type { ChunkClaims, ChunkOutput, ChunkSetup, ChunkVerdict } from '../core/pipeline/ChunkProcessor.ts';
import type { ChunkExecutor } from '../core/pipeline/runJob.ts';
import { buffersOf } from '../core/pipeline/runJob.ts';
import { BufferMakers } from '../core/pipeline/BufferMakers.ts';
import type { ChunkReply, ChunkRequest } from './chunkProtocol.ts';
import { decodeError, EngineFailure } from './engineError.ts';

/** What a chunk worker reports to its pool. */
export interface ChunkWorkerEvents {
  reply(reply: ChunkReply): void;
  /** The worker failed to load, threw outside a request, or sent what cannot be read. */
  fail(reason: string): void;
}

/** A chunk worker as the pool drives it: a Web Worker in the browser, a stand-in in tests. */
export interface ChunkWorkerHandle {
  post(request: ChunkRequest, transfer: ArrayBuffer[]): void;
  terminate(): void;
  /** Hands back a worker with nothing left to do, to be kept for the next job (KeptWorkers). */
  release?(): void;
}

export type SpawnChunkWorker = (index: number, events: ChunkWorkerEvents) => ChunkWorkerHandle;

interface Waiting {
  worker: number;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * Chunk workers that clean chunks; a chunk is finished by the worker that cleaned it (it keeps
 * the chunk between the two steps). The first failure of any worker fails every call, pending or
 * later, and stops them all: a job never waits on a worker that is gone.
 */
export class ChunkPool implements ChunkExecutor {
  private readonly workers: ChunkWorkerHandle[] = [];
  private readonly busy: number[];
  private readonly waiting = new Map<number, Waiting>();
  private readonly owner = new Map<number, number>();
  private readonly makers = new BufferMakers();
  private failure: Error | null = null;
  private nextId = 1;
  private spareTo = 0;

  constructor(size: number, setup: ChunkSetup, spawn: SpawnChunkWorker) {
    this.busy = Array.from({ length: size }, () => 0);
    const failed = (index: number, reason: string) =>
      this.abort(new EngineFailure('WORKER_FAILED', `Chunk worker ${index + 1} of ${size} failed: ${reason}. The job was stopped.`));
    for (let index = 0; index < size && this.failure === null; index++) {
      try {
        const worker = spawn(index, { reply: (reply) => this.settle(index, reply), fail: (reason) => failed(index, reason) });
        this.workers.push(worker);
        worker.post({ kind: 'setup', id: 0, setup }, []);
      } catch (error) {
        failed(index, `it could not be started (${(error as Error).message})`);
      }
    }
  }

  private settle(index: number, reply: ChunkReply): void {
    // A failed setup answers to id 0: that worker can clean nothing.
    if (reply.id === 0 && reply.error) return this.abort(decodeError(reply.error));
    const waiting = this.waiting.get(reply.id);
    if (waiting === undefined) return;
    this.waiting.delete(reply.id);
    this.busy[index]!--;
    if (reply.error) waiting.reject(decodeError(reply.error));
    else waiting.resolve(reply.value);
  }

  private call<T>(index: number, request: ChunkRequest, transfer: ArrayBuffer[]): Promise<T> {
    if (this.failure !== null) return Promise.reject(this.failure);
    this.busy[index]!++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(request.id, { worker: index, resolve: resolve as (value: unknown) => void, reject });
      this.workers[index]!.post(request, transfer);
    });
  }

  clean(seq: number, chunk: InputChunk): Promise<ChunkClaims> {
    let index = 0;
    for (let i = 1; i < this.workers.length; i++) if (this.busy[i]! < this.busy[index]!) index = i;
    this.owner.set(seq, index);
    return this.call<ChunkClaims>(index, { kind: 'clean', id: this.nextId++, seq, chunk }, buffersOf(chunk.bytes)).then((claims) =>
      this.makers.made(index, claims, claims.ids, claims.idEnds),
    );
  }

  finish(seq: number, verdict: ChunkVerdict): Promise<ChunkOutput> {
    const index = this.owner.get(seq);
    if (index === undefined) return Promise.reject(new Error(`Chunk ${seq} was never sent to a worker.`));
    this.owner.delete(seq);
    return this.call<ChunkOutput>(index, { kind: 'finish', id: this.nextId++, seq, verdict }, buffersOf(verdict.duplicate)).then((output) =>
      this.makers.made(index, output, output.cleaned, output.rejected),
    );
  }

  /** Spare buffers go back to the worker that made them (BufferMakers); others to the workers in turn. */
  recycle(buffers: ArrayBuffer[]): void {
    if (this.failure !== null || this.workers.length === 0) return;
    const inTurn = () => (this.spareTo = (this.spareTo + 1) % this.workers.length);
    for (const [index, spare] of this.makers.byMaker(buffers, inTurn)) this.workers[index]!.post({ kind: 'spare', id: -1, buffers: spare }, spare);
  }

  /** Stops every worker and fails every call with `error` (the first error wins). */
  abort(error: Error): void {
    if (this.failure !== null) return;
    this.failure = error;
    for (const worker of this.workers) worker.terminate();
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }

  /**
   * Ends the pool. Workers with nothing left to do rest and are handed back to be kept; while
   * any request is unanswered (a job that failed on its own side), they are stopped instead.
   */
  close(): void {
    if (this.failure !== null) return;
    if (this.waiting.size > 0) return this.abort(new Error('The chunk workers were closed.'));
    this.failure = new Error('The chunk workers were closed.');
    for (const worker of this.workers) {
      worker.post({ kind: 'rest', id: -1 }, []);
      if (worker.release) worker.release();
      else worker.terminate();
    }
  }
}
