// Bundles the command line and its worker thread into dist-cli/, which `npm run cli` runs.
// A bundle, not the sources through a TypeScript loader (tsx): the same job ran about a fifth
// slower as separate modules.
import { build } from 'esbuild';

await build({
  entryPoints: { main: 'src/cli/main.ts', 'chunk.worker': 'src/cli/chunk.worker.ts' },
  outdir: 'dist-cli',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});
