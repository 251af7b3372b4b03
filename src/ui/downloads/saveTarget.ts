import { held } from '../../platform/held.ts';
import { downloadBlob } from './download.ts';

type SavePicker = (options: { suggestedName: string; types?: Array<{ description: string; accept: Record<string, string[]> }> }) => Promise<FileSystemFileHandle>;

const TYPES: Record<string, { description: string; mime: string }> = {
  csv: { description: 'CSV file', mime: 'text/csv' },
  parquet: { description: 'Parquet file', mime: 'application/vnd.apache.parquet' },
  zip: { description: 'Zip archive', mime: 'application/zip' },
};

/**
 * Where a download goes: a file the user picks with the File System Access API's save picker,
 * where the browser has one, or null for the browser's own downloads; 'cancelled' when the user
 * closed the picker. Call it first in a click handler: the picker needs the click's activation.
 */
export async function pickSaveTarget(fileName: string): Promise<FileSystemFileHandle | null | 'cancelled'> {
  const picker = (window as unknown as { showSaveFilePicker?: SavePicker }).showSaveFilePicker;
  if (typeof picker !== 'function') return null;
  const extension = fileName.slice(fileName.lastIndexOf('.') + 1);
  const type = TYPES[extension];
  try {
    return await picker({ suggestedName: fileName, types: type ? [{ description: type.description, accept: { [type.mime]: [`.${extension}`] } }] : undefined });
  } catch (error) {
    // AbortError: the user closed the picker. Anything else (no activation left, say): the downloads.
    return (error as DOMException).name === 'AbortError' ? 'cancelled' : null;
  }
}

/** A file (from OPFS: on disk) to where the user chose, streamed: never whole in memory. */
export async function saveTo(file: File, fileName: string, target: FileSystemFileHandle | null): Promise<void> {
  if (target === null) return downloadBlob(file, fileName);
  await file.stream().pipeTo(await held(target, target.createWritable()));
}
