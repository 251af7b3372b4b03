// Messages between the benchmark page and its own small workers (not the engine's).

/** To a parse worker: first the file and chunk size, then chunk indexes, one message each. */
export type ParseRequest = { file: Blob; chunkSize: number } | { chunk: number };
/** From a parse worker: ready once it has the file, then the rows of each chunk. */
export type ParseReply = { ready: true } | { chunk: number; rows: number; bytes: number } | { error: string };

/** To the read worker: the file, then `go`. */
export type ReadRequest = { file: Blob } | { go: true };
export type ReadReply = { ready: true } | { bytes: number; chars: number } | { error: string };
