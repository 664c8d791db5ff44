import type { ChecklistResult } from '../checklist/types.js';
import type { Language, Role } from '../classify/types.js';
import type { RuleMeta } from './catalogue-types.js';
import type { Finding, Notification, Severity } from './finding.js';

export interface FileSummary {
  path: string;
  language: Language;
  role: Role;
  roleReason: string;
}

export interface ScanStats {
  files: number;
  parsed: number;
  skippedBinary: number;
  byRole: Partial<Record<Role, number>>;
  durationMs: number;
}

/** Everything a reporter needs; reporters are pure functions of this. */
export interface ScanResult {
  tool: { name: string; version: string; informationUri: string };
  /** What the user named as the target, for display (never an absolute path of this machine in reports). */
  target: string;
  /** Metadata of every rule that ran. */
  rules: RuleMeta[];
  /** All findings, suppressed ones included (they carry `suppression`). */
  findings: Finding[];
  notifications: Notification[];
  /** Every scanned file with its language and role, and why it got that role. */
  files: FileSummary[];
  stats: ScanStats;
  failOn: Severity | 'none';
  /** The pre-deploy checklist, when it was run (the `checklist` command, and `scan` with a markdown report). */
  checklist?: ChecklistResult;
  /** Set when `--baseline` or `--changed-since` narrowed `findings` to what is new. */
  scope?: ReportScope;
}

/** A baseline entry: enough to recognise a finding again, nothing that could hold a secret. */
export interface KnownFinding {
  fingerprint: string;
  ruleId: string;
  file: string;
}

export interface ReportScope {
  baseline?: {
    /** The baseline file as the user named it. */
    file: string;
    /** Findings also in the baseline: hidden from the report, kept for SARIF `baselineState: unchanged`. */
    unchanged: Finding[];
    /** Baseline entries not found any more (fixed or deleted): SARIF `baselineState: absent`. */
    absent: KnownFinding[];
  };
  changedSince?: {
    /** The git ref the user named, and the merge-base commit the change was measured from. */
    ref: string;
    base: string;
    /** Findings outside the changed lines, hidden from the report. */
    outside: number;
  };
}
