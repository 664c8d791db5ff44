import { Chalk, type ChalkInstance } from 'chalk';
import { SEVERITIES, type Finding, type Notification, type Severity } from '../engine/finding.js';
import type { ScanResult } from '../engine/result.js';
import { flowTrail, stepLocation } from './flow-trail.js';
import { compareLocation, parseFailureLine, summarize, verdictText } from './summary.js';
import { scopeNotes } from './scope-note.js';
import { formatDuration, oneLineFix, plural } from './text.js';

export interface TerminalOptions {
  color: boolean;
  /** Also list suppressed findings and every notification. */
  verbose?: boolean;
}

const BADGE_WIDTH = 8;
const TAB = '  ';
/** What src/engine/redact.ts leaves in place of a secret. */
const REDACTION_MASK = /\*{4,}/;
/** Notifications listed before "… N more" when not verbose. */
const MAX_NOTIFICATIONS = 10;

type Paint = (text: string) => string;

interface Palette {
  badge: Record<Severity, Paint>;
  count: Record<Severity, Paint>;
  c: ChalkInstance;
}

function palette(color: boolean): Palette {
  // Our own instance: the output depends on the option only, never on the environment or global state.
  const c = new Chalk({ level: color ? 1 : 0 });
  return {
    c,
    badge: {
      critical: (t) => c.bgRed.white.bold(t),
      high: (t) => c.red.bold(t),
      medium: (t) => c.yellow.bold(t),
      low: (t) => c.blue(t),
      info: (t) => c.gray(t),
    },
    count: {
      critical: (t) => c.red.bold(t),
      high: (t) => c.red(t),
      medium: (t) => c.yellow(t),
      low: (t) => c.blue(t),
      info: (t) => c.gray(t),
    },
  };
}

/**
 * Control characters (ANSI escapes from a hostile file) and bidirectional overrides must not reach the
 * terminal: show them as visible escapes.
 */
function safe(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** A file name on one line: a newline or tab in it is shown escaped, not acted on. */
function safeName(text: string): string {
  return safe(text).replace(/\n/g, '\\n').replace(/\t/g, '\\t');
}

/** What a raw snippet line looks like once tabs are expanded and unsafe characters escaped. */
function display(text: string): string {
  return safe(text.replace(/\t/g, TAB));
}

function oneLine(text: string): string {
  return safe(text.replace(/\s*\n\s*/g, ' '));
}

/** The snippet with a line-number gutter and a caret under the finding's columns when they can be placed. */
function renderSnippet(f: Finding, indent: string, p: Palette): string[] {
  const raw = f.snippet.replace(/\r\n?/g, '\n').split('\n');
  while (raw.length > 1 && raw[raw.length - 1].trim() === '') raw.pop();
  if (raw.every((l) => l.trim() === '')) return [];
  const shown = raw.map(display);
  const margin = Math.min(...shown.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length));
  const lines = shown.map((l) => l.slice(Math.min(margin, /^ */.exec(l)![0].length)));
  const width = String(f.range.startLine + raw.length - 1).length;
  const gutter = (n?: number) => p.c.dim(`${n === undefined ? ' '.repeat(width) : String(n).padStart(width)} │ `);

  const out: string[] = [];
  lines.forEach((line, i) => {
    out.push(`${indent}${gutter(f.range.startLine + i)}${p.c.dim(line)}`);
    if (i !== 0) return;
    const first = raw[0];
    // A long minified line was cut to a window around the column: its columns no longer line up.
    if (first.startsWith('…')) return;
    const startIndex = f.range.startColumn - 1;
    if (startIndex < 0 || startIndex > first.length) return;
    let endIndex = f.range.endLine === f.range.startLine ? Math.min(f.range.endColumn - 1, first.length) : first.length;
    // Redaction shortened a secret: columns after it no longer line up; a caret on the secret stops at its mask.
    const mask = REDACTION_MASK.exec(first);
    if (mask && mask.index < startIndex) return;
    if (mask && mask.index < endIndex) endIndex = Math.min(endIndex, mask.index + mask[0].length);
    const from = display(first.slice(0, startIndex)).length - margin;
    const to = display(first.slice(0, Math.max(endIndex, startIndex))).length - margin;
    if (from < 0) return;
    const marks = '^'.repeat(Math.max(1, to - from));
    out.push(`${indent}${gutter()}${' '.repeat(from)}${p.count[f.severity](marks)}`);
  });
  return out;
}

/** The data-flow path: one dimmed trail line, or in verbose mode each step with where it is and what happens. */
function renderFlow(f: Finding, indent: string, p: Palette, verbose: boolean): string[] {
  if (!f.flow?.length) return [];
  if (!verbose) return [`${indent}${p.c.dim(`path: ${oneLine(flowTrail(f.flow))}`)}`];
  const numbers = f.flow.map((_, i) => `${i + 1}.`);
  const places = f.flow.map((step) => safe(stepLocation(step)));
  const numberWidth = Math.max(...numbers.map((n) => n.length));
  const placeWidth = Math.max(...places.map((w) => w.length));
  return [
    `${indent}${p.c.dim('path:')}`,
    ...f.flow.map((step, i) => `${indent}${TAB}${numbers[i].padStart(numberWidth)} ${p.c.dim(places[i].padEnd(placeWidth))}  ${oneLine(step.message)}`),
  ];
}

function renderFinding(f: Finding, locWidth: number, p: Palette, fixes: Map<string, string>, verbose: boolean): string[] {
  const loc = `${f.range.startLine}:${f.range.startColumn}`.padEnd(locWidth);
  const badge = p.badge[f.severity](f.severity.toUpperCase().padEnd(BADGE_WIDTH));
  const indent = ' '.repeat(2 + locWidth + 2 + BADGE_WIDTH + 2);
  const out = [`  ${p.c.dim(loc)}  ${badge}  ${oneLine(f.message)}`];
  const ruleLine = f.suppression
    ? `${f.ruleId} · suppressed${f.suppression.justification ? `: ${oneLine(f.suppression.justification)}` : ' (no reason given)'}`
    : f.ruleId;
  out.push(`${indent}${p.c.dim(ruleLine)}`);
  out.push(...renderSnippet(f, indent, p));
  out.push(...renderFlow(f, indent, p, verbose));
  const fix = fixes.get(f.ruleId);
  if (fix) out.push(`${indent}${p.c.green('→')} ${safe(fix)}`);
  return out;
}

function notificationLine(n: Notification, p: Palette): string {
  const icon = n.level === 'error' ? p.c.red('✖') : n.level === 'warning' ? p.c.yellow('⚠') : p.c.blue('ℹ');
  const where = n.file ? `${safeName(n.file)}${n.line ? `:${n.line}${n.column ? `:${n.column}` : ''}` : ''}  ` : '';
  return `  ${icon} ${p.c.dim(where)}${oneLine(n.message)} ${p.c.dim(`(${n.kind})`)}`;
}

/** ESLint/Biome-style output for people: findings by file, then tool notes, then a summary and a verdict. */
export function renderTerminal(result: ScanResult, options: TerminalOptions): string {
  const p = palette(options.color);
  const verbose = options.verbose ?? false;
  const summary = summarize(result);
  const fixes = new Map<string, string>();
  for (const m of result.rules) {
    const fix = oneLineFix(m.fix);
    if (fix) fixes.set(m.id, fix);
  }

  const shown = result.findings.filter((f) => verbose || !f.suppression).sort(compareLocation);
  const byFile = new Map<string, Finding[]>();
  for (const f of shown) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);

  const out: string[] = [];
  for (const [file, findings] of byFile) {
    const locWidth = Math.max(...findings.map((f) => `${f.range.startLine}:${f.range.startColumn}`.length));
    out.push(p.c.underline(safeName(file)));
    for (const f of findings) {
      out.push(...renderFinding(f, locWidth, p, fixes, verbose), '');
    }
  }

  if (result.notifications.length) {
    const listed = verbose ? result.notifications : result.notifications.slice(0, MAX_NOTIFICATIONS);
    out.push(p.c.bold(plural(result.notifications.length, 'scan note')));
    for (const n of listed) out.push(notificationLine(n, p));
    const hidden = result.notifications.length - listed.length;
    if (hidden > 0) out.push(p.c.dim(`  … ${hidden} more (run with --verbose to list them)`));
    if (summary.unparsedFiles > 0) out.push(`  ${parseFailureLine(summary.unparsedFiles)}`);
    out.push('');
  }

  const counts = SEVERITIES.map((s) => {
    const text = `${summary.bySeverity[s]} ${s}`;
    return summary.bySeverity[s] > 0 ? p.count[s](text) : p.c.dim(text);
  }).join(p.c.dim(' · '));
  const suppressed = summary.suppressed > 0 ? p.c.dim(`  (${summary.suppressed} suppressed${verbose ? '' : ', not shown'})`) : '';
  out.push(`${p.c.bold(plural(summary.total, 'finding'))}: ${counts}${suppressed}`);
  out.push(p.c.dim(`${plural(result.stats.files, 'file')} scanned in ${formatDuration(result.stats.durationMs)}`));
  for (const note of scopeNotes(result)) out.push(p.c.dim(safe(note)));
  const verdict = verdictText(summary, result.failOn);
  out.push(summary.passed ? p.c.green.bold(`✓ ${verdict}`) : p.c.red.bold(`✗ ${verdict}`));
  return `${out.join('\n')}\n`;
}
