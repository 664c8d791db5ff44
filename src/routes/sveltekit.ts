import { propertyName } from '../engine/ast-utils.js';
import type { AstNode, Program } from '../parse/types.js';
import { analyzeFunction } from './auth.js';
import { exportedValues, fnOfValue, topLevelFunctions, type FunctionNode } from './ast.js';
import { readHook } from './hooks.js';
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
  const hooks = readHook(handle.value, handle.line, local, text, file, 'handle');
  return hooks ? { entries, hooks } : { entries };
}
