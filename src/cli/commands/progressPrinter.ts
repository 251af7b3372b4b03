import type { JobResult, Progress } from '../../core/pipeline/runJob.ts';

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const clock = (seconds: number) => {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/** Progress on stderr: one line rewritten in a terminal, a line every few seconds in a log. */
export function progressPrinter(stream: NodeJS.WriteStream = process.stderr) {
  const tty = stream.isTTY === true;
  let lastLine = 0;
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  sampler.unref();
  return {
    progress(p: Progress) {
      const now = Date.now();
      if (!tty && now - lastLine < 5000) return;
      lastLine = now;
      const share = p.totalBytes > 0 ? `${Math.floor((100 * p.bytesRead) / p.totalBytes)}% ` : '';
      const left = p.secondsLeft === null ? '' : ` · ${clock(p.secondsLeft)} left`;
      const line = `${share}${mb(p.bytesRead)} of ${mb(p.totalBytes)} · ${int(p.rows)} rows · ${int(p.rowsPerSecond)} rows/s${left}`;
      stream.write(tty ? `\r\x1b[2K${line}` : `${line}\n`);
    },
    done(result: JobResult, workers: number) {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      if (tty) stream.write('\r\x1b[2K');
      stream.write(
        `${int(result.rowsRead)} rows read, ${int(result.rowsAccepted)} accepted, ${int(result.rowsRejected)} rejected ` +
          `in ${result.seconds.toFixed(1)} s (${int(result.rowsRead / Math.max(result.seconds, 1e-3))} rows/s, ${workers} worker${workers > 1 ? 's' : ''}, ` +
          `peak RSS ${mb(peakRss)}, id set ${mb(result.idSetBytes)}).\n`,
      );
      for (const line of result.log) stream.write(`  ${line}\n`);
    },
    stop() {
      clearInterval(sampler);
    },
  };
}
