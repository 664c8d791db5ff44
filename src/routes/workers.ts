import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { moduleConstants, propertyName } from '../engine/ast-utils.js';
import type { AstNode, Program } from '../parse/types.js';
import { analyzeFunction } from './auth.js';
import { fnOfValue, topLevelFunctions, unwrap, walk, type FunctionNode } from './ast.js';
import { methodsCompared } from './nextjs.js';
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
