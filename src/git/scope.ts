import type { Finding } from '../engine/finding.js';
import type { ScanResult } from '../engine/result.js';
import { catalogue } from '../engine/scan.js';
import type { Change } from './changed.js';
import { touches } from './diff.js';

/** Rule ids whose findings are about a file as a whole (dependencies, migrations, configuration). */
export function projectRuleIds(): Set<string> {
  return new Set(catalogue().filter((e) => e.rule.kind === 'project').map((e) => e.meta.id));
}

/**
 * Keep the findings a change is responsible for: those on changed lines, data flows that pass through a changed
 * line, and findings of project rules (dependencies, migrations, configuration) whose file changed, since such
 * a finding is about the file as a whole rather than the line it points at.
 */
export function limitToChange(result: ScanResult, change: Change, projectRuleIds: ReadonlySet<string>): ScanResult {
  const inScope = (f: Finding): boolean => {
    if (touches(change.lines, f.file, f.range.startLine, f.range.endLine)) return true;
    if (f.flow?.length) return f.flow.some((s) => touches(change.lines, s.file, s.range.startLine, s.range.endLine));
    if (!projectRuleIds.has(f.ruleId)) return false;
    return change.lines.has(f.file) || (f.related ?? []).some((r) => change.lines.has(r.file));
  };
  const kept = result.findings.filter(inScope);
  const outside = result.findings.filter((f) => !f.suppression).length - kept.filter((f) => !f.suppression).length;
  return { ...result, findings: kept, scope: { ...result.scope, changedSince: { ref: change.ref, base: change.base, outside } } };
}
