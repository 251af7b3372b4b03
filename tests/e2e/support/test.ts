import { test as base, expect, type BrowserContext, type Request } from '@playwright/test';

export const originOf = (url: string): string => {
  try {
    return new URL(url).origin;
  } catch {
    return 'null';
  }
};

/** Where a request came from: the service worker, or the frame (page or worker) that made it. */
function initiator(request: Request): string {
  const worker = request.serviceWorker();
  if (worker !== null) return `service worker ${worker.url()}`;
  try {
    return request.frame().url() || 'a frame';
  } catch {
    return 'unknown';
  }
}

export interface Watch {
  /** Requests to another origin than the app's, with who made them. */
  stray: string[];
  /** What the Content-Security-Policy blocked. */
  blocked: string[];
}

/** Records, from now on, every request of a context (page, workers, service worker) to another origin, and every CSP violation. */
export async function watchContext(context: BrowserContext, appOrigins: ReadonlySet<string>): Promise<Watch> {
  const watch: Watch = { stray: [], blocked: [] };
  context.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('blob:') || appOrigins.has(originOf(url))) return;
    watch.stray.push(`${request.method()} ${url} (from ${initiator(request)})`);
  });
  // Chromium reports a violation in the console too: the only report from a worker.
  context.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) watch.blocked.push(message.text());
  });
  await context.exposeBinding('__reportViolation', (_source, text: string) => void watch.blocked.push(text));
  await context.addInitScript(() =>
    addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __reportViolation: (text: string) => void }).__reportViolation;
      void report(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline code'} (${event.sourceFile}:${event.lineNumber})`);
    }),
  );
  return watch;
}

/**
 * The test every spec uses: Playwright's, with its browser context watched from first to last
 * request. A test fails when anything (page, worker or service worker) asks another origin than
 * the app's for anything, or when the Content-Security-Policy blocks anything: the promise that
 * no byte leaves the device, checked by the whole suite.
 */
export const test = base.extend<{ appOrigins: Set<string> }>({
  /** The origins the app is served from in this test: the preview server's, and any a test adds. */
  appOrigins: async ({ baseURL }, use) => {
    await use(new Set([originOf(baseURL!)]));
  },
  context: async ({ context, appOrigins }, use) => {
    const watch = await watchContext(context, appOrigins);
    await use(context);
    expect(watch.stray, 'requests to another origin than the app’s').toEqual([]);
    expect(watch.blocked, 'Content-Security-Policy violations').toEqual([]);
  },
});

export { expect };
