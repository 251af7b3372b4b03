/**
 * Saves a Blob through the browser's download. A File from OPFS stays on disk: the download reads
 * it from there, so a file of gigabytes is never held in memory. Nothing is sent anywhere.
 */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  link.click();
  // The download holds the Blob once it has started; the address is only needed to start it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function downloadJson(fileName: string, value: unknown): void {
  downloadBlob(new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' }), fileName);
}

/** `<file>-<table>.<ext>`: the job's file name without its extension, then the table's. */
export function downloadName(jobFile: string, table: string, extension: string): string {
  return `${jobFile.replace(/(\.csv)?(\.gz)?$/i, '')}-${table}.${extension}`;
}
