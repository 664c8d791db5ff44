import type { SourceFile } from '../model/types.js';
import { lineIndexOf } from '../discover/read.js';
import { enclosingSymbol, nodeAtOffset } from './ast-utils.js';
import type { CatalogueEntry } from './catalogue.js';
import { renderMessage } from './catalogue.js';
import type { Finding, Range } from './finding.js';
import { redactAll, redactLineKeepingColumn, SecretSet, secretSetOf } from './redact.js';
import type { ReportDescriptor } from './rule.js';

const SNIPPET_WIDTH = 160;
const SNIPPET_LINES = 3;

export function offsetToPosition(file: SourceFile, offset: number): { line: number; column: number } {
  const line = lineIndexOf(file.lineStarts, offset);
  return { line: line + 1, column: offset - file.lineStarts[line] + 1 };
}

export function rangeOfDescriptor(file: SourceFile, d: ReportDescriptor<string>): Range {
  if (d.range) return d.range;
  if (d.node) {
    const { start, end } = d.node.loc;
    return { startLine: start.line, startColumn: start.column + 1, endLine: end.line, endColumn: end.column + 1 };
  }
  if (d.offsets) {
    const s = offsetToPosition(file, d.offsets.start);
    const e = offsetToPosition(file, Math.max(d.offsets.start, d.offsets.end));
    return { startLine: s.line, startColumn: s.column, endLine: e.line, endColumn: e.column };
  }
  return { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };
}

function lineText(file: SourceFile, line: number): string {
  const start = file.lineStarts[line - 1];
  if (start === undefined) return '';
  const next = file.lineStarts[line];
  return file.text.slice(start, next === undefined ? file.text.length : next - 1).replace(/\r$/, '');
}

/**
 * The lines of a range, cut to a window around the column on long (minified) lines. Secrets given are redacted
 * before the cut: a window that kept only part of a long secret (a JWT) would no longer match it afterwards. On a
 * long line only a stretch around the window is redacted, wide enough for any secret that reaches into it: a
 * minified file of thousands of findings on one line is not redacted whole for each.
 */
export function rawSnippet(file: SourceFile, range: Range, secrets: readonly SecretSet[] = []): string {
  const last = Math.min(range.endLine, range.startLine + SNIPPET_LINES - 1);
  const margin = Math.max(0, ...secrets.map((s) => s.longest));
  const lines: string[] = [];
  for (let l = range.startLine; l <= last; l++) {
    let line = lineText(file, l);
    let column = l === range.startLine ? range.startColumn - 1 : 0;
    let cutBefore = false;
    let cutAfter = false;
    if (line.length > 4 * SNIPPET_WIDTH + 2 * margin) {
      const { from, to } = widenedPastSecrets(line, Math.max(0, column - 40 - margin), Math.min(line.length, column - 40 + SNIPPET_WIDTH + margin), secrets, margin);
      cutBefore = from > 0;
      cutAfter = to < line.length;
      line = line.slice(from, to);
      column -= from;
    }
    const redacted = redactLineKeepingColumn(line, secrets, column);
    let text = redacted.text;
    if (text.length > SNIPPET_WIDTH) {
      const col = redacted.column;
      const from = Math.max(0, Math.min(col - 40, text.length - SNIPPET_WIDTH));
      cutBefore ||= from > 0;
      cutAfter ||= from + SNIPPET_WIDTH < text.length;
      text = text.slice(from, from + SNIPPET_WIDTH);
    }
    lines.push(`${cutBefore ? '…' : ''}${text}${cutAfter ? '…' : ''}`);
  }
  return lines.join('\n');
}

/** The stretch `from`–`to` of a line moved out to the edges of any secret it cuts through, so that none is cut in half. */
function widenedPastSecrets(line: string, from: number, to: number, secrets: readonly SecretSet[], margin: number): { from: number; to: number } {
  let start = from;
  let end = to;
  for (const set of secrets) {
    const head = Math.max(0, from - margin);
    for (const r of set.occurrences(line.slice(head, Math.min(line.length, from + margin)))) if (head + r.start < from && head + r.end > from) start = Math.min(start, head + r.start);
    const tail = Math.max(0, to - margin);
    for (const r of set.occurrences(line.slice(tail, Math.min(line.length, to + margin)))) if (tail + r.start < to && tail + r.end > to) end = Math.max(end, tail + r.end);
  }
  return { from: start, to: end };
}

/** Values of a `.env` file's assignments on the snippet lines: env values are redacted whatever the rule. */
function envValuesOn(file: SourceFile, range: Range): string[] {
  if (!file.env) return [];
  return file.env.filter((e) => e.line >= range.startLine && e.line <= range.endLine && e.value.length >= 4).map((e) => e.value);
}

/**
 * The longest a value quoted in a message may be. Rules shorten the code they quote; this holds for every rule, so
 * a hostile file (a rules condition of 40,000 brackets) cannot make a message of its size.
 */
export const MAX_MESSAGE_VALUE = 240;

/** `value` cut in the middle to MAX_MESSAGE_VALUE characters, its start and end kept. */
export function clipValue(value: string): string {
  if (value.length <= MAX_MESSAGE_VALUE) return value;
  const half = (MAX_MESSAGE_VALUE - 3) >> 1;
  // No surrogate pair is split: a cut that would leave half of one moves past it.
  let head = half;
  if (isHighSurrogate(value.charCodeAt(head - 1))) head--;
  let tail = value.length - half;
  if (isHighSurrogate(value.charCodeAt(tail - 1))) tail++;
  return `${value.slice(0, head)} … ${value.slice(tail)}`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

export interface PendingFinding {
  entry: CatalogueEntry;
  file: SourceFile;
  descriptor: ReportDescriptor<string>;
}

/**
 * Turn a rule's report into a finding. `fileSecrets` is every secret any rule reported in this file, so one
 * rule's snippet cannot show a secret another rule found on the same line.
 */
export function makeFinding(p: PendingFinding, fileSecrets: readonly string[]): Omit<Finding, 'fingerprint'> {
  const { entry, file, descriptor: d } = p;
  const range = rangeOfDescriptor(file, d);
  // The file's secrets are indexed once for all its findings; the few of this finding's own that are not among
  // them (env values on its lines) get a set of their own.
  const base = secretSetOf(fileSecrets);
  const extra = [...(d.secrets ?? []), ...envValuesOn(file, range)].filter((s) => !base.has(s));
  const secrets = extra.length ? [base, new SecretSet(extra)] : [base];
  const isSecret = (v: string) => secrets.some((set) => set.has(v));
  const template = entry.meta.messages[d.messageId] ?? d.messageId;
  // The values put into the message are redacted, not the message: the rule's own words stay readable when a
  // secret is a common word (`JWT_SECRET || 'secret'`).
  const data = d.data && Object.fromEntries(Object.entries(d.data).map(([k, v]) => [k, typeof v === 'string' || isSecret(String(v)) ? clipValue(redactAll(String(v), secrets)) : v]));
  const message = renderMessage(template, data);
  const snippet = redactAll(rawSnippet(file, range, secrets), secrets);
  return {
    ruleId: entry.meta.id,
    severity: d.severity ?? entry.meta.severity,
    confidence: d.confidence ?? entry.meta.confidence,
    file: file.path,
    range,
    messageId: d.messageId,
    message,
    snippet,
    symbol: symbolOf(file, d, range),
    related: d.related?.map((r) => ({ ...r, message: redactAll(r.message, secrets) })),
    flow: d.flow?.map((step) => ({ ...step, message: redactAll(step.message, secrets) })),
  };
}

/** The enclosing function, class or variable: from the reported node, or found in the AST for text rules. */
function symbolOf(file: SourceFile, d: ReportDescriptor<string>, range: Range): string | undefined {
  if (d.symbol) return d.symbol;
  if (d.node) return enclosingSymbol(d.node);
  if (!file.ast) return undefined;
  const offset = d.offsets?.start ?? (file.lineStarts[range.startLine - 1] ?? 0) + range.startColumn - 1;
  return enclosingSymbol(nodeAtOffset(file.ast, offset));
}
