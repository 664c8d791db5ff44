import { Chalk } from 'chalk';
import { authMark, routeCounts, routeReason, type RoutesReport } from './routes-types.js';

const MAX_PATH = 48;
const MAX_REASON = 110;

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The route inventory as a table for a terminal: method, path, auth (✓ ✗ ? ○), place, evidence. */
export function renderRoutesTerminal(report: RoutesReport, options: { color: boolean }): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const { routes } = report;
  if (routes.length === 0) return `No routes found in ${report.target}.\n`;
  const rows = routes.map((r) => ({
    method: r.method,
    path: cut(r.path, MAX_PATH),
    mark: authMark(r),
    where: `${r.file}:${r.line}`,
    reason: cut(routeReason(r), MAX_REASON),
  }));
  const w = {
    method: Math.max(6, ...rows.map((r) => r.method.length)),
    path: Math.max(4, ...rows.map((r) => r.path.length)),
    where: Math.max(5, ...rows.map((r) => r.where.length)),
  };
  const paint = (mark: string) => (mark === '✓' ? c.green(mark) : mark === '✗' ? c.red.bold(mark) : mark === '○' ? c.cyan(mark) : c.yellow(mark));
  const lines = [c.bold(`${'METHOD'.padEnd(w.method)}  ${'PATH'.padEnd(w.path)}  AUTH  ${'WHERE'.padEnd(w.where)}  EVIDENCE`)];
  for (const r of rows) lines.push(`${r.method.padEnd(w.method)}  ${r.path.padEnd(w.path)}  ${paint(r.mark)}     ${r.where.padEnd(w.where)}  ${c.dim(r.reason)}`);
  const n = routeCounts(routes);
  lines.push('');
  lines.push(`${routes.length} entry points: ${c.green(`${n.required} need sign-in ✓`)}, ${c.cyan(`${n.public} public by design ○`)}, ${c.red(`${n.none} open ✗`)}, ${c.yellow(`${n.unknown} undecided ?`)}.`);
  if (n.none > 0) lines.push('Run `vibeaudit scan` to see which open routes touch data (rule route-without-auth).');
  return lines.join('\n') + '\n';
}
