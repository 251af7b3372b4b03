import { addCanonical, deleteCanonical, lookupProblems, removeMapping, renameCanonical, sameLookups, setMapping } from '../../core/lookups/editLookups.ts';
import { type LookupField, type Lookups } from '../../core/lookups/lookups.ts';
import { parseLookups } from '../../core/lookups/validateLookups.ts';
import type { LookupStore } from '../../platform/lookupStore.ts';
import type { LookupVersion } from '../../platform/records.ts';

/**
 * The lookups being edited: a draft over the version it started from. Nothing is stored until
 * Save, which adds a version; a draft with problems cannot be saved.
 */
export class LookupEditor {
  base = $state.raw<LookupVersion>() as LookupVersion;
  draft = $state.raw<Lookups>() as Lookups;
  description = $state('');
  /** What an import or a save said, good or bad. */
  message = $state<{ ok: boolean; text: string } | null>(null);
  saving = $state(false);
  readonly problems = $derived(lookupProblems(this.draft));
  readonly dirty = $derived(!sameLookups(this.draft, this.base.lookups));

  constructor(base: LookupVersion) {
    this.startFrom(base);
  }

  /** Drops the draft and edits `version` (the latest, after a save elsewhere, say). */
  startFrom(version: LookupVersion): void {
    this.base = version;
    this.draft = version.lookups;
    this.description = '';
  }

  add(field: LookupField, value: string): void {
    this.change(addCanonical(this.draft, field, value));
  }

  rename(field: LookupField, from: string, to: string): void {
    this.change(renameCanonical(this.draft, field, from, to));
  }

  remove(field: LookupField, value: string): void {
    this.change(deleteCanonical(this.draft, field, value));
  }

  map(field: LookupField, raw: string, target: string): void {
    this.change(setMapping(this.draft, field, raw, target));
  }

  unmap(field: LookupField, raw: string): void {
    this.change(removeMapping(this.draft, field, raw));
  }

  /** Puts whole lookups (imported, built) in the draft, to be reviewed and saved. */
  propose(lookups: Lookups, description: string, from: string): void {
    this.draft = lookups;
    this.description = description;
    this.message = { ok: true, text: `Read ${from}: review the lookups below, then save them as a new version.` };
  }

  /** Reads a lookups file into the draft, to be reviewed and saved; a bad file changes nothing. */
  async import(file: File): Promise<void> {
    try {
      this.propose(parseLookups(JSON.parse(await file.text())), `Imported from ${file.name}`, file.name);
    } catch (error) {
      this.message = { ok: false, text: `${file.name} was not imported, and nothing changed: ${(error as Error).message}` };
    }
  }

  async save(store: LookupStore): Promise<void> {
    if (this.problems.length > 0 || !this.dirty || this.saving) return;
    this.saving = true;
    try {
      const version = await store.add(this.draft, this.description.trim() || 'Edited on the Lookups page');
      this.startFrom((await store.get(version))!);
      this.message = { ok: true, text: `Saved as version ${version}. The next job uses it.` };
    } catch (error) {
      this.message = { ok: false, text: `The lookups could not be saved, and the draft is kept: ${(error as Error).message}` };
    } finally {
      this.saving = false;
    }
  }

  private change(next: Lookups): void {
    this.draft = next;
    this.message = null;
  }
}
