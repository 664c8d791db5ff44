/**
 * In-source suppressions, in any language's comment syntax:
 *   // vibeaudit-ignore-next-line rule-id[, other-id] -- reason
 *   # vibeaudit-ignore-file rule-id -- reason
 *   -- vibeaudit-ignore-next-line rule-id -- reason      (SQL)
 */
export interface SuppressionDirective {
  scope: 'next-line' | 'file';
  ruleIds: string[];
  reason?: string;
  /** 1-based line of the comment. */
  line: number;
  column: number;
  /** Rule ids it named that matched a finding; filled in while applying. */
  used: Set<string>;
}

const DIRECTIVE = /(\/\/|\/\*|#|--|<!--|\{\s*\/\*)\s*vibeaudit-ignore-(next-line|file)\b([^\n]*)/g;

export function parseSuppressions(text: string): SuppressionDirective[] {
  if (!text.includes('vibeaudit-ignore-')) return [];
  const out: SuppressionDirective[] = [];
  for (const m of text.matchAll(DIRECTIVE)) {
    const before = text.slice(0, m.index);
    const lineStart = before.lastIndexOf('\n') + 1;
    // A directive quoted inside a block comment (` * // vibeaudit-ignore…` in docs) is an example, not a directive.
    if (/^\s*\*/.test(text.slice(lineStart, m.index))) continue;
    const line = before.split('\n').length;
    const column = m.index - lineStart + 1;
    let rest = withoutCommentEnd(m[3]);
    let reason: string | undefined;
    const sep = rest.indexOf(' -- ');
    const trailing = /\s--\s*$/.exec(rest);
    if (sep !== -1) {
      reason = rest.slice(sep + 4).trim() || undefined;
      rest = rest.slice(0, sep);
    } else if (trailing) {
      rest = rest.slice(0, trailing.index);
    }
    const ruleIds = rest.split(/[\s,]+/).filter(Boolean);
    out.push({ scope: m[2] as SuppressionDirective['scope'], ruleIds, reason, line, column, used: new Set() });
  }
  return out;
}

export function findSuppression(directives: readonly SuppressionDirective[], ruleId: string, line: number): SuppressionDirective | undefined {
  return directives.find(
    (d) => d.ruleIds.includes(ruleId) && (d.scope === 'file' || d.line + 1 === line),
  );
}

/** A directive's text without what closes its comment: a block comment's end (also inside JSX braces) or `-->`. */
function withoutCommentEnd(text: string): string {
  let rest = text.trimEnd();
  if (rest.endsWith('-->')) return rest.slice(0, -3).trimEnd();
  const jsx = rest.endsWith('}') ? rest.slice(0, -1).trimEnd() : rest;
  if (jsx.endsWith('*/')) rest = jsx.slice(0, -2).trimEnd();
  return rest;
}
