import * as Comlink from 'comlink';
import { Engine } from './Engine.ts';
import { spawnChunkWorker } from './spawnChunkWorker.ts';

// The engine worker: the coordinator of every job, behind the API of api.ts.
Comlink.expose(new Engine(spawnChunkWorker, navigator.hardwareConcurrency || 1));
