import { PipelineError } from '../errors.ts';
import type { Encoding } from '../options.ts';
import { firstInvalidUtf8 } from './utf8.ts';

const LOOK_BACK = 3;
const NON_ASCII = /[\u0080-\uffff]+/g;

/** Bytes as characters one for one (ISO-8859-1): a fast native copy where the platform has one. */
export type Latin1Decode = (bytes: Uint8Array) => string;

/**
 * Decodes a byte stream piece by piece; a character cut by a piece boundary is carried over.
 * Invalid UTF-8 is an error that names its byte offset and suggests windows-1252.
 */
export class TextStream {
  private readonly decoder: { decode(input?: Uint8Array, options?: { stream?: boolean }): string };
  private consumed = 0;
  private tail = new Uint8Array(0);
  /** The decoder holds the first bytes of a character cut by the end of the last piece. */
  private pending = false;

  constructor(
    readonly encoding: Encoding,
    /** Bytes of the file before the first byte this stream sees (a BOM, say). */
    private readonly baseOffset = 0,
    /**
     * Where given, UTF-8 text is read as ASCII runs copied one byte to one character, with only
     * the runs of other bytes through the decoder: Node's TextDecoder manages about 150 MB/s on
     * the machines here, its one-byte copy over a gigabyte a second.
     */
    private readonly latin1?: Latin1Decode,
  ) {
    this.decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  }

  push(bytes: Uint8Array): string {
    if (this.latin1 === undefined || this.encoding !== 'utf-8') return this.decode(bytes, true);
    const text = this.latin1(bytes);
    NON_ASCII.lastIndex = 0;
    let run = NON_ASCII.exec(text);
    if (run === null && !this.pending) {
      this.advance(bytes);
      return text;
    }
    const parts: string[] = [];
    let at = 0;
    while (at < bytes.length) {
      const start = run === null ? bytes.length : run.index;
      if (start > at) {
        // An ASCII byte cannot finish a character the last piece began: let the decoder say so.
        if (this.pending) this.decode(bytes.subarray(at, at + 1), true);
        parts.push(text.slice(at, start));
        this.advance(bytes.subarray(at, start));
      }
      if (run === null) break;
      const end = start + run[0].length;
      const simple = this.pending ? null : decodeShortRun(bytes, start, end);
      if (simple !== null) {
        parts.push(simple);
        this.advance(bytes.subarray(start, end));
      } else parts.push(this.decode(bytes.subarray(start, end), end === bytes.length));
      at = end;
      run = NON_ASCII.exec(text);
    }
    return parts.join('');
  }

  /** Through the decoder; a character cut by the end waits for the next piece when `stream`. */
  private decode(bytes: Uint8Array, stream: boolean): string {
    let text: string;
    try {
      text = this.decoder.decode(bytes, { stream });
    } catch {
      // Unless more may follow, a character cut short at the end of `bytes` is an error too.
      throw this.invalid(bytes, !stream, false);
    }
    this.advance(bytes);
    this.pending = stream && pendingSequenceStart(this.tail) < this.tail.length;
    return text;
  }

  private advance(bytes: Uint8Array): void {
    this.consumed += bytes.length;
    this.tail = bytes.length >= LOOK_BACK ? bytes.slice(-LOOK_BACK) : concat(this.tail, bytes).slice(-LOOK_BACK);
  }

  end(): string {
    try {
      return this.decoder.decode();
    } catch {
      throw this.invalid(new Uint8Array(0), true);
    }
  }

  private invalid(bytes: Uint8Array, final: boolean, endOfFile = final): PipelineError {
    if (this.encoding !== 'utf-8') {
      return new PipelineError('INVALID_ENCODING', `The file is not valid ${this.encoding} text near byte ${this.baseOffset + this.consumed}.`, {
        byteOffset: this.baseOffset + this.consumed,
      });
    }
    // The decoder may still hold the start of a character from the previous piece: resume there.
    const joined = concat(this.tail, bytes);
    const start = this.tail.length;
    const resume = pendingSequenceStart(this.tail);
    const found = firstInvalidUtf8(joined.subarray(resume), final);
    const at = found < 0 ? start : resume + found;
    const offset = this.baseOffset + this.consumed - start + at;
    const byte = joined[at] ?? 0;
    const cutShort = endOfFile && at + sequenceLength(byte) > joined.length && joined.subarray(at + 1).every((b) => (b & 0xc0) === 0x80);
    const shown = cutShort ? 'the file ends in the middle of a character' : `byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    return new PipelineError(
      'INVALID_ENCODING',
      `The file is not valid UTF-8: ${shown} at byte offset ${offset}. It may be in windows-1252 (Latin-1), as older Excel exports are: choose that encoding and run it again.`,
      { byteOffset: offset },
    );
  }
}

const sequenceLength = (lead: number): number => (lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1);

/**
 * A short run of non-ASCII bytes decoded here when it is made of whole, valid characters (an é,
 * a £, a €): calling the platform decoder costs microseconds per run. Null sends the run to it.
 */
function decodeShortRun(bytes: Uint8Array, start: number, end: number): string | null {
  if (end - start > 64) return null;
  let text = '';
  for (let i = start; i < end; ) {
    const b = bytes[i]!;
    const c1 = bytes[i + 1]! & 0x3f;
    if (b >= 0xc2 && b <= 0xdf && i + 1 < end && (bytes[i + 1]! & 0xc0) === 0x80) {
      text += String.fromCharCode(((b & 0x1f) << 6) | c1);
      i += 2;
    } else if (b >= 0xe0 && b <= 0xef && i + 2 < end && (bytes[i + 1]! & 0xc0) === 0x80 && (bytes[i + 2]! & 0xc0) === 0x80) {
      const cp = ((b & 0x0f) << 12) | (c1 << 6) | (bytes[i + 2]! & 0x3f);
      if (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff)) return null;
      text += String.fromCharCode(cp);
      i += 3;
    } else return null;
  }
  return text;
}

/** Where an incomplete UTF-8 sequence at the end of `tail` starts, or tail.length if none. */
function pendingSequenceStart(tail: Uint8Array): number {
  for (let j = tail.length - 1; j >= 0; j--) {
    const b = tail[j]!;
    if ((b & 0xc0) === 0x80) continue;
    return j + sequenceLength(b) > tail.length ? j : tail.length;
  }
  return tail.length;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
