import { defineProjectFact } from '../model/facts.js';
import type { ProjectModel, SourceFile } from '../model/types.js';
import type { AstNode, Program } from '../parse/types.js';
import { analyzeFunction } from './auth.js';
import { exportedValues, fnOfValue, topLevelFunctions, unwrap } from './ast.js';
import { readHook } from './hooks.js';
import { methodsCompared } from './nextjs.js';
import type { DirectEntry, NextMiddleware } from './types.js';

/**
 * Fresh (Deno): files under `routes/` are routed by their path (`routes/api/notes/[id].ts` is `/api/notes/:id`,
 * `[...rest]` any depth, `(group)` folders add nothing) and answer with their `handler` export: an object of methods
 * (`{ GET(req, ctx) {…}, POST… }`, Fresh 2's `define.handlers({…})`) or one function for every method. A
 * `_middleware` file's `handler` (a function or a list of them) runs before every route of its folder and the folders
 * below; other `_` files (`_app`, `_layout`, `_404`) are no routes.
 */

const ROUTE_FILE = /^(?:(.*)\/)?routes\/((?:[^/]+\/)*?)([^/]+)\.[cm]?[jt]sx?$/;
const METHODS = /^(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/;
/** Fresh named in a Deno configuration (`"$fresh/": "https://deno.land/x/fresh@1.6.8/"`, `jsr:@fresh/core`) or its generated manifest. */
const FRESH_CONFIG = /(?:^|\/)(?:deno\.jsonc?|import_map\.json)$/;
const FRESH_IN_TEXT = /["'](?:\$fresh\/|https:\/\/deno\.land\/x\/fresh@|jsr:@fresh\/core|@fresh\/core)/;
const FRESH_MANIFEST = /(?:^|\/)fresh\.(?:gen|config)\.ts$/;

/** Folders of Fresh projects: where their `deno.json` or manifest is. */
const freshFolders = defineProjectFact('fresh folders', (model) => {
  const out = new Set<string>();
  for (const f of model.files) {
    if (FRESH_MANIFEST.test(f.path) || (FRESH_CONFIG.test(f.path) && FRESH_IN_TEXT.test(f.text))) out.add(f.path.includes('/') ? f.path.slice(0, f.path.lastIndexOf('/')) : '');
  }
  return [...out].sort();
});

/** A route or middleware module of a Fresh project: under the `routes/` folder beside the project's configuration. */
export function isFreshRouteFile(file: SourceFile, model: ProjectModel): boolean {
  const m = ROUTE_FILE.exec(file.path);
  if (!m || !/\bhandler\b/.test(file.text)) return false;
  const dir = m[1] ?? '';
  return freshFolders(model).includes(dir) || FRESH_IN_TEXT.test(file.text);
}

/** `routes/api/[id].ts` → `/api/:id`; `index` names its folder; `[...rest]` is the rest of the path; `(group)` is dropped. */
function routePath(path: string): { path: string; middleware: boolean } | undefined {
  const m = ROUTE_FILE.exec(path);
  if (!m) return undefined;
  const segments = [...m[2].split('/').filter((s) => s && !/^\(.*\)$/.test(s)), m[3]];
  const last = segments.at(-1)!;
  const middleware = last === '_middleware';
  if (!middleware && last.startsWith('_')) return undefined;
  if (middleware || last === 'index') segments.pop();
  const route = segments.map((s) => s.replace(/^\[\.\.\.(\w+)\]$/, ':$1*').replace(/^\[(\w+)\]$/, ':$1')).join('/');
  return { path: `/${route}`, middleware };
}

/** The object of methods a `handler` export holds: as written, or made by Fresh 2's `define.handlers({…})`. */
function handlerMethods(value: AstNode | undefined): AstNode | undefined {
  const v = value && unwrap(value);
  if (v?.type === 'ObjectExpression') return v;
  if (v?.type === 'CallExpression' && v.arguments.length === 1 && v.callee.type === 'MemberExpression' && v.callee.property.type === 'Identifier' && v.callee.property.name === 'handlers') return handlerMethods(v.arguments[0] as AstNode);
  return undefined;
}

export function collectFresh(ast: Program, text: string, file: string): { entries: DirectEntry[]; middleware?: Omit<NextMiddleware, 'dir'> } {
  const route = routePath(file);
  if (!route) return { entries: [] };
  const local = topLevelFunctions(ast.body);
  const exported = exportedValues(ast);
  const handler = exported.get('handler');
  if (route.middleware) {
    const read = handler && readHook(middlewareValue(handler.value), handler.line, local, text, file, 'handler');
    const scope = route.path === '/' ? '/:path*' : `${route.path}/:path*`;
    return { entries: [], middleware: read ? { ...read, framework: 'fresh', matchers: [scope, route.path] } : undefined };
  }
  if (!handler) return { entries: [] };
  const entries: DirectEntry[] = [];
  const methods = handlerMethods(handler.value);
  if (methods?.type === 'ObjectExpression') {
    for (const p of methods.properties) {
      if (p.type !== 'Property' || p.key.type !== 'Identifier' || !METHODS.test(p.key.name)) continue;
      const fn = fnOfValue(unwrap(p.value as AstNode), local);
      if (fn) entries.push({ method: p.key.name, path: route.path, line: p.loc.start.line, framework: 'fresh', handler: analyzeFunction(fn, text, file, `handler.${p.key.name}`), middleware: [] });
    }
    return { entries };
  }
  const fn = fnOfValue(handler.value && unwrap(handler.value), local);
  if (!fn) return { entries };
  // One function for every method: those its code tests for (`if (req.method !== 'POST') return 405`), or any.
  const tested = methodsCompared(fn, text).filter((m) => m !== 'OPTIONS');
  entries.push({ method: tested.length ? tested.join('|') : 'ANY', path: route.path, line: handler.line, framework: 'fresh', handler: analyzeFunction(fn, text, file, 'handler'), middleware: [] });
  return { entries };
}

/** Fresh 2's `define.middleware(fn)` is the function it is given. */
function middlewareValue(value: AstNode | undefined): AstNode | undefined {
  const v = value && unwrap(value);
  if (v?.type === 'CallExpression' && v.callee.type === 'MemberExpression' && v.callee.property.type === 'Identifier' && v.callee.property.name === 'middleware' && v.arguments.length === 1) return v.arguments[0] as AstNode;
  return v;
}
