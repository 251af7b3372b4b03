import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { once } from 'node:events';
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { PipelineError } from '../core/errors.ts';

const READ_BYTES = 1 << 20;

/** A file as a byte stream, with its size; a missing file is a clear error. */
export async function fileSource(path: string): Promise<{ stream: AsyncIterable<Uint8Array>; size: number }> {
  const info = await stat(path).catch(() => null);
  if (info === null) throw new PipelineError('INVALID_OPTIONS', `There is no file at ${path}.`);
  if (!info.isFile()) throw new PipelineError('INVALID_OPTIONS', `${path} is not a file.`);
  return { stream: createReadStream(path, { highWaterMark: READ_BYTES }), size: info.size };
}

export function gunzip(stream: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  // pipeline, not pipe: a failed read must fail the decompressed stream, not leave it waiting.
  const inflated = createGunzip();
  pipeline(Readable.from(stream), inflated, () => {});
  return inflated;
}

/** A file written in order, waiting when the disk falls behind. */
export class FileSink {
  private readonly out: WriteStream;
  private failed: Error | null = null;
  private closed: Promise<void> | null = null;

  constructor(path: string) {
    this.out = createWriteStream(path);
    this.out.on('error', (error) => (this.failed = error));
  }

  /** A write resolves once its bytes are written, so they may be filled again (bufferPool). */
  readonly copies = true;

  async write(bytes: Uint8Array): Promise<void> {
    if (this.failed) throw this.failed;
    await new Promise<void>((resolve, reject) => this.out.write(bytes, (error) => (error ? reject(error) : resolve())));
  }

  close(): Promise<void> {
    this.closed ??= (async () => {
      this.out.end();
      await once(this.out, 'finish');
      if (this.failed) throw this.failed;
    })();
    return this.closed;
  }
}
