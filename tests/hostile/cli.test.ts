import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { whereText } from '../../src/core/errors.ts';
import { HOSTILE_FIXTURES, type HostileFixture } from './fixtures.ts';
import { found, wanted } from './outcome.ts';

const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The command line on a fixture, as a user runs it; killed if it takes longer than a job of this size may. */
function run(fixture: HostileFixture): Promise<{ code: number | null; stderr: string; out: string }> {
  const file = join(dir, fixture.name);
  writeFileSync(file, fixture.bytes());
  const out = join(dir, `${fixture.name}.out`);
  const args = ['dist-cli/main.mjs', 'process', file, '--out', out, '--reference-date', '2024-06-30', '--workers', '2'];
  if (fixture.chunkSize !== undefined) args.push('--chunk-size', String(fixture.chunkSize));
  const child = spawn(process.execPath, [...args, ...(fixture.args ?? [])], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  // 'close', not 'exit': stderr may still hold output when the process has exited.
  return new Promise((done) => child.on('close', (code) => done({ code, stderr, out })));
}

describe('every hostile fixture gives its expected outcome in the command line', () => {
  it.concurrent.each(HOSTILE_FIXTURES.map((f) => [f.name, f] as const))('%s', async (_name, fixture) => {
    const { code, stderr, out } = await run(fixture);
    const expected = fixture.expect;
    if ('error' in expected) {
      expect(stderr).toMatch(new RegExp(`(^|\\n)error \\[${expected.error}\\]: `));
      for (const word of expected.words) expect(stderr).toContain(word);
      if (expected.where !== undefined) expect(stderr).toContain(`\n  where: ${whereText(expected.where)}\n`);
      expect(code).toBe(1);
      expect(readdirSync(dir).includes(`${fixture.name}.out`) ? readdirSync(out) : []).toEqual([]);
      return;
    }
    expect(code, stderr).toBe(0);
    expect(found(expected, readFileSync(join(out, 'quality_report.csv'), 'utf8'), readFileSync(join(out, 'cleaned_rows.csv'), 'utf8'))).toEqual(wanted(expected));
    for (const word of expected.log ?? []) expect(stderr).toContain(word);
  });
});
