import { isPipelineError, whereText } from '../core/errors.ts';
import { parseArgs, UsageError } from './args.ts';
import { generateCommand } from './commands/generate.ts';
import { lookupsCommand } from './commands/lookups.ts';
import { processCommand } from './commands/process.ts';

const USAGE = `Usage:
  npm run cli -- generate --rows N [--seed S] [--clean] [--end-date YYYY-MM-DD] --out FILE.csv
  npm run cli -- process FILE.csv --out DIR [--lookups L.json] [--reference-date YYYY-MM-DD]
      [--workers N] [--chunk-size BYTES] [--format csv,parquet] [--map COL=HEADER]... [--set COL=VALUE]...
      [--null-tokens LIST] [--delimiter X] [--encoding utf-8|windows-1252|utf-16le|utf-16be]
      [--price-max N] [--revenue-max N] [--fuzzy-max-distance N] [--heavy-discount-threshold X]
      [--top-n N] [--anomaly-top-n N] [--discount-out-of-range reject|clamp] [--keep-zero-quantity]
      [--max-field-bytes N] [--max-record-bytes N] [--max-columns N]
  npm run cli -- lookups export --out L.json
  npm run cli -- lookups build FILE.csv --out L.json [--sample ROWS] [--map ...] [--set ...] [--null-tokens LIST]
`;

const COMMANDS: Record<string, (args: ReturnType<typeof parseArgs>) => Promise<void>> = {
  generate: generateCommand,
  process: processCommand,
  lookups: lookupsCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name === undefined ? undefined : COMMANDS[name];
  if (command === undefined || rest.includes('--help')) {
    process.stderr.write(USAGE);
    return name === undefined || rest.includes('--help') ? 0 : 2;
  }
  try {
    await command(parseArgs(rest));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (isPipelineError(error)) {
      const where = whereText(error.where);
      process.stderr.write(`error [${error.code}]: ${error.message}\n${where === '' ? '' : `  where: ${where}\n`}`);
      return 1;
    }
    process.stderr.write(`error: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
