import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [svelte()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  test: {
    include: ['tests/core/**/*.test.ts', 'tests/engine/**/*.test.ts', 'tests/cli/**/*.test.ts', 'tests/oracle/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'threads',
  },
});
