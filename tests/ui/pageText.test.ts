import { describe, expect, test } from 'vitest';
import { durationOf, rowsOf, successRate } from '../../src/ui/jobFigures.ts';
import { downloadName } from '../../src/ui/downloads/download.ts';
import { parseRoute } from '../../src/ui/route.ts';
import { storageFullMessage } from '../../src/ui/storageFullMessage.ts';

describe('parseRoute', () => {
  const tests = [
    { hash: '', expected: { page: 'home' } },
    { hash: '#/', expected: { page: 'home' } },
    { hash: '#/storage', expected: { page: 'storage' } },
    { hash: '#/lookups', expected: { page: 'lookups' } },
    { hash: '#/jobs/20261125-101500-ab12cd34', expected: { page: 'job', jobId: '20261125-101500-ab12cd34' } },
    { hash: '#/jobs/', expected: { page: 'home' } },
    { hash: '#/jobs/a/b', expected: { page: 'home' } },
    { hash: '#/jobs/<script>', expected: { page: 'home' } },
  ];
  for (const { hash, expected } of tests) test(JSON.stringify(hash), () => expect(parseRoute(hash)).toEqual(expected));
});

describe('storageFullMessage', () => {
  test('says what is needed, what is available and that earlier data is intact', () => {
    expect(storageFullMessage(5e6, { usage: 9e6, quota: 1e7 })).toBe(
      'There is not enough storage for this job: it needs about 4.8 MiB more; 977 KiB is available (8.6 MiB used of the 9.5 MiB this site may use). Earlier jobs and their results are intact.',
    );
  });
  test('usage over the quota shows nothing available', () => {
    expect(storageFullMessage(2048, { usage: 2e6, quota: 1e6 })).toContain('needs about 2.0 KiB more; 0 bytes is available');
  });
  test('without an estimate it says so', () => {
    expect(storageFullMessage(2048, null)).toContain('the browser does not say how much is available');
  });
});

describe('job figures', () => {
  const summary = { rowsRead: 4, rowsAccepted: 3, rowsRejected: 1, encoding: 'utf-8', delimiter: ',', workers: 1, chunkSize: 1, cleanedBytes: 0, rejectedBytes: 0 };
  test('success rate of read rows, none without rows', () => {
    expect(successRate({ summary })).toBe('75.0%');
    expect(successRate({ summary: { ...summary, rowsRead: 0 } })).toBe('–');
    expect(successRate({ summary: null })).toBe('–');
  });
  test('rows: the final count, else the count so far', () => {
    expect(rowsOf({ summary: { ...summary, rowsRead: 1234567 }, progress: null })).toBe('1,234,567');
    expect(rowsOf({ summary: null, progress: { rows: 5000, bytesRead: 1, totalBytes: 2, seconds: 1, rowsPerSecond: 1, secondsLeft: null } })).toBe('5,000');
    expect(rowsOf({ summary: null, progress: null })).toBe('–');
  });
  test('duration: the run’s seconds, else start to end, else to the last progress', () => {
    const progress = { rows: 5000, bytesRead: 1, totalBytes: 2, seconds: 12.4, rowsPerSecond: 1, secondsLeft: null };
    expect(durationOf({ seconds: 75.2, startedAt: 0, endedAt: 1, progress })).toBe('1 min 15 s');
    expect(durationOf({ seconds: null, startedAt: 1000, endedAt: 3500, progress })).toBe('2.5 s');
    expect(durationOf({ seconds: null, startedAt: 1000, endedAt: null, progress })).toBe('12 s');
    expect(durationOf({ seconds: null, startedAt: 1000, endedAt: null, progress: null })).toBe('–');
  });
});

describe('downloadName', () => {
  test('the job file without its extension, then the table', () => {
    expect(downloadName('sales.csv', 'monthly_sales', 'csv')).toBe('sales-monthly_sales.csv');
    expect(downloadName('export.CSV.gz', 'cleaned_rows', 'parquet')).toBe('export-cleaned_rows.parquet');
    expect(downloadName('orders', 'top_products', 'csv')).toBe('orders-top_products.csv');
  });
});
