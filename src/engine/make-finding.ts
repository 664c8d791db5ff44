import type { SourceFile } from '../model/types.js';
import { lineIndexOf } from '../discover/read.js';
import { enclosingSymbol, nodeAtOffset } from './ast-utils.js';
import type { CatalogueEntry } from './catalogue.js';
import { renderMessage } from './catalogue.js';
import type { Finding, Range } from './finding.js';
import { redactAll, redactLineKeepingColumn } from './redact.js';
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
 * before the cut: a window that kept only part of a long secret (a JWT) would no longer match it afterwards.
 */
export function rawSnippet(file: SourceFile, range: Range, secrets: readonly string[] = []): string {
  const last = Math.min(range.endLine, range.startLine + SNIPPET_LINES - 1);
  const lines: string[] = [];
  for (let l = range.startLine; l <= last; l++) {
    const redacted = redactLineKeepingColumn(lineText(file, l), secrets, l === range.startLine ? range.startColumn - 1 : 0);
    let text = redacted.text;
    if (text.length > SNIPPET_WIDTH) {
      const col = redacted.column;
      const from = Math.max(0, Math.min(col - 40, text.length - SNIPPET_WIDTH));
      text = `${from > 0 ? '…' : ''}${text.slice(from, from + SNIPPET_WIDTH)}${from + SNIPPET_WIDTH < text.length ? '…' : ''}`;
    }
    lines.push(text);
  }
  return lines.join('\n');
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
  const secrets = [...fileSecrets, ...(d.secrets ?? []), ...envValuesOn(file, range)];
  const template = entry.meta.messages[d.messageId] ?? d.messageId;
  // The values put into the message are redacted, not the message: the rule's own words stay readable when a
  // secret is a common word (`JWT_SECRET || 'secret'`).
  const data = d.data && Object.fromEntries(Object.entries(d.data).map(([k, v]) => [k, typeof v === 'string' || secrets.includes(String(v)) ? clipValue(redactAll(String(v), secrets)) : v]));
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
