import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation, type Range } from 'vscode-languageserver';
import type { Finding, Range as FindingRange, Severity } from '../engine/finding.js';
import { ruleHelpUri } from '../report/rule-links.js';

export const SOURCE = 'vibeaudit';

/** critical/high block a merge by default, so they are errors; info is a hint, not a problem. */
export const LSP_SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  critical: DiagnosticSeverity.Error,
  high: DiagnosticSeverity.Error,
  medium: DiagnosticSeverity.Warning,
  low: DiagnosticSeverity.Information,
  info: DiagnosticSeverity.Hint,
};

/** Findings are 1-based with an exclusive end column; LSP positions are 0-based, end exclusive too. */
export function toLspRange(range: FindingRange): Range {
  return {
    start: { line: range.startLine - 1, character: Math.max(0, range.startColumn - 1) },
    end: { line: range.endLine - 1, character: Math.max(0, range.endColumn - 1) },
  };
}

/**
 * One diagnostic per unsuppressed finding in `file`. Messages and flow steps are the redacted ones the
 * engine made, so a secret is never shown whole here either. `uriOf` turns a root-relative path into a URI.
 */
export function diagnosticsFor(findings: readonly Finding[], file: string, uriOf: (path: string) => string): Diagnostic[] {
  return findings
    .filter((f) => f.file === file && !f.suppression)
    .map((f) => {
      const diagnostic: Diagnostic = {
        range: toLspRange(f.range),
        severity: LSP_SEVERITY[f.severity],
        code: f.ruleId,
        codeDescription: { href: ruleHelpUri(f.ruleId) },
        source: SOURCE,
        message: f.message,
      };
      const related: DiagnosticRelatedInformation[] = [
        ...(f.flow ?? []).map((step) => ({ location: { uri: uriOf(step.file), range: toLspRange(step.range) }, message: step.message })),
        ...(f.related ?? []).filter((r) => r.range).map((r) => ({ location: { uri: uriOf(r.file), range: toLspRange(r.range!) }, message: r.message })),
      ];
      if (related.length) diagnostic.relatedInformation = related;
      return diagnostic;
    });
}
