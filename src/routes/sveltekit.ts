import { propertyName } from '../engine/ast-utils.js';
import type { AstNode, Program } from '../parse/types.js';
import { analyzeFunction } from './auth.js';
import { isFunction, topLevelFunctions, type FunctionNode } from './ast.js';
import { toPath, VERBS } from './nextjs.js';
import type { DirectEntry, NextMiddleware } from './types.js';

const ROUTE_FILE = /^src\/routes\/(?:(.*)\/)?\+(server|page\.server)\.[cm]?[jt]s$/;
const HOOKS_FILE = /^src\/hooks\.server\.[cm]?[jt]s$/;

/** Whether a package-relative path is a SvelteKit file that holds entry points or the server hook. */
export function isSvelteKitRouteFile(rel: string): boolean {
  return ROUTE_FILE.test(rel) || HOOKS_FILE.test(rel);
}

/**
 * SvelteKit's server entry points: the method handlers of `+server.ts` endpoints (`export const POST = async
 * ({ request, locals }) => …`) and the form actions of `+page.server.ts` (`export const actions = { default, delete }`),
 * each a POST anyone can send. The `handle` hook of `src/hooks.server.ts` runs before all of them, like Next.js
 * middleware: a check there that turns away visitors without a user (for the paths it tests) signs them in.
 * A layout's `load` does not run for actions or endpoints, so it protects neither.
 */
export function collectSvelteKit(ast: Program, text: string, file: string, rel: string): { entries: DirectEntry[]; hooks?: Omit<NextMiddleware, 'dir'> } {
  const entries: DirectEntry[] = [];
  const local = topLevelFunctions(ast.body);
  const exported = exportedValues(ast);
  const route = ROUTE_FILE.exec(rel);
  if (route) {
    const path = toPath(route[1] ?? '');
    const entry = (method: string, entryPath: string, fn: FunctionNode, name: string, line: number): DirectEntry => ({
      method, path: entryPath, line, framework: 'sveltekit', handler: analyzeFunction(fn, text, file, name), middleware: [],
    });
    const fnOf = (value: AstNode | undefined) => fnOfValue(value, local);
    if (route[2] === 'server') {
      for (const [name, { value, line }] of exported) {
        const fn = fnOf(value);
        if (fn && (VERBS.has(name) || name === 'fallback')) entries.push(entry(name === 'fallback' ? 'ANY' : name, path, fn, name, line));
      }
    } else {
      let actions = exported.get('actions')?.value;
      while (actions?.type === 'TSSatisfiesExpression' || actions?.type === 'TSAsExpression') actions = actions.expression as AstNode;
      if (actions?.type === 'ObjectExpression') {
        for (const p of actions.properties) {
          if (p.type !== 'Property') continue;
          const name = propertyName(p) ?? 'default';
          const fn = fnOf(p.value as AstNode);
          if (fn) entries.push(entry('POST', name === 'default' ? path : `${path}?/${name}`, fn, `actions.${name}`, p.loc.start.line));
        }
      }
    }
    return { entries };
  }
  const handle = HOOKS_FILE.test(rel) ? exported.get('handle') : undefined;
  if (!handle) return { entries };
  const fn = fnOfValue(handle.value, local);
  if (fn) {
    const facts = analyzeFunction(fn, text, file, 'handle');
    return { entries, hooks: { file, calls: facts.calls, facts } };
  }
  // `sequence(authenticate, guard)` runs each hook in turn: a check in any of them counts as the handle's.
  const value = handle.value;
  if (value?.type !== 'CallExpression' || value.callee.type !== 'Identifier' || value.callee.name !== 'sequence') return { entries };
  const hooks = value.arguments.map((a) => ({ arg: a as AstNode, fn: fnOfValue(a as AstNode, local) }));
  const checked = hooks.map((h) => (h.fn && isFunction(h.arg) ? analyzeFunction(h.fn, text, file, 'handle') : undefined)).find((f) => f?.auth);
  const calls = hooks.flatMap((h) => (h.arg.type === 'Identifier' ? [h.arg.name] : []));
  const facts = checked ?? { name: 'handle', file, startLine: handle.line, endLine: handle.line, touches: [], calls };
  return { entries, hooks: { file, calls, facts: { ...facts, calls: [...facts.calls, ...calls] } } };
}

function fnOfValue(value: AstNode | undefined, local: ReadonlyMap<string, FunctionNode>): FunctionNode | undefined {
  return isFunction(value) ? value : value?.type === 'Identifier' ? local.get(value.name) : undefined;
}

/** What the module exports by name: `export const POST = …`, `export async function GET`, `export { handler as POST }`. */
function exportedValues(ast: Program): Map<string, { value?: AstNode; line: number }> {
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
