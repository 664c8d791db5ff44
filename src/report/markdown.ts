import { languageOf } from '../classify/language.js';
import type { Language } from '../classify/types.js';
import type { RuleMeta } from '../engine/catalogue-types.js';
import { SEVERITIES, type Finding, type FlowStep, type Severity } from '../engine/finding.js';
import type { ScanResult } from '../engine/result.js';
import { renderChecklistSummary } from './checklist-markdown.js';
import { buildFixPrompt } from './fix-prompt.js';
import { stepLocation } from './flow-trail.js';
import { code, escapeHtml, escapeInline, fenced } from './markdown-escape.js';
import { ruleHelpUri } from './rule-links.js';
import { scopeNotes } from './scope-note.js';
import { SEVERITY_EMOJI, SEVERITY_LABEL } from './severity.js';
import { compareFindings, compareLocation, familyCounts, metaById, parseFailureLine, summarize, type ReportSummary } from './summary.js';
import { displayTarget, formatDuration, plural } from './text.js';

/** A group with more findings than this shows the first ones and folds the rest. */
export const FOLD_AFTER = 10;
/** Groups folded entirely by default: they rarely block a release. */
const FOLDED_SEVERITIES: readonly Severity[] = ['low', 'info'];

const FENCE_LANGUAGE: Record<Language, string> = {
  ts: 'ts', tsx: 'tsx', js: 'js', jsx: 'jsx', mjs: 'js', cjs: 'js', json: 'json', yaml: 'yaml', sql: 'sql',
  env: 'dotenv', dockerfile: 'dockerfile', other: '',
};

function details(summary: string, body: string): string {
  return `<details>\n<summary>${escapeHtml(summary)}</summary>\n\n${body}\n\n</details>`;
}

function verdict(summary: ReportSummary, failOn: ScanResult['failOn']): string {
  if (failOn === 'none') {
    return `✅ **${summary.total === 0 ? 'No findings' : plural(summary.total, 'finding')}**; fail-on is \`none\`, so nothing fails this check.`;
  }
  if (!summary.passed) {
    return `❌ **${plural(summary.failing, 'finding')} at or above ${failOn} severity.** Fix ${summary.failing === 1 ? 'it' : 'them'} before you ship.`;
  }
  const below = summary.total > 0 ? ` ${plural(summary.total, 'lower-severity finding')} listed below.` : '';
  return `✅ **No findings at or above ${failOn} severity.**${below}`;
}

function countTables(summary: ReportSummary): string[] {
  const out = ['| Severity | Findings |', '| :-- | --: |'];
  for (const s of SEVERITIES) out.push(`| ${SEVERITY_EMOJI[s]} ${SEVERITY_LABEL[s]} | ${summary.bySeverity[s]} |`);
  const families = familyCounts(summary);
  if (families.length === 0) return [out.join('\n')];
  const byFamily = ['| Category | Findings |', '| :-- | --: |', ...families.map((f) => `| ${f.label} | ${f.count} |`)];
  return [out.join('\n'), byFamily.join('\n')];
}

function location(f: Finding): string {
  return `${f.file}:${f.range.startLine}`;
}

/** The data-flow path, numbered from where the data comes in to where it is used. */
function renderPath(flow: FlowStep[]): string {
  const steps = flow.map((step, i) => `${i + 1}. ${code(stepLocation(step))} — ${escapeInline(step.message)}`);
  return `**Path**\n\n${steps.join('\n')}`;
}

function renderFinding(f: Finding, meta: RuleMeta | undefined, explained: Set<string>): string {
  const parts: string[] = [];
  parts.push(`### ${escapeInline(meta?.title ?? f.ruleId)}`);
  parts.push(`${code(location(f))} · [${code(f.ruleId)}](${ruleHelpUri(f.ruleId)}) · confidence: ${f.confidence}`);
  parts.push(escapeInline(f.message));
  if (f.snippet.trim()) parts.push(fenced(f.snippet, FENCE_LANGUAGE[languageOf(f.file)]));
  if (f.flow?.length) parts.push(renderPath(f.flow));
  if (meta && !explained.has(f.ruleId)) {
    explained.add(f.ruleId);
    parts.push(`**Why it matters**\n\n${meta.description.trim()}`);
    parts.push(`**How to fix**\n\n${meta.fix.trim()}`);
  } else if (meta) {
    parts.push(`*Why it matters and how to fix: see the first ${code(f.ruleId)} finding above.*`);
  }
  parts.push(`**Prompt for your AI coding assistant** (Cursor, Claude Code, Lovable…)\n\n${fenced(buildFixPrompt(f, meta), 'text')}`);
  return parts.join('\n\n');
}

function renderGroup(severity: Severity, findings: Finding[], metas: Map<string, RuleMeta>, explained: Set<string>): string {
  const label = `${SEVERITY_EMOJI[severity]} ${SEVERITY_LABEL[severity]} (${findings.length})`;
  const blocks = findings.map((f) => renderFinding(f, metas.get(f.ruleId), explained));
  const out = [`## ${label}`];
  if (FOLDED_SEVERITIES.includes(severity)) {
    out.push(details(`Show ${plural(findings.length, `${severity} finding`)}`, blocks.join('\n\n')));
  } else if (blocks.length > FOLD_AFTER) {
    out.push(blocks.slice(0, FOLD_AFTER).join('\n\n'));
    const rest = blocks.length - FOLD_AFTER;
    out.push(details(`Show ${plural(rest, `more ${severity} finding`)}`, blocks.slice(FOLD_AFTER).join('\n\n')));
  } else {
    out.push(blocks.join('\n\n'));
  }
  return out.join('\n\n');
}

function renderSuppressed(findings: Finding[]): string {
  const rows = findings.map((f) => {
    const reason = f.suppression?.justification ? escapeInline(f.suppression.justification, { tableCell: true }) : '*no reason given*';
    return `| ${code(f.ruleId, { tableCell: true })} | ${code(location(f), { tableCell: true })} | ${reason} |`;
  });
  const table = ['| Rule | Where | Reason |', '| :-- | :-- | :-- |', ...rows].join('\n');
  return details(`${plural(findings.length, 'suppressed finding')}`, table);
}

function renderNotifications(result: ScanResult, summary: ReportSummary): string {
  const icon = { error: '❗ error', warning: '⚠️ warning', note: 'ℹ️ note' } as const;
  const rows = result.notifications.map((n) => {
    const where = n.file ? code(`${n.file}${n.line ? `:${n.line}` : ''}`, { tableCell: true }) : '';
    return `| ${icon[n.level]} | ${where} | ${escapeInline(n.message, { tableCell: true })} |`;
  });
  const table = ['| Level | Where | Note |', '| :-- | :-- | :-- |', ...rows].join('\n');
  const label = summary.unparsedFiles > 0
    ? `${plural(result.notifications.length, 'scan note')} (${parseFailureLine(summary.unparsedFiles)})`
    : plural(result.notifications.length, 'scan note');
  return details(label, table);
}

/** A report a founder can read on a pull request or in a job summary. */
export function renderMarkdown(result: ScanResult): string {
  const summary = summarize(result);
  const metas = metaById(result);
  const out: string[] = ['# vibeaudit report', verdict(summary, result.failOn)];

  const facts = [
    `Scanned ${plural(result.stats.files, 'file')} of ${code(displayTarget(result.target))} in ${formatDuration(result.stats.durationMs)}`,
  ];
  if (summary.suppressed) facts.push(`${summary.suppressed} suppressed`);
  if (summary.unparsedFiles) facts.push(parseFailureLine(summary.unparsedFiles));
  out.push(`${facts.join(' · ')}.`);
  for (const note of scopeNotes(result)) out.push(escapeInline(note));
  out.push(...countTables(summary));

  const open = result.findings.filter((f) => !f.suppression).sort(compareFindings);
  const explained = new Set<string>();
  for (const severity of SEVERITIES) {
    const group = open.filter((f) => f.severity === severity);
    if (group.length) out.push(renderGroup(severity, group, metas, explained));
  }

  const suppressed = result.findings.filter((f) => f.suppression).sort(compareLocation);
  if (suppressed.length || result.notifications.length) out.push('## Also in this scan');
  if (suppressed.length) out.push(renderSuppressed(suppressed));
  if (result.notifications.length) out.push(renderNotifications(result, summary));
  if (result.checklist) out.push(renderChecklistSummary(result.checklist).trimEnd());

  out.push(`<sub>Generated by [${result.tool.name}](${result.tool.informationUri}) ${result.tool.version}.</sub>`);
  return `${out.join('\n\n')}\n`;
}
