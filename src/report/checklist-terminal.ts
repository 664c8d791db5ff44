import { Chalk } from 'chalk';
import { CHECK_GROUPS, GROUP_TITLES, type ChecklistResult, type CheckResult, type CheckStatus } from '../checklist/types.js';
import { terminalSafe } from './terminal-safe.js';
import { stripInlineMarkdown } from './text.js';

const MARK: Record<CheckStatus, string> = { pass: '✓', fail: '✗', warn: '!', na: '–' };

export interface ChecklistTerminalOptions {
  color: boolean;
  /** Also show not-applicable items and the evidence of passing ones. */
  verbose?: boolean;
}

/** The checklist grouped, one line per item with its evidence and, for gaps, the fix; then the score. */
export function renderChecklistTerminal(result: ChecklistResult, options: ChecklistTerminalOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const paint: Record<CheckStatus, (t: string) => string> = { pass: c.green, fail: c.red.bold, warn: c.yellow, na: c.gray };
  const lines: string[] = [];
  for (const group of CHECK_GROUPS) {
    const items = result.items.filter((i) => i.group === group && (options.verbose || i.status !== 'na'));
    if (!items.length) continue;
    lines.push(c.bold(GROUP_TITLES[group]));
    for (const item of items) lines.push(...itemLines(item, paint, options.verbose ?? false, c.gray));
    lines.push('');
  }
  const { pass, warn, fail, na } = result.counts;
  lines.push(`${c.bold(`Readiness ${result.score}/100`)}  ${paint.pass(`${pass} passed`)} · ${paint.warn(`${warn} to check`)} · ${paint.fail(`${fail} missing`)} · ${c.gray(`${na} not applicable`)}`);
  return `${lines.join('\n')}\n`;
}

function itemLines(item: CheckResult, paint: Record<CheckStatus, (t: string) => string>, verbose: boolean, dim: (t: string) => string): string[] {
  const out = [`  ${paint[item.status](MARK[item.status])} ${item.title}  ${dim(stripInlineMarkdown(item.summary))}`];
  const showEvidence = item.status !== 'pass' || verbose;
  if (showEvidence) {
    for (const e of item.evidence) out.push(`      ${dim(`${terminalSafe(e.file)}${e.line ? `:${e.line}` : ''}`)}  ${terminalSafe(stripInlineMarkdown(e.note))}`);
  }
  if (item.status === 'fail' || item.status === 'warn') out.push(`      → ${stripInlineMarkdown(item.fix)}`);
  return out;
}
