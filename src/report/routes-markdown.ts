import { code, escapeInline } from './markdown-escape.js';
import { authMark, routeCounts, routeReason, type RoutesReport } from './routes-types.js';

const LABEL: Record<string, string> = { '✓': '✓ sign-in', '✗': '✗ open', '?': '? unknown', '○': '○ public' };

/** The route inventory as a markdown table (for a PR comment or a security review). */
export function renderRoutesMarkdown(report: RoutesReport): string {
  const n = routeCounts(report.routes);
  const lines = [
    `# Routes of ${escapeInline(report.target)}`,
    '',
    `${report.routes.length} entry points: ${n.required} need sign-in, ${n.public} public by design, ${n.none} open, ${n.unknown} undecided.`,
    '',
  ];
  if (report.routes.length === 0) return lines.join('\n');
  lines.push('| Method | Path | Auth | Where | Evidence |', '| --- | --- | --- | --- | --- |');
  for (const r of report.routes) {
    const cell = { tableCell: true };
    lines.push(`| ${escapeInline(r.method, cell)} | ${code(r.path, cell)} | ${LABEL[authMark(r)]} | ${code(`${r.file}:${r.line}`, cell)} | ${escapeInline(routeReason(r), cell)} |`);
  }
  return lines.join('\n') + '\n';
}
