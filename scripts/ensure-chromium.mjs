// Installs Debian's Chromium when no Chromium is found (Playwright cannot download one here).
import { execSync } from 'node:child_process';
import { findChromium } from './chromium.mjs';

let path = findChromium();
if (!path) {
  console.log('No Chromium found: installing Debian\'s chromium package (set CHROMIUM_PATH to use your own).');
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  execSync(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium`, { stdio: 'inherit' });
  path = findChromium();
}
if (!path) {
  console.error('Still no Chromium: install one and set CHROMIUM_PATH to its binary.');
  process.exit(1);
}
console.log(`Chromium for tests: ${path}`);
