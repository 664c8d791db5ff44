/** The one finding type every rule produces and every reporter reads. */

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CONFIDENCES = ['high', 'medium', 'low'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/** Lower rank is more serious. */
export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

export function atLeast(s: Severity, threshold: Severity): boolean {
  return severityRank(s) <= severityRank(threshold);
}

/** 1-based lines and columns, end column exclusive (as SARIF regions). */
export interface Range {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface Suppression {
  kind: 'inSource' | 'config';
  justification?: string;
  /** Where the suppressing comment is (1-based line), for inSource. */
  line?: number;
}

export interface RelatedLocation {
  file: string;
  range?: Range;
  message: string;
}

/** One location on the way from an untrusted source to a dangerous sink (SARIF threadFlow location). */
export interface FlowStep {
  file: string;
  range: Range;
  /** What happens here, in plain words: "`req.body.id` is read from the request", "passed to `findUser(id)`". */
  message: string;
  kind: 'source' | 'step' | 'call' | 'sink';
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  confidence: Confidence;
  /** Path relative to the scan root, with forward slashes. */
  file: string;
  range: Range;
  messageId: string;
  /** Rendered message; never contains a whole secret. */
  message: string;
  /** The source line(s) of the finding, redacted. */
  snippet: string;
  /** Stable across edits above the finding: no line numbers in it. */
  fingerprint: string;
  /** Name of the enclosing function, class or variable, when known. */
  symbol?: string;
  related?: RelatedLocation[];
  /** Data-flow findings: the path from source (first) to sink (last), redacted. */
  flow?: FlowStep[];
  suppression?: Suppression;
}

export type NotificationLevel = 'error' | 'warning' | 'note';

/** A tool problem, not a finding about the code: unparsable file, skipped file, bad suppression. */
export interface Notification {
  level: NotificationLevel;
  kind: 'parse-error' | 'read-error' | 'skipped-file' | 'suppression' | 'config' | 'rule-error' | 'network';
  message: string;
  file?: string;
  line?: number;
  column?: number;
  /** A parse error that skipped part of the file only: the rest was read (SQL, statement by statement). */
  partial?: true;
}
