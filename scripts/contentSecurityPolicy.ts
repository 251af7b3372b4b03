import type { Plugin } from 'vite';

/**
 * The built app's Content-Security-Policy: everything from its own origin, nothing from anywhere
 * else. Workers are files of the build (no blob: workers), so `blob:` is not allowed.
 * 'wasm-unsafe-eval' lets WebAssembly compile (not JavaScript): the input scans are tiny modules
 * of the app's own (src/core/input/lineScan.ts, fieldScan.ts), and a host that sends this policy
 * as a header to the workers too would otherwise slow every job down to their JavaScript loops.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * Puts the policy in a page's <meta> at build time only: the dev server injects inline styles and
 * scripts for hot reloading. A host that can set headers may send the same policy as a header too.
 */
export function contentSecurityPolicy(htmlFile: string): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: {
      order: 'pre',
      handler(html, { filename }) {
        if (!filename.endsWith(`/${htmlFile}`)) return html;
        // Right after the charset, before anything the policy must cover.
        const charset = /<meta charset="[^"]*" \/>\n/i;
        if (!charset.test(html)) throw new Error(`${htmlFile} needs <meta charset="UTF-8" /> on a line of its own for the Content-Security-Policy to follow it.`);
        return html.replace(charset, (line) => `${line}    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />\n`);
      },
    },
  };
}
