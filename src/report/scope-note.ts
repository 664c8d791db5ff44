import type { ScanResult } from '../engine/result.js';
import { plural } from './text.js';

/**
 * What `--baseline` and `--changed-since` left out of the report, in plain words, so nobody mistakes a narrowed
 * report for a clean project.
 */
export function scopeNotes(result: ScanResult): string[] {
  const notes: string[] = [];
  const baseline = result.scope?.baseline;
  if (baseline) {
    const known = baseline.unchanged.length;
    const fixed = baseline.absent.length;
    const hidden = known === 0 ? 'no known findings hidden' : `${plural(known, 'known finding')} from the baseline hidden`;
    notes.push(`Only new findings: ${hidden} (${baseline.file})${fixed ? `; ${fixed} baseline ${fixed === 1 ? 'entry is' : 'entries are'} no longer found` : ''}.`);
  }
  const changed = result.scope?.changedSince;
  if (changed) {
    const outside = changed.outside === 0 ? 'no findings' : plural(changed.outside, 'finding');
    notes.push(`Only what changed since ${changed.ref} (${changed.base.slice(0, 12)}): ${outside} outside the changed lines hidden.`);
  }
  return notes;
}
