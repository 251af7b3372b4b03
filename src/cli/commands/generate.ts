import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { generateCsv } from '../../core/generate/generate.ts';
import { today } from '../../core/options.ts';
import { checkOptions, intOption, option, UsageError, type Args } from '../args.ts';

/** `generate --rows N [--seed S] [--clean] [--end-date YYYY-MM-DD] --out FILE.csv` */
export async function generateCommand(args: Args): Promise<void> {
  checkOptions(args, ['rows', 'seed', 'clean', 'out', 'end-date']);
  const out = option(args, 'out');
  if (out === undefined) throw new UsageError('generate needs --out FILE.csv.');
  const rows = intOption(args, 'rows', 10_000, 0);
  const seed = intOption(args, 'seed', 1, 0);
  const endDate = option(args, 'end-date') ?? today();
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(endDate)) throw new UsageError(`--end-date must be YYYY-MM-DD, not "${endDate}".`);
  const started = Date.now();
  const file = createWriteStream(out);
  let bytes = 0;
  for (const block of generateCsv({ rows, seed, clean: option(args, 'clean') === 'true', endDate })) {
    bytes += Buffer.byteLength(block);
    if (!file.write(block)) await once(file, 'drain');
  }
  file.end();
  await once(file, 'finish');
  const seconds = (Date.now() - started) / 1000;
  process.stderr.write(`${rows.toLocaleString('en-US')} rows, ${(bytes / 1e6).toFixed(1)} MB written to ${out} in ${seconds.toFixed(1)} s (${Math.round(rows / Math.max(seconds, 1e-3)).toLocaleString('en-US')} rows/s).\n`);
}
