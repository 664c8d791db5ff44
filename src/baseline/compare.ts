import type { KnownFinding, ScanResult } from '../engine/result.js';
import type { BaselineFile } from './file.js';

/**
 * Keep only findings that are not in the baseline. Known ones move to `scope.baseline.unchanged` and baseline
 * entries no longer found to `absent`. Suppressed findings are left as they are: they never fail a scan.
 * Matching is by fingerprint (rule, file, whitespace-free snippet, enclosing symbol, occurrence): a finding
 * that only moved keeps its fingerprint; a second identical occurrence gets a new one.
 */
export function applyBaseline(result: ScanResult, baseline: BaselineFile, shownAs: string): ScanResult {
  const known = new Map<string, KnownFinding>(baseline.findings.map((k) => [k.fingerprint, k]));
  const matched = new Set<string>();
  const findings = [];
  const unchanged = [];
  for (const f of result.findings) {
    if (!f.suppression && known.has(f.fingerprint)) {
      matched.add(f.fingerprint);
      unchanged.push(f);
    } else {
      findings.push(f);
    }
  }
  // A suppressed finding that is also in the baseline is still there, not absent.
  for (const f of result.findings) if (f.suppression && known.has(f.fingerprint)) matched.add(f.fingerprint);
  const absent = baseline.findings.filter((k) => !matched.has(k.fingerprint));
  return { ...result, findings, scope: { ...result.scope, baseline: { file: shownAs, unchanged, absent } } };
}
