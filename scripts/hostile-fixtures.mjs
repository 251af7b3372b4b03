// Writes the hostile fixture set (tests/hostile/fixtures.ts) to a folder, each file with its
// expected outcome next to it as <name>.expected.json, to look at or to feed another tool.
// npm run fixtures:hostile -- [--out DIR] [--only NAME,NAME]
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'test-results/hostile' }, only: { type: 'string', default: '' } } });
const bundle = join(mkdtempSync(join(tmpdir(), 'hostile-')), 'fixtures.mjs');
await build({ entryPoints: ['tests/hostile/fixtures.ts'], bundle: true, platform: 'node', format: 'esm', outfile: bundle, logLevel: 'warning' });
const { HOSTILE_FIXTURES } = await import(pathToFileURL(bundle).href);
const only = new Set(values.only.split(',').filter(Boolean));
mkdirSync(values.out, { recursive: true });
let bytes = 0;
for (const fixture of HOSTILE_FIXTURES) {
  if (only.size > 0 && !only.has(fixture.name)) continue;
  const content = fixture.bytes();
  bytes += content.length;
  writeFileSync(join(values.out, fixture.name), content);
  const { name, covers, args, chunkSize, expect } = fixture;
  writeFileSync(join(values.out, `${name}.expected.json`), JSON.stringify({ name, covers, args, chunkSize, expect }, null, 2) + '\n');
}
console.error(`${only.size || HOSTILE_FIXTURES.length} fixtures (${(bytes / 1e6).toFixed(1)} MB) in ${values.out}`);
