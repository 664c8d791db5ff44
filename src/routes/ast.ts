import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { AstNode, Program } from '../parse/types.js';

export type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

export function isFunction(node: AstNode | null | undefined): node is FunctionNode {
  return !!node && (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression');
}

function isNodeLike(value: unknown): value is AstNode {
  return !!value && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string';
}

/** Child nodes in source order (no `parent` links needed). */
export function childrenOf(node: AstNode): AstNode[] {
  const out: AstNode[] = [];
  for (const key of visitorKeys[node.type] ?? []) {
    const value = (node as unknown as Record<string, unknown>)[key];
    for (const child of Array.isArray(value) ? value : [value]) {
      if (child && typeof child === 'object' && typeof (child as { type?: unknown }).type === 'string') out.push(child as AstNode);
    }
  }
  return out;
}

/** Depth-first walk with ancestors; return false from `visit` to skip a subtree. */
export function walk(root: AstNode, visit: (node: AstNode, ancestors: AstNode[]) => boolean | void): void {
  const ancestors: AstNode[] = [];
  // Children are read in place, not collected into a list per node: this walk covers whole files, bundles included.
  // Indexed loops: iterators here were the largest allocation of a scan after the parser's own.
  const go = (node: AstNode) => {
    if (visit(node, ancestors) === false) return;
    const keys = visitorKeys[node.type];
    if (!keys) return;
    ancestors.push(node);
    for (let k = 0; k < keys.length; k++) {
      const value = (node as unknown as Record<string, unknown>)[keys[k]];
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (isNodeLike(value[i])) go(value[i]);
      } else if (isNodeLike(value)) go(value);
    }
    ancestors.pop();
  };
  go(root);
}

/** A file's top-level functions by name: declarations and `const f = () => …` (not the exported ones). */
export function topLevelFunctions(body: readonly TSESTree.ProgramStatement[]): Map<string, FunctionNode> {
  const out = new Map<string, FunctionNode>();
  for (const stmt of body) {
    if (stmt.type === 'FunctionDeclaration' && stmt.id) out.set(stmt.id.name, stmt);
    if (stmt.type === 'VariableDeclaration') for (const d of stmt.declarations) if (d.id.type === 'Identifier' && isFunction(d.init as AstNode)) out.set(d.id.name, d.init as FunctionNode);
  }
  return out;
}

export function textOf(text: string, node: AstNode): string {
  return text.slice(node.range[0], node.range[1]);
}

/** Strip `await`, `!`, casts and parentheses-free wrappers to reach the expression that matters. */
export function unwrap(node: AstNode): AstNode {
  let cur = node;
  for (;;) {
    if (cur.type === 'AwaitExpression') cur = cur.argument;
    else if (cur.type === 'TSAsExpression' || cur.type === 'TSNonNullExpression' || cur.type === 'TSSatisfiesExpression' || cur.type === 'ChainExpression') cur = cur.expression;
    else return cur;
  }
}

/** The chain of a fluent call: root name and each member/call step, `supabase.from('x').insert(…)`. */
export interface ChainStep {
  name: string;
  args?: TSESTree.CallExpressionArgument[];
}

export function chainOf(node: AstNode): { root?: string; rootCall?: TSESTree.CallExpression; steps: ChainStep[] } {
  const steps: ChainStep[] = [];
  let cur: AstNode = node;
  let pendingArgs: TSESTree.CallExpressionArgument[] | undefined;
  for (;;) {
    if (cur.type === 'AwaitExpression') cur = cur.argument;
    else if (cur.type === 'ChainExpression' || cur.type === 'TSNonNullExpression' || cur.type === 'TSAsExpression') cur = cur.expression;
    else if (cur.type === 'CallExpression') {
      if (cur.callee.type !== 'MemberExpression' && cur.callee.type !== 'ChainExpression') {
        const root = cur.callee.type === 'Identifier' ? cur.callee.name : undefined;
        steps.reverse();
        return { root, rootCall: cur, steps };
      }
      pendingArgs = cur.arguments;
      cur = cur.callee;
    } else if (cur.type === 'MemberExpression') {
      const name = !cur.computed && cur.property.type === 'Identifier' ? cur.property.name : cur.property.type === 'Literal' ? String(cur.property.value) : '?';
      steps.push({ name, args: pendingArgs });
      pendingArgs = undefined;
      cur = cur.object;
    } else {
      const root = cur.type === 'Identifier' ? cur.name : cur.type === 'ThisExpression' ? 'this' : undefined;
      steps.reverse();
      return { root, steps };
    }
  }
}

/** A chain as a dotted path of its names, calls left out: `supabase.from('t').insert(…)` → `supabase.from.insert`. */
export function chainText(chain: { root?: string; steps: readonly ChainStep[] }): string {
  return [chain.root ?? '', ...chain.steps.map((s) => s.name)].join('.');
}

/**
 * The calls chained after a call, innermost first, read from its ancestors: `.eq('id', x)` and `.single()` after
 * `supabase.from('t').select()`. Each with the member that names it.
 */
export function outerCalls(call: AstNode, ancestors: readonly AstNode[]): { member: TSESTree.MemberExpression; call: TSESTree.CallExpression }[] {
  const out: { member: TSESTree.MemberExpression; call: TSESTree.CallExpression }[] = [];
  let cur = call;
  for (let i = ancestors.length - 1; i >= 1; i -= 2) {
    const member = ancestors[i];
    const next = ancestors[i - 1];
    if (member.type !== 'MemberExpression' || member.object !== cur || next.type !== 'CallExpression' || next.callee !== member) break;
    out.push({ member, call: next });
    cur = next;
  }
  return out;
}

export function lineOf(node: AstNode): number {
  return node.loc.start.line;
}

/** Name given to a function where it is defined: declaration id, variable, property or method key. */
export function nameOfFunction(fn: FunctionNode, ancestors: AstNode[]): string | undefined {
  if (fn.type !== 'ArrowFunctionExpression' && fn.id) return fn.id.name;
  const parent = ancestors[ancestors.length - 1];
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  if ((parent?.type === 'Property' || parent?.type === 'MethodDefinition') && parent.key.type === 'Identifier') return parent.key.name;
  return undefined;
}

/**
 * A test of a file's whole text, answered once per file: calls are analysed file by file, so the last answer is
 * kept (`mayCredit(text)` at every call of a file tests the file once).
 */
export function fileTest(pattern: RegExp): (text: string) => boolean {
  let last: { text: string; found: boolean } | undefined;
  return (text) => {
    if (last?.text !== text) last = { text, found: pattern.test(text) };
    return last.found;
  };
}

export function shorten(code: string, max = 60): string {
  const one = code.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** A function given inline or by the name of a top-level function. */
export function fnOfValue(value: AstNode | undefined, local: ReadonlyMap<string, FunctionNode>): FunctionNode | undefined {
  return isFunction(value) ? value : value?.type === 'Identifier' ? local.get(value.name) : undefined;
}

/** What the module exports by name: `export const POST = …`, `export async function GET`, `export { handler as POST }`. */
export function exportedValues(ast: Program): Map<string, { value?: AstNode; line: number }> {
  const out = new Map<string, { value?: AstNode; line: number }>();
  for (const stmt of ast.body) {
    if (stmt.type !== 'ExportNamedDeclaration') continue;
    const d = stmt.declaration;
    if (d?.type === 'FunctionDeclaration' && d.id) out.set(d.id.name, { value: d as AstNode, line: d.loc.start.line });
    if (d?.type === 'VariableDeclaration') for (const v of d.declarations) if (v.id.type === 'Identifier') out.set(v.id.name, { value: (v.init ?? undefined) as AstNode | undefined, line: v.loc.start.line });
    if (!stmt.source) {
      for (const s of stmt.specifiers) {
        const name = s.exported.type === 'Identifier' ? s.exported.name : String(s.exported.value);
        out.set(name, { value: s.local as AstNode, line: s.loc.start.line });
      }
    }
  }
  return out;
}
