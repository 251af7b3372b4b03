import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';
import { contentSecurityPolicy } from './scripts/contentSecurityPolicy.ts';

const page = (name: string) => fileURLToPath(new URL(name, import.meta.url));

export default defineConfig({
  plugins: [
    svelte(),
    contentSecurityPolicy('index.html'),
    VitePWA({
      // A new version waits until the user chooses to reload (src/ui/update): never in the middle of a job.
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        id: '/',
        name: 'Sales pipeline',
        short_name: 'Sales',
        description: 'Clean large sales exports on your own device: nothing is uploaded, and it works offline.',
        lang: 'en',
        theme_color: '#2563eb',
        background_color: '#f6f8fa',
        display: 'standalone',
        start_url: '/',
        scope: '/',
      },
      // Icons of 64, 192 and 512 px, a maskable one and an Apple touch icon, made from the favicon at build time.
      pwaAssets: {
        image: 'public/favicon.svg',
        overrideManifestIcons: true,
        preset: {
          transparent: { sizes: [64, 192, 512], favicons: [[48, 'favicon.ico']] },
          maskable: { sizes: [512], padding: 0.3, resizeOptions: { background: '#2563eb' } },
          apple: { sizes: [180], padding: 0.3, resizeOptions: { background: '#2563eb' } },
        },
      },
      workbox: {
        // The app shell and every worker; bench.html and what only it loads (DuckDB's 33 MB of WASM) are not the app.
        globPatterns: ['**/*.{js,css,html,svg,png,ico}'],
        globIgnores: ['bench.html', 'assets/bench-*', 'assets/duckdb*', 'assets/parse.worker-*', 'assets/read.worker-*'],
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/^\/bench\.html/],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    // bench.html is the benchmark's own page (npm run bench); the app never loads it or its assets.
    rolldownOptions: { input: { index: page('index.html'), bench: page('bench.html') } },
  },
  test: {
    include: ['tests/core/**/*.test.ts', 'tests/engine/**/*.test.ts', 'tests/cli/**/*.test.ts', 'tests/oracle/**/*.test.ts', 'tests/bench/**/*.test.ts', 'tests/platform/**/*.test.ts', 'tests/ui/**/*.test.ts', 'tests/hostile/**/*.test.ts'],
    globalSetup: ['tests/support/buildCli.ts'],
    testTimeout: 60_000,
    pool: 'threads',
  },
});
