import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { staticString } from '../../engine/ast-utils.js';
import type { Severity } from '../../engine/finding.js';
import { defineAstRule, type FileContext } from '../../engine/rule.js';
import type { AstNode } from '../../parse/types.js';
import { findBacktracking, type Backtracking } from './regex-backtracking.js';

type MessageId = 'nested' | 'overlapping' | 'ambiguousBranches';

const REGEXP_CONSTRUCTORS = new Set(['RegExp', 'globalThis.RegExp', 'window.RegExp']);
const SHOWN_PATTERN = 80;
const SHOWN_PART = 50;

function costOf(b: Backtracking): string {
  if (b.exponential) return 'exponential time (each extra character can double the work)';
  if (b.degree === 2) return 'time that grows with the square of the input length';
  if (b.degree === 3) return 'time that grows with the cube of the input length';
  return `time that grows with the input length to the power ${b.degree}`;
}

function charLabel(c: string | undefined): string {
  if (c === undefined) return 'characters';
  if (c === ' ') return 'spaces';
  if (c === '\t') return 'tabs';
  if (c === '\n' || c === '\r') return 'line breaks';
  if (/^[\x21-\x7e]$/.test(c) && c !== '`') return `\`${c}\` characters`;
  return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} characters`;
}

function cut(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

/**
 * Quadratic slow-downs only matter where an attacker can send long input, which is the server; in the browser
 * a slow regex hangs only the visitor's own tab, so only the worse shapes are reported there, lower.
 */
function severityOf(b: Backtracking, client: boolean): Severity | undefined {
  const severe = b.exponential || b.degree >= 3;
  if (client) return severe ? 'low' : undefined;
  return severe ? 'medium' : 'low';
}

function check(ctx: FileContext<MessageId>, node: AstNode, source: string, flags: string): void {
  const found = findBacktracking(source, flags);
  if (!found) return;
  const severity = severityOf(found, ctx.file.role === 'client');
  if (!severity) return;
  const pattern = `/${cut(source, SHOWN_PATTERN)}/${flags}`;
  const cost = costOf(found);
  const char = charLabel(found.char);
  const [first, second] = found.parts.map((p) => cut(p, SHOWN_PART));
  if (found.shape === 'nested') {
    ctx.report({ messageId: 'nested', data: { pattern, cost, inner: first, outer: second, char }, node, severity });
  } else if (found.shape === 'overlapping') {
    ctx.report({ messageId: 'overlapping', data: { pattern, cost, first, second, char }, node, severity });
  } else {
    const other = found.other !== undefined ? `the branch \`${cut(found.other, SHOWN_PART)}\`` : `several rounds of \`${second}\``;
    ctx.report({ messageId: 'ambiguousBranches', data: { pattern, cost, branch: first, group: second, other }, node, severity });
  }
}

function constructorCall(ctx: FileContext<MessageId>, node: TSESTree.NewExpression | TSESTree.CallExpression): void {
  const callee = node.callee;
  const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && !callee.computed && callee.object.type === 'Identifier' && callee.property.type === 'Identifier' ? `${callee.object.name}.${callee.property.name}` : undefined;
  if (!name || !REGEXP_CONSTRUCTORS.has(name)) return;
  const [patternArg, flagsArg] = node.arguments;
  // `new RegExp(/x/, 'g')`: the literal is checked on its own.
  if (!patternArg || patternArg.type === 'SpreadElement') return;
  const source = staticString(patternArg as AstNode);
  if (source === undefined) return;
  const flags = flagsArg ? staticString(flagsArg as AstNode) : '';
  // Unknown flags (`new RegExp('…', flags)`) are read as none; only `u`/`v` change how a pattern parses.
  check(ctx, patternArg as AstNode, source, flags ?? '');
}

/**
 * Regular expressions written in the code (literals, `new RegExp('…')`) whose shape lets a crafted input make
 * the regex engine backtrack for seconds or hours. Patterns built from input at run time are the data-flow
 * rules' job.
 */
export const redosRegex = defineAstRule({
  id: 'redos-regex',
  messageIds: ['nested', 'overlapping', 'ambiguousBranches'],
  appliesTo: { roles: ['server', 'shared', 'client'] },
  create(ctx) {
    return {
      Literal(node) {
        if ('regex' in node && node.regex) check(ctx, node as AstNode, node.regex.pattern, node.regex.flags);
      },
      NewExpression(node) {
        constructorCall(ctx, node);
      },
      CallExpression(node) {
        constructorCall(ctx, node);
      },
    };
  },
});
