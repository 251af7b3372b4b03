// The command line's throughput: generates (or reuses) dirty files and runs `process` on each
// with each worker count, printing rows/s and peak RSS as the command itself measures them.
// npm run bench:cli -- [--rows 1000000,10000000] [--workers 1,2]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, workers: { type: 'string', default: '1,2' } } });
const list = (s) => s.split(',').map(Number);
execFileSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' });
const cli = (...args) => spawnSync(process.execPath, ['dist-cli/main.mjs', ...args], { encoding: 'utf8' });

mkdirSync('bench/data', { recursive: true });
console.log(`machine: ${cpus()[0]?.model ?? 'unknown'}, ${cpus().length} cores, Node ${process.version}`);
console.log('| rows | MB | workers | rows/s | peak RSS | id set |\n| --- | --- | --- | --- | --- | --- |');
for (const rows of list(values.rows)) {
  const file = `bench/data/dirty-${rows}.csv`;
  if (!existsSync(file)) execFileSync(process.execPath, ['dist-cli/main.mjs', 'generate', '--rows', String(rows), '--seed', '1', '--end-date', '2026-06-30', '--out', file], { stdio: 'inherit' });
  for (const workers of list(values.workers)) {
    const out = `bench/data/out-${rows}-${workers}`;
    const run = cli('process', file, '--out', out, '--reference-date', '2026-06-30', '--workers', String(workers));
    rmSync(out, { recursive: true, force: true });
    const m = /in ([\d.]+) s \(([\d,]+) rows\/s, \d+ workers?, peak RSS ([\d.]+ MB), id set ([\d.]+ MB)\)/.exec(run.stderr);
    if (run.status !== 0 || !m) throw new Error(`process failed: ${run.stderr}`);
    const mb = (Number(execFileSync('stat', ['-c', '%s', file], { encoding: 'utf8' })) / 1e6).toFixed(0);
    console.log(`| ${rows.toLocaleString('en-US')} | ${mb} | ${workers} | ${m[2]} | ${m[3]} | ${m[4]} |`);
  }
}
