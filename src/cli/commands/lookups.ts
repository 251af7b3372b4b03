import { writeFile } from 'node:fs/promises';
import { DEFAULT_PROPOSE, proposeLookups } from '../../core/lookups/buildLookups.ts';
import { defaultLookups } from '../../core/lookups/defaults.ts';
import { scanSpellings } from '../../core/lookups/scanSpellings.ts';
import { checkOptions, intOption, option, UsageError, type Args } from '../args.ts';
import { fileSource, gunzip } from '../nodeIO.ts';
import { jobOptions, JOB_OPTION_NAMES } from './jobOptions.ts';

const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

/** `lookups export --out L.json` and `lookups build FILE.csv --out L.json [--sample N]`. */
export async function lookupsCommand(args: Args): Promise<void> {
  const [action, ...rest] = args.positional;
  const out = option(args, 'out');
  if (action === 'export') {
    checkOptions(args, ['out']);
    if (out === undefined || rest.length > 0) throw new UsageError('lookups export --out L.json');
    await writeFile(out, json(defaultLookups()));
    return;
  }
  if (action === 'build') {
    checkOptions(args, ['out', 'sample', ...JOB_OPTION_NAMES]);
    const [file, ...extra] = rest;
    if (file === undefined || extra.length > 0 || out === undefined) throw new UsageError('lookups build FILE.csv --out L.json [--sample ROWS]');
    const source = await fileSource(file);
    const sample = intOption(args, 'sample', 100_000, 0);
    const { counts, rows } = await scanSpellings({ source: source.stream, gunzip }, jobOptions(args), sample);
    const lookups = proposeLookups(counts, DEFAULT_PROPOSE);
    await writeFile(out, json(lookups));
    process.stderr.write(
      `Scanned ${rows.toLocaleString('en-US')} rows: ${lookups.categories.length} categories, ${lookups.regions.length} regions, ` +
        `${lookups.products.length} products proposed; review the maps (UNKNOWN entries especially) in ${out}.\n`,
    );
    return;
  }
  throw new UsageError('lookups takes export or build.');
}
