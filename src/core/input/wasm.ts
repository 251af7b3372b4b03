/**
 * Just enough of the WebAssembly binary format to write the input scans' small SIMD functions out
 * by hand (lineScan.ts, fieldScan.ts): no build step or toolchain makes them. Each module exports
 * one function and its memory (one page to start with).
 */

export const I32 = 0x7f;
export const V128 = 0x7b;
export const op = {
  block: 0x02, loop: 0x03, if: 0x04, end: 0x0b, br: 0x0c, brIf: 0x0d,
  get: 0x20, set: 0x21, tee: 0x22, load8: 0x2d, store: 0x36, const: 0x41,
  eqz: 0x45, eq: 0x46, ltU: 0x49, gtU: 0x4b, leU: 0x4d, geU: 0x4f,
  ctz: 0x68, add: 0x6a, sub: 0x6b, and: 0x71, or: 0x72, shl: 0x74,
} as const;
/** The block type of a block, loop or if that leaves nothing. */
export const EMPTY = 0x40;
const simd = (code: number) => [0xfd, code];
export const v128Load = [...simd(0x00), 0, 0];
export const splat = simd(0x0f);
export const eq8 = simd(0x23);
export const or128 = simd(0x50);
export const bitmask = simd(0x64);

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) return [...out, byte];
    out.push(byte | 0x80);
  }
}
const uleb = (n: number): number[] => (n < 0x80 ? [n] : [(n & 0x7f) | 0x80, ...uleb(n >>> 7)]);
export const i32 = (n: number) => [op.const, ...sleb(n)];
export const get = (local: number) => [op.get, local];
export const set = (local: number) => [op.set, local];
export const load8 = (offset = 0) => [op.load8, 0, ...uleb(offset)];
/** i32.store of the value on the stack at the address under it, plus `offset`. */
export const store = (offset = 0) => [op.store, 2, ...uleb(offset)];

const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const name = (s: string) => [...uleb(s.length), ...[...s].map((c) => c.charCodeAt(0))];

/** A module of one function `name` taking `params` i32s and returning one, with `i32s` and `v128s` locals after them. */
export function moduleOf(fn: string, params: number, locals: { i32s: number; v128s: number }, body: number[]): Uint8Array<ArrayBuffer> {
  const code = [...vec([[locals.i32s, I32], [locals.v128s, V128]]), ...body, op.end];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, ...vec(Array.from({ length: params }, () => [I32])), ...vec([[I32]])]])),
    ...section(3, vec([[0]])),
    ...section(5, vec([[0x00, 1]])),
    ...section(7, vec([[...name(fn), 0x00, 0], [...name('memory'), 0x02, 0]])),
    ...section(10, vec([[...uleb(code.length), ...code]])),
  ]);
}

const compiled = new Map<Uint8Array<ArrayBuffer>, WebAssembly.Module | null>();

/** An instance of the module, or null where WebAssembly cannot run (a Content-Security-Policy without 'wasm-unsafe-eval', say). */
export function instantiate<F>(bytes: Uint8Array<ArrayBuffer>, fn: string): { memory: WebAssembly.Memory; run: F } | null {
  let module = compiled.get(bytes);
  if (module === undefined) {
    try {
      module = new WebAssembly.Module(bytes);
    } catch {
      module = null;
    }
    compiled.set(bytes, module);
  }
  if (module === null) return null;
  try {
    const { exports } = new WebAssembly.Instance(module);
    return { memory: exports.memory as WebAssembly.Memory, run: exports[fn] as F };
  } catch {
    return null;
  }
}

const PAGE = 64 << 10;

/** Grows the memory to hold at least `bytes`. */
export function reach(memory: WebAssembly.Memory, bytes: number): void {
  const need = bytes - memory.buffer.byteLength;
  if (need > 0) memory.grow(Math.ceil(need / PAGE));
}
