import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, moduleConstants, propertyName, staticString } from '../engine/ast-utils.js';
import type { AstNode, Program } from '../parse/types.js';
import { analyzeFunction } from './auth.js';
import { fnOfValue, topLevelFunctions, unwrap, walk, type FunctionNode } from './ast.js';
import { methodsCompared } from './nextjs.js';
import type { ImportBinding } from '../dataflow/modules.js';
import type { DirectEntry } from './types.js';

/**
 * A module Worker (Cloudflare Workers, also Bun and Deno's `deno serve`): `export default { async fetch(request, env) { … } }`
 * answers every request to the worker, routing by `url.pathname` and `request.method` in its own code. Listed as one
 * entry for every path. A `fetch` that is a router's (`{ fetch: app.fetch }`) is not: that router's routes are.
 */
export function collectWorkerFetch(ast: Program, text: string, file: string): DirectEntry[] {
  const local = topLevelFunctions(ast.body);
  for (const stmt of ast.body) {
    if (stmt.type !== 'ExportDefaultDeclaration') continue;
    let d = unwrap(stmt.declaration as AstNode);
    // `export default worker` with `const worker = { fetch … }` (or `satisfies ExportedHandler<Env>`).
    if (d.type === 'Identifier') d = unwrap(moduleConstants(ast).get(d.name) ?? d);
    if (d.type !== 'ObjectExpression') continue;
    const fetch = d.properties.find((p): p is TSESTree.Property => p.type === 'Property' && propertyName(p) === 'fetch');
    const fn = fetch && fnOfValue(unwrap(fetch.value as AstNode), local);
    if (!fn || handsToRouter(fn)) continue;
    const methods = methodsCompared(fn, text);
    const method = methods.length > 1 ? methods.filter((m) => m !== 'OPTIONS').join('|') : (methods[0] ?? 'ANY');
    return [{ method, path: '/*', line: fetch.loc.start.line, framework: 'workers', handler: analyzeFunction(fn, text, file, 'fetch'), middleware: [] }];
  }
  return [];
}

/** `fetch: (request, env) => router.handle(request, env)`, `app.fetch(request, env, ctx)`: a router's routes answer. */
function handsToRouter(fn: FunctionNode): boolean {
  const request = fn.params[0]?.type === 'Identifier' ? fn.params[0].name : undefined;
  let found = false;
  walk(fn.body as AstNode, (n) => {
    if (found) return false;
    if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression' && ROUTER_ENTRY.test(propertyName(n.callee) ?? '') && n.arguments[0]?.type === 'Identifier' && n.arguments[0].name === request) found = true;
    return undefined;
  });
  return found;
}
const ROUTER_ENTRY = /^(?:handle|fetch|route|dispatch|handleRequest)$/;

const HTTP_METHODS = /^(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/;

/** `import { serve } from 'bun'`, Deno's standard library `serve` (`jsr:@std/http`, `deno.land/std/http`). */
function servesFrom(binding: ImportBinding): boolean {
  return binding.imported === 'serve' && (binding.source === 'bun' || /std(?:@[\w.]+)?\/http|@std\/http/.test(binding.source));
}

/** A file that may start a Bun or Deno server: it names `Bun.serve` or `Deno.serve`, or imports their `serve`. */
export function mayServe(text: string, imports: ReadonlyMap<string, ImportBinding>): boolean {
  if (text.includes('Bun.serve') || text.includes('Deno.serve')) return true;
  for (const b of imports.values()) if (servesFrom(b)) return true;
  return false;
}

/**
 * Servers Bun and Deno start in code: `Bun.serve({ fetch(req) { … } })` and `Deno.serve(handler)` answer every path
 * from one function, routing by `new URL(req.url).pathname` themselves (listed as one entry, as module Workers are);
 * Bun's `routes` option lists its paths (`routes: { '/api/users/:id': { GET: fn, DELETE: fn }, '/health': fn }`).
 * Supabase and Netlify edge functions, which also call `Deno.serve`, are read as those platforms' entries.
 */
export function collectServe(ast: Program, text: string, file: string, imports: ReadonlyMap<string, ImportBinding>): DirectEntry[] {
  if (/(?:^|\/)(?:supabase\/functions|netlify\/(?:edge-)?functions)\//.test(file)) return [];
  const local = topLevelFunctions(ast.body);
  const out: DirectEntry[] = [];
  const entry = (fn: FunctionNode, method: string, path: string, line: number, framework: string, name: string): DirectEntry => ({ method, path, line, framework, handler: analyzeFunction(fn, text, file, name), middleware: [] });
  const whole = (fn: FunctionNode | undefined, line: number, framework: string) => {
    if (!fn || handsToRouter(fn)) return;
    const methods = methodsCompared(fn, text);
    out.push(entry(fn, methods.length > 1 ? methods.filter((m) => m !== 'OPTIONS').join('|') : (methods[0] ?? 'ANY'), '/*', line, framework, 'fetch'));
  };
  walk(ast as unknown as AstNode, (n) => {
    if (n.type !== 'CallExpression') return undefined;
    const name = memberPath(n.callee as AstNode);
    // `serve(…)` imported from Bun or Deno's standard library is theirs.
    const binding = name ? imports.get(name) : undefined;
    const callee = binding && servesFrom(binding) ? (binding.source === 'bun' ? 'Bun.serve' : 'Deno.serve') : name;
    if (callee !== 'Bun.serve' && callee !== 'Deno.serve') return undefined;
    const framework = callee === 'Bun.serve' ? 'bun' : 'deno';
    const args = n.arguments.map((a) => unwrap(a as AstNode));
    // `Deno.serve(handler)`, `Deno.serve({ port }, handler)`.
    const direct = args.map((a) => fnOfValue(a, local)).find(Boolean);
    if (direct) return void whole(direct, n.loc.start.line, framework);
    const options = args.find((a): a is TSESTree.ObjectExpression => a.type === 'ObjectExpression');
    if (!options) return undefined;
    for (const p of options.properties) {
      if (p.type !== 'Property') continue;
      const key = propertyName(p);
      if (key === 'fetch' || key === 'handler') whole(fnOfValue(unwrap(p.value as AstNode), local), p.loc.start.line, framework);
      const routes = key === 'routes' ? unwrap(p.value as AstNode) : undefined;
      if (routes?.type !== 'ObjectExpression') continue;
      for (const r of routes.properties) {
        if (r.type !== 'Property') continue;
        const path = staticString(r.key as AstNode) ?? (r.key.type === 'Identifier' && !r.computed ? r.key.name : undefined);
        if (!path?.startsWith('/')) continue;
        const value = unwrap(r.value as AstNode);
        const fn = fnOfValue(value, local);
        if (fn) out.push(entry(fn, 'ANY', path, r.loc.start.line, framework, path));
        else if (value.type === 'ObjectExpression') {
          for (const m of value.properties) {
            const method = m.type === 'Property' ? propertyName(m) : undefined;
            const handler = method && HTTP_METHODS.test(method) ? fnOfValue(unwrap((m as TSESTree.Property).value as AstNode), local) : undefined;
            if (handler) out.push(entry(handler, method!, path, m.loc.start.line, framework, `${method} ${path}`));
          }
        }
      }
    }
    return undefined;
  });
  return out;
}
