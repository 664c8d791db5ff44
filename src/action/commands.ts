import { atLeast, type Finding, type Severity } from '../engine/finding.js';
import { compareFindings } from '../report/summary.js';

/** Workflow-command escaping: data loses `%`, CR and LF; property values also `:` and `,`. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * `::error file=…,line=…::` lines for the most serious unsuppressed findings, at most `max`: errors for those
 * that fail the job, warnings for the rest. GitHub shows at most 10 of each kind per step, so more is noise.
 * `prefix` is the scanned folder relative to the workspace: annotation paths are relative to the repository.
 */
export function annotations(findings: Finding[], failOn: Severity | 'none', max: number, prefix: string): string[] {
  const open = findings.filter((f) => !f.suppression).sort(compareFindings);
  const lines = open.slice(0, max).map((f) => {
    const level = failOn !== 'none' && atLeast(f.severity, failOn) ? 'error' : 'warning';
    const file = prefix ? `${prefix}/${f.file}` : f.file;
    const props = [
      `file=${escapeProperty(file)}`,
      `line=${f.range.startLine}`,
      `endLine=${Math.max(f.range.startLine, f.range.endLine)}`,
      `col=${f.range.startColumn}`,
      `title=${escapeProperty(`vibeaudit ${f.severity}: ${f.ruleId}`)}`,
    ];
    return `::${level} ${props.join(',')}::${escapeData(f.message)}`;
  });
  if (open.length > max) lines.push(`::notice::${open.length - max} more new findings are listed in the job summary.`);
  return lines;
}

/** `name=value` lines for GITHUB_OUTPUT; values here never hold a newline. */
export function outputLines(outputs: Record<string, string | number | boolean>): string {
  return Object.entries(outputs)
    .map(([k, v]) => `${k}=${String(v).replace(/[\r\n]+/g, ' ')}\n`)
    .join('');
}
