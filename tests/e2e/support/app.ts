import { expect, type Page } from '@playwright/test';
import type { JobOptions } from '../../../src/core/options.ts';

/** A file for the page's file input: a path, or a name and its bytes. */
export type InputFile = string | { name: string; mimeType: string; buffer: Buffer };

export interface RunInput {
  file: InputFile;
  options?: Partial<JobOptions>;
  /** Path of a lookups JSON file. */
  lookups?: string;
  workers?: number;
  chunkSize?: number;
  /** The address's query, e.g. `?workers=1&chunk=4096`. */
  query?: string;
}

export interface JobEnd {
  status: string;
  jobId: string | null;
}

export const csvFile = (name: string, content: string | Uint8Array): InputFile => ({ name, mimeType: 'text/csv', buffer: Buffer.from(content) });

/** Fills the form as a user would: Advanced settings, then the file, then Run. */
export async function startInApp(page: Page, input: RunInput): Promise<void> {
  await page.goto(`/${input.query ?? ''}`);
  const advanced = input.workers !== undefined || input.chunkSize !== undefined || input.options !== undefined || input.lookups !== undefined;
  if (advanced) await page.getByText('Advanced').click();
  if (input.workers !== undefined) await page.getByTestId('workers').fill(String(input.workers));
  if (input.chunkSize !== undefined) await page.getByTestId('chunk-size').fill(String(input.chunkSize));
  if (input.options !== undefined) await page.getByTestId('options-json').fill(JSON.stringify(input.options));
  if (input.lookups !== undefined) await page.getByTestId('lookups-file').setInputFiles(input.lookups);
  await page.getByTestId('csv-file').setInputFiles(input.file);
  await page.getByTestId('run').click();
}

/** Waits for the job on the page to end: completed, failed or cancelled. */
export async function jobEnd(page: Page, timeout = 60_000): Promise<JobEnd> {
  const status = page.getByTestId('job-status');
  await expect(status).toHaveAttribute('data-status', /^(completed|failed|cancelled)$/, { timeout });
  const id = page.getByTestId('job-id');
  return { status: (await status.getAttribute('data-status'))!, jobId: (await id.count()) > 0 ? await id.textContent() : null };
}

export async function runInApp(page: Page, input: RunInput): Promise<JobEnd> {
  await startInApp(page, input);
  return jobEnd(page);
}

/** Every file of a job's folder in the origin's private file system, as text; null when there is no folder. */
export function readJobFolder(page: Page, jobId: string): Promise<Record<string, string> | null> {
  return page.evaluate(async (id) => {
    const root = await navigator.storage.getDirectory();
    let folder: FileSystemDirectoryHandle;
    try {
      folder = await (await root.getDirectoryHandle('jobs')).getDirectoryHandle(id);
    } catch {
      return null;
    }
    const files: Record<string, string> = {};
    for await (const [name, handle] of folder.entries()) {
      if (handle.kind === 'file') files[name] = await (await (handle as FileSystemFileHandle).getFile()).text();
    }
    return files;
  }, jobId);
}

/** The names in the jobs folder: every job that left files. */
export function listJobFolders(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    const names: string[] = [];
    try {
      for await (const name of (await root.getDirectoryHandle('jobs')).keys()) names.push(name);
    } catch {
      // No jobs folder: no jobs.
    }
    return names;
  });
}

/** The rows of a table on the page, cell by cell. */
export function tableRows(page: Page, testId: string): Promise<string[][]> {
  return page.getByTestId(testId).locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent ?? '')));
}

/** Takes the File System Access save picker away (as in Firefox and Safari): downloads are then download events. */
export async function withoutSavePicker(page: Page): Promise<void> {
  await page.addInitScript(() => delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker);
}
