import { TABLE_COLUMNS } from '../../core/contract.ts';
import type { ExportEntry, ExportOutcome, ExportProgress } from '../../engine/api.ts';
import type { RunningExport } from '../../engine/client.ts';
import { opfsFile } from '../../platform/opfsJobs.ts';
import type { JobRecord } from '../../platform/records.ts';
import type { JobRun } from '../jobRun.svelte.ts';
import { downloadName } from './download.ts';
import { busyWork } from '../busyWork.svelte.ts';
import { pickSaveTarget, saveTo } from './saveTarget.ts';

export type Format = 'csv' | 'parquet';

/** Every table of SPEC section 3: the small ones, then the row files. */
export const ALL_TABLES: readonly string[] = [...Object.keys(TABLE_COLUMNS), 'cleaned_rows', 'rejected_rows'];

/**
 * A job's downloads. CSV is the file the job wrote; Parquet and the zip of everything are made in
 * the engine worker into the job's folder (and kept there for the next time), then streamed from
 * disk to where the user chose. One at a time, with progress, and cancellable.
 */
export class JobDownloads {
  /** What is being made: a file name, or null. */
  busy = $state<string | null>(null);
  progress = $state<ExportProgress | null>(null);
  error = $state('');
  private running: RunningExport | null = null;

  constructor(
    private readonly run: () => JobRun,
    private readonly job: () => JobRecord,
  ) {}

  download(table: string, format: Format): Promise<void> {
    const folder = this.job().files?.folder;
    return this.deliver(
      downloadName(this.job().file.name, table, format),
      () => (format === 'csv' ? Promise.resolve({ ok: true, path: `${folder}/${table}.csv` }) : this.make(this.run().exportParquet(folder!, table, this.report))),
      format === 'csv',
    );
  }

  /** Every table in both formats as one zip, `<file>-<table>.<format>` inside. */
  downloadAll(): Promise<void> {
    const file = this.job().file.name;
    const entries: ExportEntry[] = ALL_TABLES.flatMap((table) => (['csv', 'parquet'] as const).map((format) => ({ table, format, name: downloadName(file, table, format) })));
    return this.deliver(downloadName(file, 'all', 'zip'), () => this.make(this.run().exportZip(this.job().files!.folder, entries, this.report)));
  }

  cancel(): void {
    this.running?.cancel();
  }

  private readonly report = (progress: ExportProgress) => {
    this.progress = progress;
  };

  private async make(running: RunningExport): Promise<ExportOutcome> {
    this.running = running;
    try {
      return await running.outcome;
    } finally {
      this.running = null;
    }
  }

  private async deliver(fileName: string, made: () => Promise<ExportOutcome>, prepared = false): Promise<void> {
    if (this.busy !== null || !this.job().files) return;
    // First, while the click still counts: the picker needs it, and the export may take minutes.
    const target = await pickSaveTarget(fileName);
    if (target === 'cancelled') return;
    // A CSV is on disk already: to the browser's downloads, nothing to prepare or show; into a picked file, a copy.
    const shown = !prepared || target !== null;
    if (shown) this.busy = fileName;
    this.error = '';
    this.progress = null;
    // A reload would stop it: the update prompt waits (busyWork).
    await busyWork.during(async () => {
      try {
        const outcome = await made();
        if (!outcome.ok) {
          if (outcome.error.code !== 'CANCELLED') this.error = `${fileName} could not be made: ${outcome.error.message} ${outcome.error.hint}`.trim();
          return;
        }
        await saveTo(await opfsFile(outcome.path), fileName, target);
      } catch (error) {
        this.error = `${fileName} could not be saved (${(error as Error).message}). The job’s files may have been deleted, or the disk is full.`;
      } finally {
        if (shown) this.busy = null;
        this.progress = null;
      }
    });
  }
}
