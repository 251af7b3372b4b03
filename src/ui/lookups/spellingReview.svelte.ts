import { lookupsFromGroups, type SpellingGroup } from '../../core/lookups/buildLookups.ts';
import { mergeGroup, moveSpelling, renameGroup, type SpellingTarget } from '../../core/lookups/groupEdits.ts';
import type { LookupField, Lookups } from '../../core/lookups/lookups.ts';
import type { JobOptions } from '../../core/options.ts';
import type { JobRun } from '../jobRun.svelte.ts';

type Groups = Record<LookupField, SpellingGroup[]>;

/**
 * Lookups built from a CSV's spellings, for a person to review before anything is kept: the
 * engine worker scans and groups them; merge, split, move and rename here; then the result goes
 * to the editor's draft.
 */
export class SpellingReview {
  groups = $state.raw<Groups | null>(null);
  rows = $state(0);
  fileName = $state('');
  scanning = $state(false);
  error = $state('');

  constructor(private readonly run: JobRun) {}

  async scan(file: File, options: Partial<JobOptions>, sampleRows: number): Promise<void> {
    this.scanning = true;
    this.error = '';
    const outcome = await this.run.scanSpellings(file, options, sampleRows);
    this.scanning = false;
    if (!outcome.ok) {
      this.error = `${file.name} could not be scanned, and nothing changed: ${outcome.error.message} ${outcome.error.hint}`.trim();
      return;
    }
    this.groups = outcome.scan.groups;
    this.rows = outcome.scan.rows;
    this.fileName = file.name;
  }

  rename(field: LookupField, index: number, name: string): void {
    this.edit(field, (groups) => renameGroup(groups, index, name));
  }

  merge(field: LookupField, from: number, into: number): void {
    this.edit(field, (groups) => mergeGroup(groups, from, into));
  }

  move(field: LookupField, from: number, spelling: string, to: SpellingTarget): void {
    this.edit(field, (groups) => moveSpelling(groups, from, spelling, to));
  }

  lookups(): Lookups {
    return lookupsFromGroups(this.groups!);
  }

  private edit(field: LookupField, change: (groups: SpellingGroup[]) => SpellingGroup[]): void {
    if (this.groups === null) return;
    this.groups = { ...this.groups, [field]: change(this.groups[field]) };
  }
}
