export function servePreview(outDir?: string): Promise<{ url: string; stop(): Promise<void> }>;
