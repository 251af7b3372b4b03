// Worker threads do not inherit tsx's loader from the command line: register it, then load the worker.
import { register } from 'tsx/esm/api';

register();
await import('./chunk.worker.ts');
