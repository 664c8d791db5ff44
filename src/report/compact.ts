import type { Finding } from '../engine/finding.js';
import type { ScanResult } from '../engine/result.js';
import { compareLocation } from './summary.js';

/** One line, without control characters (a hostile file must not reach the terminal or a problem matcher). */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '?');
}

function line(f: Finding): string {
  return `${oneLine(f.file)}:${f.range.startLine}:${f.range.startColumn}: ${f.severity} ${f.ruleId} ${oneLine(f.message)}`;
}

/**
 * `file:line:col: severity rule-id message`, one unsuppressed finding a line, in file order and without colour,
 * for editors' problem matchers and grep. Nothing else is printed, so an empty output means no findings.
 */
export function renderCompact(result: ScanResult): string {
  const open = result.findings.filter((f) => !f.suppression).sort(compareLocation);
  return open.map((f) => `${line(f)}\n`).join('');
}
