// Byte ranges of whole lines of a File, for the benchmark's parse-only run: chunk k holds the
// lines that start in [k × size, (k + 1) × size), so chunks can be read by any worker in any
// order, with no coordinator. Cut on line breaks only (not quote-aware): a quoted line break that
// falls on a chunk's edge splits that record, which is good enough to measure the parser.

const LF = 0x0a;
/** Read past a chunk's end to find where its last line ends, this much at a time. */
const LOOKAHEAD = 1 << 16;

async function read(blob: Blob, from: number, to: number): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(from, to).arrayBuffer());
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const both = new Uint8Array(a.length + b.length);
  both.set(a);
  both.set(b, a.length);
  return both;
}

/**
 * The bytes of the lines that start in [from, to) of the blob, line breaks included (a line
 * starts at 0 and after each LF). Empty when no line starts there.
 */
export async function linesStartingIn(blob: Blob, from: number, to: number): Promise<Uint8Array> {
  const size = blob.size;
  to = Math.min(to, size);
  if (from >= to) return new Uint8Array(0);
  // One byte before `from`, to see whether a line starts right at it.
  const base = Math.max(0, from - 1);
  let end = Math.min(size, to + LOOKAHEAD);
  let bytes = await read(blob, base, end);
  let start = 0;
  if (from > 0) {
    const lf = bytes.indexOf(LF);
    if (lf < 0 || base + lf + 1 >= to) return new Uint8Array(0);
    start = lf + 1;
  }
  // The last line is the one that holds byte to - 1: it ends at the first LF from there.
  let stop = bytes.indexOf(LF, to - 1 - base);
  while (stop < 0 && end < size) {
    const more = await read(blob, end, Math.min(size, end + Math.max(LOOKAHEAD, bytes.length)));
    const searched = bytes.length;
    end += more.length;
    bytes = concat(bytes, more);
    stop = bytes.indexOf(LF, searched);
  }
  return bytes.subarray(start, stop < 0 ? bytes.length : stop + 1);
}
