import type { Program } from '../parse/types.js';
import { analyzeFunction } from './auth.js';
import { exportedValues, fnOfValue, topLevelFunctions, unwrap } from './ast.js';
import { readHook } from './hooks.js';
import { methodsCompared } from './nextjs.js';
import type { DirectEntry, NextMiddleware } from './types.js';

/**
 * Cloudflare Pages Functions: files under `functions/` export `onRequest` (every method) or `onRequestGet`,
 * `onRequestPost`… and are routed by their path (`functions/api/users/[id].ts` is `/api/users/:id`,
 * `[[path]]` any depth). A `_middleware` file's `onRequest` (a function or a list of them) runs before every
 * route of its folder and the folders below.
 */

/** Where Pages Functions live in a package, and the route a file stands for. */
const PAGES_FILE = /^functions\/((?:[^/]+\/)*?)([^/]+)\.[cm]?[jt]s$/;
const HANDLER = /^onRequest(Get|Post|Put|Patch|Delete|Head|Options)?$/;

export function isPagesFunctionFile(rel: string, text: string): boolean {
  return PAGES_FILE.test(rel) && text.includes('onRequest');
}

/** `functions/api/[id].ts` → `/api/:id`; `index` names its folder; `[[path]]` is the rest of the path. */
function routePath(rel: string): { path: string; middleware: boolean } | undefined {
  const m = PAGES_FILE.exec(rel);
  if (!m) return undefined;
  const segments = [...m[1].split('/').filter(Boolean), m[2]];
  const last = segments.at(-1)!;
  const middleware = last === '_middleware';
  if (middleware || last === 'index') segments.pop();
  const path = segments.map((s) => s.replace(/^\[\[(\w+)\]\]$/, ':$1*').replace(/^\[(\w+)\]$/, ':$1')).join('/');
  return { path: `/${path}`, middleware };
}

export function collectPagesFunctions(ast: Program, text: string, file: string, rel: string): { entries: DirectEntry[]; middleware?: Omit<NextMiddleware, 'dir'> } {
  const route = routePath(rel);
  if (!route) return { entries: [] };
  const local = topLevelFunctions(ast.body);
  const exported = exportedValues(ast);
  if (route.middleware) {
    const hook = exported.get('onRequest');
    const read = hook && readHook(hook.value, hook.line, local, text, file, 'onRequest');
    const scope = route.path === '/' ? '/:path*' : `${route.path}/:path*`;
    return { entries: [], middleware: read ? { ...read, framework: 'cloudflare-pages', matchers: [scope, route.path] } : undefined };
  }
  const entries: DirectEntry[] = [];
  for (const [name, { value, line }] of exported) {
    const verb = HANDLER.exec(name);
    const fn = verb && fnOfValue(value && unwrap(value), local);
    if (!fn) continue;
    // `onRequest` answers every method: those its code tests for (`if (request.method !== 'POST') return 405`), or any.
    const tested = verb[1] ? [] : methodsCompared(fn, text).filter((m) => m !== 'OPTIONS');
    const method = verb[1]?.toUpperCase() ?? (tested.length ? tested.join('|') : 'ANY');
    entries.push({ method, path: route.path, line, framework: 'cloudflare-pages', handler: analyzeFunction(fn, text, file, name), middleware: [] });
  }
  return { entries };
}
