import type { EngineError, EngineResult, Progress } from '../engine/api.ts';
import type { EngineClient, RunningJob } from '../engine/client.ts';
import type { RunSettings } from './runSettings.svelte.ts';

export type JobStatus = 'idle' | 'running' | 'cancelling' | 'done' | 'failed' | 'cancelled';

/** The job on screen: started from the settings, watched while it runs, and how it ended. */
export class JobRun {
  status = $state<JobStatus>('idle');
  jobId = $state<string | null>(null);
  fileName = $state('');
  progress = $state.raw<Progress | null>(null);
  result = $state.raw<EngineResult | null>(null);
  error = $state.raw<EngineError | null>(null);
  private job: RunningJob | null = null;

  constructor(private readonly engine: EngineClient) {}

  get busy(): boolean {
    return this.status === 'running' || this.status === 'cancelling';
  }

  async start(settings: RunSettings): Promise<void> {
    if (this.busy) return;
    this.result = this.error = this.progress = null;
    this.jobId = null;
    this.fileName = settings.file?.name ?? '';
    // Busy from here: a second click while the settings are read starts nothing.
    this.status = 'running';
    const checked = await settings.request();
    if (!checked.ok) {
      this.error = checked.error;
      this.status = 'failed';
      return;
    }
    const request = checked.value;
    this.progress = { bytesRead: 0, totalBytes: request.file.size, rows: 0, seconds: 0, rowsPerSecond: 0, secondsLeft: null };
    const job = this.engine.start(request, (progress) => {
      if (this.job === job) this.progress = progress;
    });
    this.job = job;
    this.jobId = job.jobId;
    const outcome = await job.outcome;
    this.job = null;
    if (outcome.ok) {
      this.result = outcome.result;
      this.status = 'done';
    } else if (outcome.error.code === 'CANCELLED') {
      this.status = 'cancelled';
    } else {
      this.error = outcome.error;
      this.status = 'failed';
    }
  }

  cancel(): void {
    if (this.job === null || this.status !== 'running') return;
    this.status = 'cancelling';
    this.job.cancel();
  }
}
