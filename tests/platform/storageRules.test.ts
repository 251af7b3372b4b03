import { describe, expect, test } from 'vitest';
import { interruptedJobs, jobLockName } from '../../src/platform/jobLocks.ts';
import { isQuotaError } from '../../src/platform/quota.ts';
import type { JobStatus } from '../../src/platform/records.ts';

describe('interruptedJobs', () => {
  const jobs: { id: string; status: JobStatus }[] = [
    { id: 'queued-gone', status: 'queued' },
    { id: 'running-gone', status: 'running' },
    { id: 'running-held', status: 'running' },
    { id: 'done', status: 'completed' },
    { id: 'failed', status: 'failed' },
    { id: 'old', status: 'interrupted' },
  ];
  const tests: { held: string[]; expected: string[] }[] = [
    { held: [], expected: ['queued-gone', 'running-gone', 'running-held'] },
    { held: ['running-held'], expected: ['queued-gone', 'running-gone'] },
    { held: ['queued-gone', 'running-gone', 'running-held', 'done'], expected: [] },
  ];
  for (const { held, expected } of tests) {
    test(`locks held for [${held}] → ${JSON.stringify(expected)}`, () => {
      expect(interruptedJobs(jobs, new Set(held.map(jobLockName)))).toEqual(expected);
    });
  }

  test('a lock of another name does not keep a job running', () => {
    expect(interruptedJobs([{ id: 'a', status: 'running' }], new Set(['a']))).toEqual(['a']);
  });
});

describe('isQuotaError', () => {
  const quota = { name: 'QuotaExceededError', message: 'full' };
  const tests: { error: unknown; expected: boolean; what: string }[] = [
    { what: 'IndexedDB or OPFS itself', error: quota, expected: true },
    { what: "Dexie's AbortError with the cause inside", error: { name: 'AbortError', inner: quota }, expected: true },
    { what: 'nested twice', error: { name: 'DatabaseClosedError', inner: { name: 'AbortError', inner: quota } }, expected: true },
    { what: 'an abort for another reason', error: { name: 'AbortError', inner: { name: 'ConstraintError' } }, expected: false },
    { what: 'a plain Error', error: new Error('QuotaExceededError'), expected: false },
    { what: 'a string', error: 'QuotaExceededError', expected: false },
    { what: 'null', error: null, expected: false },
  ];
  for (const { what, error, expected } of tests) test(`${what} → ${expected}`, () => expect(isQuotaError(error)).toBe(expected));
});
