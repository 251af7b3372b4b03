import type { InputChunk } from '../core/input/openInput.ts';
import type { ChunkClaims, ChunkOutput, ChunkSetup, ChunkVerdict } from '../core/pipeline/ChunkProcessor.ts';
import type { EngineError } from './api.ts';

/** Messages from the coordinator to a chunk worker. `setup` comes first, with id 0, again for each job that takes a kept worker. */
export type ChunkRequest =
  | { kind: 'setup'; id: 0; setup: ChunkSetup }
  | { kind: 'clean'; id: number; seq: number; chunk: InputChunk }
  | { kind: 'finish'; id: number; seq: number; verdict: ChunkVerdict }
  /** Buffers of earlier outputs, written and done with: to fill again. No answer. */
  | { kind: 'spare'; id: number; buffers: ArrayBuffer[] }
  /** The job is over: drop its state and the spare buffers, and wait for the next setup. No answer. */
  | { kind: 'rest'; id: number };

/** A chunk worker's answer to the request with the same id; a failed setup answers to id 0. */
export type ChunkReply = { id: number; value: ChunkClaims | ChunkOutput; error?: undefined } | { id: number; error: EngineError };
