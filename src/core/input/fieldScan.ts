/**
 * A chunk worker's inner loop in WebAssembly SIMD: splitting a line of the chunk on the delimiter,
 * 16 bytes a step. In JavaScript, a byte at a time, it was 15% of a chunk worker's time (CPU
 * profile of a 10M-row job). Where WebAssembly cannot run, ByteRecordReader keeps its own loop.
 *
 * fields(from, to, delim) reads the chunk's copy from `from` up to the first LF, CR or quote (or
 * `to`), noting where each field ends at a delimiter and the next starts, and whether any byte
 * is beyond ASCII. It returns where it stopped, or -1 for a line of more fields than it has room
 * for. Positions are the chunk's own.
 */

import { EMPTY, bitmask, eq8, get, i32, instantiate, moduleOf, op, or128, reach, set, splat, store, v128Load } from './wasm.ts';

/** Fields a line may have here; a wider one is left to JavaScript. */
const CAP = 1024;
/** The memory: the count and the high flag, the fields' starts and ends, then the chunk. */
const STARTS = 64;
const ENDS = STARTS + 4 * CAP;
const DATA = ENDS + 4 * CAP;
/** A step reads 16 bytes from wherever it starts: the memory reaches that far past the chunk. */
const SLACK = 16;

const [FROM, TO, DELIM] = [0, 1, 2];
const [PTR, SBITS, DBITS, HBITS, MASK, COUNT, HIGH, K, RET] = [3, 4, 5, 6, 7, 8, 9, 10, 11];
const [V, DV, LF, CR, QUOTE] = [12, 13, 14, 15, 16];

const at4 = (array: number, index: number) => [...i32(array), ...get(index), ...i32(2), op.shl, op.add];

const body = [
  ...get(DELIM), ...splat, ...set(DV),
  ...i32(10), ...splat, ...set(LF),
  ...i32(13), ...splat, ...set(CR),
  ...i32(0x22), ...splat, ...set(QUOTE),
  ...get(FROM), ...set(PTR),
  ...get(TO), ...set(RET),
  ...i32(STARTS), ...get(FROM), ...i32(DATA), op.sub, ...store(),
  op.block, EMPTY,
  op.loop, EMPTY,
  ...get(PTR), ...get(TO), op.geU, op.brIf, 1,
  ...get(PTR), ...v128Load, ...set(V),
  // Bits of the bytes before `to` only.
  ...i32(0xffff), ...set(MASK),
  ...get(TO), ...get(PTR), op.sub, op.tee, K, ...i32(16), op.ltU,
  op.if, EMPTY, ...i32(1), ...get(K), op.shl, ...i32(1), op.sub, ...set(MASK), op.end,
  ...get(V), ...get(LF), ...eq8, ...get(V), ...get(CR), ...eq8, ...or128, ...get(V), ...get(QUOTE), ...eq8, ...or128,
  ...bitmask, ...get(MASK), op.and, ...set(SBITS),
  ...get(V), ...get(DV), ...eq8, ...bitmask, ...get(MASK), op.and, ...set(DBITS),
  ...get(V), ...bitmask, ...get(MASK), op.and, ...set(HBITS),
  // A stop in this step: only what comes before it counts.
  ...get(SBITS),
  op.if, EMPTY,
  ...i32(1), ...get(SBITS), op.ctz, op.shl, ...i32(1), op.sub, ...set(MASK),
  ...get(DBITS), ...get(MASK), op.and, ...set(DBITS),
  ...get(HBITS), ...get(MASK), op.and, ...set(HBITS),
  op.end,
  ...get(HIGH), ...get(HBITS), op.or, ...set(HIGH),
  op.block, EMPTY,
  op.loop, EMPTY,
  ...get(DBITS), op.eqz, op.brIf, 1,
  ...get(PTR), ...get(DBITS), op.ctz, op.add, ...set(K),
  ...get(DBITS), ...get(DBITS), ...i32(1), op.sub, op.and, ...set(DBITS),
  ...get(COUNT), ...i32(CAP - 2), op.geU,
  op.if, EMPTY, ...i32(-1), ...set(RET), op.br, 4, op.end,
  ...at4(ENDS, COUNT), ...get(K), ...i32(DATA), op.sub, ...store(),
  ...get(COUNT), ...i32(1), op.add, ...set(COUNT),
  ...at4(STARTS, COUNT), ...get(K), ...i32(1 - DATA), op.add, ...store(),
  op.br, 0,
  op.end,
  op.end,
  ...get(SBITS),
  op.if, EMPTY, ...get(PTR), ...get(SBITS), op.ctz, op.add, ...set(RET), op.br, 2, op.end,
  ...get(PTR), ...i32(16), op.add, ...set(PTR),
  op.br, 0,
  op.end,
  op.end,
  ...i32(0), ...get(COUNT), ...store(0),
  ...i32(0), ...get(HIGH), ...store(4),
  ...get(RET),
];

const MODULE = moduleOf('fields', 3, { i32s: 9, v128s: 5 }, body);

type FieldsFn = (from: number, to: number, delim: number) => number;

/** A chunk copied into WebAssembly memory, and its lines split there; null where WebAssembly cannot run. */
export class FieldScanner {
  private results!: Int32Array;
  /** The fields of the last line: field i is [starts[i], ends[i]) for i below `count`. */
  starts!: Int32Array;
  ends!: Int32Array;
  count = 0;
  /** Whether the last line has a byte beyond ASCII. */
  high = false;

  private constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly run: FieldsFn,
  ) {
    this.views();
  }

  static create(): FieldScanner | null {
    const made = instantiate<FieldsFn>(MODULE, 'fields');
    return made && new FieldScanner(made.memory, made.run);
  }

  private views(): void {
    const buffer = this.memory.buffer as ArrayBuffer;
    this.results = new Int32Array(buffer, 0, 2);
    this.starts = new Int32Array(buffer, STARTS, CAP);
    this.ends = new Int32Array(buffer, ENDS, CAP);
  }

  /** Takes a copy of the chunk to split. */
  load(bytes: Uint8Array): void {
    const size = DATA + bytes.length + SLACK;
    if (size > this.memory.buffer.byteLength) {
      reach(this.memory, size);
      this.views();
    }
    new Uint8Array(this.memory.buffer as ArrayBuffer, DATA, bytes.length).set(bytes);
  }

  /** Splits the line at `from` (see above); where it stopped, or -1. The room for one more end is kept for the caller. */
  line(from: number, to: number, delimiter: number): number {
    const stop = this.run(DATA + from, DATA + to, delimiter);
    if (stop < 0) return stop;
    this.count = this.results[0]!;
    this.high = this.results[1]! !== 0;
    return stop - DATA;
  }
}
