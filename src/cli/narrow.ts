import { resolve } from 'node:path';
import { applyBaseline } from '../baseline/compare.js';
import { readBaseline } from '../baseline/file.js';
import type { ScanResult } from '../engine/result.js';
import { changedSince } from '../git/changed.js';
import { limitToChange, projectRuleIds } from '../git/scope.js';

export interface NarrowFlags {
  baseline?: string;
  changedSince?: string;
}

/** `--baseline` then `--changed-since`: keep what is new. Errors are ConfigErrors (exit 2). */
export async function narrowScan(result: ScanResult, root: string, flags: NarrowFlags, cwd: string): Promise<ScanResult> {
  let out = result;
  if (flags.baseline) out = applyBaseline(out, readBaseline(resolve(cwd, flags.baseline), flags.baseline), flags.baseline);
  if (flags.changedSince) out = limitToChange(out, await changedSince(root, flags.changedSince), projectRuleIds());
  return out;
}
