import { execFileSync } from 'node:child_process';

/** Vitest global setup: the command line's tests run the bundle that `npm run cli` runs. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' });
}
