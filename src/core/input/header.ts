import { CONTRACT_COLUMNS, REQUIRED_COLUMNS, type ContractColumn } from '../contract.ts';
import { PipelineError } from '../errors.ts';
import { DELIMITERS, type JobOptions } from '../options.ts';

/**
 * A header cell as a column name (SPEC section 1).
 * @example normaliseHeader(' Order-ID ') === 'order_id'
 */
export function normaliseHeader(cell: string): string {
  return cell.trim().toLowerCase().replace(/[\s.-]+/g, '_');
}

/**
 * The delimiter of a file from its first line: the most frequent of `,` `;` tab `|` outside
 * quotes, ties in that order, `,` when none occurs.
 * @example detectDelimiter('a;b;c') === ';'
 */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '\n') break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best: string = ',';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/** Where each contract column comes from: a field index of the file, or a constant. */
export interface ColumnPlan {
  header: string[];
  index: Partial<Record<ContractColumn, number>>;
  constant: Partial<Record<ContractColumn, string>>;
  /** Things the job's log should say (duplicate headers, say). */
  notes: string[];
}

const isContractColumn = (name: string): name is ContractColumn => (CONTRACT_COLUMNS as readonly string[]).includes(name);

/** Resolves the contract's columns against a file's header; a missing required column stops the job. */
export function planColumns(header: string[], options: Pick<JobOptions, 'map' | 'set'>): ColumnPlan {
  const { plan, missing } = resolveColumns(header, options);
  if (missing.length > 0) {
    throw new PipelineError(
      'MISSING_COLUMNS',
      `The file lacks required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}. The header found was: ${header.join(', ') || '(empty)'}. ` +
        'Map your own headers onto them (CLI: --map order_id="Order No") or fill a column with a constant (--set category=Cafe).',
    );
  }
  return plan;
}

/** The contract's columns against a file's header, and the required ones nothing fills. */
export function resolveColumns(header: string[], options: Pick<JobOptions, 'map' | 'set'>): { plan: ColumnPlan; missing: ContractColumn[] } {
  const plan: ColumnPlan = { header, index: {}, constant: {}, notes: [] };
  const normalised = header.map(normaliseHeader);
  for (const [column, value] of Object.entries(options.set)) {
    if (!isContractColumn(column)) throw unknownColumn(column);
    plan.constant[column] = value ?? '';
  }
  for (const [column, wanted] of Object.entries(options.map)) {
    if (!isContractColumn(column)) throw unknownColumn(column);
    if (wanted === undefined || column in plan.constant) continue;
    let at = header.indexOf(wanted);
    if (at < 0) at = normalised.indexOf(normaliseHeader(wanted));
    if (at < 0) {
      throw new PipelineError(
        'UNKNOWN_HEADER',
        `The mapping names the header "${wanted}" for ${column}, but the file has no such column. The header found was: ${header.join(', ')}.`,
      );
    }
    plan.index[column] = at;
  }
  normalised.forEach((name, at) => {
    if (!isContractColumn(name) || name in plan.constant) return;
    const taken = plan.index[name];
    if (taken === undefined) plan.index[name] = at;
    else if (options.map[name] === undefined) {
      plan.notes.push(`Columns ${taken + 1} ("${header[taken]}") and ${at + 1} ("${header[at]}") both name ${name}: the first is used.`);
    }
  });
  const missing = REQUIRED_COLUMNS.filter((c) => plan.index[c] === undefined && plan.constant[c] === undefined);
  return { plan, missing };
}

function unknownColumn(column: string): PipelineError {
  return new PipelineError('INVALID_OPTIONS', `"${column}" is not a contract column. Use one of: ${CONTRACT_COLUMNS.join(', ')}.`);
}
