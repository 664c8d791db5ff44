import type { Family } from '../engine/catalogue-types.js';
import type { Finding, Notification, Severity } from '../engine/finding.js';
import type { ScanResult, ScanStats } from '../engine/result.js';
import { buildFixPrompt } from './fix-prompt.js';
import { ruleHelpUri } from './rule-links.js';
import { metaById, summarize } from './summary.js';

/**
 * The `--format json` document. Fields are only ever added under the same `schemaVersion`; a removal or a
 * change of meaning bumps it. Optional fields are left out (never `null`) when unknown.
 */
export interface JsonReport {
  schemaVersion: 1;
  tool: { name: string; version: string; informationUri: string };
  /** What the user named as the target. */
  target: string;
  /** The severity at or above which an unsuppressed finding fails the scan. */
  failOn: Severity | 'none';
  summary: {
    /** True when no unsuppressed finding is at or above `failOn`. */
    passed: boolean;
    /** Unsuppressed findings at or above `failOn`. */
    failing: number;
    /** Unsuppressed findings. */
    total: number;
    suppressed: number;
    /** Unsuppressed findings per severity; every severity is present. */
    bySeverity: Record<Severity, number>;
    /** Unsuppressed findings per rule family; families without findings are left out. */
    byFamily: Partial<Record<Family | 'other', number>>;
    /** Files that could not be parsed (only text rules ran on them). */
    unparsedFiles: number;
  };
  /** Every finding, suppressed ones included (they carry `suppression`), in file, line, column order. */
  findings: JsonFinding[];
  /** Tool problems, not findings: files that did not parse, unknown rule ids in suppressions… */
  notifications: Notification[];
  stats: ScanStats;
  /** Present when `--baseline` or `--changed-since` left known findings out of `findings`. */
  scope?: {
    baseline?: { file: string; unchanged: number; absent: number };
    changedSince?: { ref: string; base: string; outside: number };
  };
}

/** A finding as the engine makes it (see src/engine/finding.ts), with its rule's title, family, docs and fix prompt. */
export interface JsonFinding extends Finding {
  /** The rule's title, when its metadata is known. */
  title?: string;
  family?: Family;
  helpUri: string;
  /** A ready-to-paste prompt asking an AI coding assistant for exactly this fix. */
  fixPrompt: string;
}

export function buildJsonReport(result: ScanResult): JsonReport {
  const metas = metaById(result);
  const s = summarize(result);
  const findings = result.findings.map((f: Finding): JsonFinding => {
    const meta = metas.get(f.ruleId);
    // Keys written in a fixed order so the output is stable and diffable.
    return {
      ruleId: f.ruleId,
      title: meta?.title,
      family: meta?.family,
      severity: f.severity,
      confidence: f.confidence,
      file: f.file,
      range: { startLine: f.range.startLine, startColumn: f.range.startColumn, endLine: f.range.endLine, endColumn: f.range.endColumn },
      messageId: f.messageId,
      message: f.message,
      snippet: f.snippet,
      fingerprint: f.fingerprint,
      symbol: f.symbol,
      related: f.related,
      flow: f.flow,
      suppression: f.suppression,
      helpUri: ruleHelpUri(f.ruleId),
      fixPrompt: buildFixPrompt(f, meta),
    };
  });
  return {
    schemaVersion: 1,
    tool: { name: result.tool.name, version: result.tool.version, informationUri: result.tool.informationUri },
    target: result.target,
    failOn: result.failOn,
    summary: {
      passed: s.passed,
      failing: s.failing,
      total: s.total,
      suppressed: s.suppressed,
      bySeverity: s.bySeverity,
      byFamily: s.byFamily,
      unparsedFiles: s.unparsedFiles,
    },
    findings,
    notifications: result.notifications,
    stats: result.stats,
    scope: scopeOf(result),
  };
}

function scopeOf(result: ScanResult): JsonReport['scope'] {
  const { baseline, changedSince } = result.scope ?? {};
  if (!baseline && !changedSince) return undefined;
  return {
    baseline: baseline && { file: baseline.file, unchanged: baseline.unchanged.length, absent: baseline.absent.length },
    changedSince: changedSince && { ref: changedSince.ref, base: changedSince.base, outside: changedSince.outside },
  };
}

export function renderJson(result: ScanResult): string {
  return `${JSON.stringify(buildJsonReport(result), null, 2)}\n`;
}
