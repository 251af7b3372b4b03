import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

const page = (name: string) => fileURLToPath(new URL(name, import.meta.url));

export default defineConfig({
  plugins: [svelte()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    // bench.html is the benchmark's own page (npm run bench); the app never loads it or its assets.
    rolldownOptions: { input: { index: page('index.html'), bench: page('bench.html') } },
  },
  test: {
    include: ['tests/core/**/*.test.ts', 'tests/engine/**/*.test.ts', 'tests/cli/**/*.test.ts', 'tests/oracle/**/*.test.ts', 'tests/bench/**/*.test.ts', 'tests/platform/**/*.test.ts', 'tests/ui/**/*.test.ts'],
    globalSetup: ['tests/support/buildCli.ts'],
    testTimeout: 60_000,
    pool: 'threads',
  },
});
