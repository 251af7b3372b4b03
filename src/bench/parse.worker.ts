import Papa from 'papaparse';
import { linesStartingIn } from './lines.ts';
import type { ParseReply, ParseRequest } from './protocol.ts';

// The parse-only run: PapaParse over one chunk of whole lines at a time, rows counted and
// dropped. The options are those of src/core/input/records.ts for quoted text.
let file: Blob | null = null;
let chunkSize = 0;
const decoder = new TextDecoder();
const LF = 0x0a;

function reply(message: ParseReply): void {
  self.postMessage(message);
}

async function parse(chunk: number): Promise<void> {
  if (file === null) throw new Error('no file');
  const bytes = await linesStartingIn(file, chunk * chunkSize, (chunk + 1) * chunkSize);
  // The last line break ends the chunk's last record: without it PapaParse reads no empty row after.
  const text = decoder.decode(bytes.length > 0 && bytes[bytes.length - 1] === LF ? bytes.subarray(0, bytes.length - 1) : bytes);
  let rows = 0;
  if (text.length > 0) {
    const parsed = Papa.parse<string[]>(text, { delimiter: ',', newline: '\n', quoteChar: '"', escapeChar: '"', fastMode: false });
    rows = parsed.data.length;
  }
  // The header is no row.
  if (chunk === 0 && rows > 0) rows -= 1;
  reply({ chunk, rows, bytes: bytes.length });
}

self.addEventListener('message', (event: MessageEvent<ParseRequest>) => {
  const request = event.data;
  if ('file' in request) {
    file = request.file;
    chunkSize = request.chunkSize;
    reply({ ready: true });
    return;
  }
  parse(request.chunk).catch((error: unknown) => reply({ error: String((error as Error).message ?? error) }));
});
