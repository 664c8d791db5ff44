import type { Family, RuleMeta } from '../engine/catalogue-types.js';
import { FAMILIES } from '../engine/catalogue-types.js';
import { atLeast, SEVERITIES, severityRank, type Finding, type Severity } from '../engine/finding.js';
import type { ScanResult } from '../engine/result.js';
import { plural } from './text.js';

export const FAMILY_LABEL: Readonly<Record<Family, string>> = {
  secrets: 'Secrets',
  'client-exposure': 'Client exposure',
  dependencies: 'Dependencies',
  injection: 'Injection',
  'access-control': 'Access control',
  readiness: 'Production readiness',
  pipeline: 'Pipeline',
};

export interface ReportSummary {
  /** Unsuppressed findings per severity. */
  bySeverity: Record<Severity, number>;
  /** Unsuppressed findings per rule family; a rule without metadata counts as `other`. */
  byFamily: Partial<Record<Family | 'other', number>>;
  /** Unsuppressed findings. */
  total: number;
  suppressed: number;
  /** Unsuppressed findings at or above `failOn`. */
  failing: number;
  passed: boolean;
  /** Distinct files that could not be parsed. */
  unparsedFiles: number;
}

export function metaById(result: ScanResult): Map<string, RuleMeta> {
  return new Map(result.rules.map((m) => [m.id, m]));
}

export function isFailing(f: Finding, failOn: ScanResult['failOn']): boolean {
  return !f.suppression && failOn !== 'none' && atLeast(f.severity, failOn);
}

export function summarize(result: ScanResult): ReportSummary {
  const metas = metaById(result);
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byFamily: ReportSummary['byFamily'] = {};
  let suppressed = 0;
  let failing = 0;
  for (const f of result.findings) {
    if (f.suppression) {
      suppressed++;
      continue;
    }
    bySeverity[f.severity]++;
    const family = metas.get(f.ruleId)?.family ?? 'other';
    byFamily[family] = (byFamily[family] ?? 0) + 1;
    if (isFailing(f, result.failOn)) failing++;
  }
  const total = result.findings.length - suppressed;
  const unparsedFiles = new Set(result.notifications.filter((n) => n.kind === 'parse-error' && !n.partial).map((n) => n.file ?? n.message)).size;
  return { bySeverity, byFamily, total, suppressed, failing, passed: failing === 0, unparsedFiles };
}

/** Families in documentation order, `other` last, with their counts (zero counts left out). */
export function familyCounts(summary: ReportSummary): { family: Family | 'other'; label: string; count: number }[] {
  const keys: (Family | 'other')[] = [...FAMILIES, 'other'];
  return keys
    .filter((k) => (summary.byFamily[k] ?? 0) > 0)
    .map((k) => ({ family: k, label: k === 'other' ? 'Other' : FAMILY_LABEL[k], count: summary.byFamily[k] ?? 0 }));
}

/** "3 findings at or above high" / "no findings at or above high" / "4 findings; fail-on is none". */
export function verdictText(summary: ReportSummary, failOn: ScanResult['failOn']): string {
  if (failOn === 'none') return `${summary.total === 0 ? 'no findings' : plural(summary.total, 'finding')}; fail-on is none, so nothing fails`;
  return `${summary.failing === 0 ? 'no findings' : plural(summary.failing, 'finding')} at or above ${failOn}`;
}

/** Most serious first, then by file, line, column and rule. */
export function compareFindings(a: Finding, b: Finding): number {
  return severityRank(a.severity) - severityRank(b.severity) || compareLocation(a, b);
}

export function compareLocation(a: Finding, b: Finding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.range.startLine - b.range.startLine ||
    a.range.startColumn - b.range.startColumn ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}

export function parseFailureLine(count: number): string {
  return `${plural(count, 'file')} could not be parsed, so only text rules ran on ${count === 1 ? 'it' : 'them'}`;
}
