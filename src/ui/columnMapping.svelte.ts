import { CONTRACT_COLUMNS, REQUIRED_COLUMNS, type ContractColumn } from '../core/contract.ts';
import type { FilePreview } from '../engine/api.ts';

/** Where a contract column's cells come from: a header of the file, a constant, or nowhere. */
export type ColumnSource = { kind: 'header'; header: string } | { kind: 'constant'; value: string } | { kind: 'none' };

/** A mapping as saved for the next file with the same header. */
export type SavedMapping = Partial<Record<ContractColumn, ColumnSource>>;

/** The key under which a mapping is saved: the header itself. */
export const mappingKey = (header: readonly string[]): string => `mapping:${JSON.stringify(header)}`;

/**
 * The user's mapping of a previewed file's headers onto the contract's columns (SPEC section 1):
 * found by name, else suggested from synonyms, else a saved mapping for the same header.
 */
export class ColumnMapping {
  sources = $state<Record<ContractColumn, ColumnSource>>(Object.fromEntries(CONTRACT_COLUMNS.map((c) => [c, { kind: 'none' }])) as Record<ContractColumn, ColumnSource>);
  remember = $state(false);

  constructor(
    readonly preview: FilePreview,
    saved: SavedMapping | null,
  ) {
    for (const column of CONTRACT_COLUMNS) {
      const header = preview.found[column] ?? preview.suggested[column];
      const constant = preview.constants[column];
      if (constant !== undefined) this.sources[column] = { kind: 'constant', value: constant };
      else if (header !== undefined) this.sources[column] = { kind: 'header', header };
    }
    if (saved !== null) {
      for (const column of CONTRACT_COLUMNS) {
        const source = saved[column];
        if (source !== undefined && (source.kind !== 'header' || preview.header.includes(source.header))) this.sources[column] = source;
      }
      this.remember = true;
    }
  }

  /** Required columns with no source. */
  get missing(): ContractColumn[] {
    return REQUIRED_COLUMNS.filter((c) => this.sources[c].kind === 'none');
  }

  /** The job options for this mapping: `map` where it differs from matching by name, and `set`. */
  options(): { map: Partial<Record<ContractColumn, string>>; set: Partial<Record<ContractColumn, string>> } {
    const map: Partial<Record<ContractColumn, string>> = {};
    const set: Partial<Record<ContractColumn, string>> = {};
    for (const column of CONTRACT_COLUMNS) {
      const source = this.sources[column];
      if (source.kind === 'header' && source.header !== this.preview.found[column]) map[column] = source.header;
      else if (source.kind === 'constant') set[column] = source.value;
    }
    return { map, set };
  }

  saved(): SavedMapping {
    return $state.snapshot(this.sources) as SavedMapping;
  }
}
