import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, staticString } from '../engine/ast-utils.js';
import type { AstNode, Program } from '../parse/types.js';
import { analyzeFunction } from './auth.js';
import { isFunction, outerCalls, unwrap, walk, type FunctionNode } from './ast.js';
import { joinPath } from './nestjs.js';
import type { DirectEntry } from './types.js';

/** A routes file of AdonisJS 4 or 5: `Route.get('users', 'UserController.index')`. */
export const MAY_HOLD_ADONIS_ROUTES = /\bRoute\s*\.\s*(?:get|post|put|patch|delete|any|route|resource|group)\s*\(/;

const VERBS: Record<string, string> = { get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', delete: 'DELETE', any: 'ANY' };
/** What `Route.resource('users', 'UserController')` makes, and `.apiOnly()` keeps (no `create` and `edit` forms). */
const RESOURCE: [action: string, method: string, suffix: string][] = [
  ['index', 'GET', ''],
  ['create', 'GET', '/create'],
  ['store', 'POST', ''],
  ['show', 'GET', '/:id'],
  ['edit', 'GET', '/:id/edit'],
  ['update', 'PUT|PATCH', '/:id'],
  ['destroy', 'DELETE', '/:id'],
];
/** AdonisJS's own middleware that signs the caller in (`auth`, `auth:jwt`, `auth:session,api`). */
const AUTH_MIDDLEWARE = /^auth(?::|$)/;

/** A call chained on a route or a group, with its arguments: `.middleware(['auth'])`, `.prefix('api')`. */
interface Chained {
  name: string;
  args: AstNode[];
}

/**
 * AdonisJS 4 and 5 routes: `Route.get(path, 'Controller.method' | handler)` and `Route.resource(name, 'Controller')`,
 * with the middleware chained on them (`.middleware(['auth'])`) and on the groups around them (`Route.group(() => {
 * … }).prefix('api').middleware('auth')`). Controllers named by a string are found by the linker in
 * `app/Controllers/Http`. The `auth` middleware asks for a signed-in user; a route without it checks nothing unless
 * its handler does.
 */
export function collectAdonis(ast: Program, text: string, file: string): DirectEntry[] {
  const entries: DirectEntry[] = [];
  // Groups by their callback: the prefix and middleware chained on the group.
  const groups = new Map<AstNode, { prefix: string; middleware: string[] }>();
  walk(ast as unknown as AstNode, (n, ancestors) => {
    if (n.type !== 'CallExpression' || n.callee.type !== 'MemberExpression' || n.callee.object.type !== 'Identifier' || n.callee.object.name !== 'Route') return undefined;
    const kind = propertyName(n.callee);
    const chain = outerCalls(n, ancestors).map((c) => ({ name: propertyName(c.member) ?? '', args: c.call.arguments as AstNode[] }));
    if (kind === 'group') {
      const callback = unwrap((n.arguments.find((a) => isFunction(unwrap(a as AstNode))) ?? n.arguments[0]) as AstNode);
      if (isFunction(callback)) groups.set(callback, { prefix: chain.filter((c) => c.name === 'prefix').map((c) => staticString(c.args[0]) ?? '').join(''), middleware: middlewareOf(chain) });
      return undefined;
    }
    const around = ancestors.map((a) => groups.get(a)).filter((g) => g !== undefined);
    const prefix = around.map((g) => g.prefix).join('');
    const middleware = [...around.flatMap((g) => g.middleware), ...middlewareOf(chain)];
    const path = staticString(n.arguments[0] as AstNode);
    if (path === undefined) return undefined;
    if (kind === 'resource') {
      const controller = staticString(n.arguments[1] as AstNode);
      if (!controller) return undefined;
      const only = listOf(chain, 'only');
      const except = listOf(chain, 'except');
      const apiOnly = chain.some((c) => c.name === 'apiOnly');
      for (const [action, method, suffix] of RESOURCE) {
        if ((apiOnly && (action === 'create' || action === 'edit')) || (only && !only.includes(action)) || except?.includes(action)) continue;
        entries.push(entry(method, joinPath(prefix, path) + suffix, n, file, text, `${controller}.${action}`, middleware));
      }
      return undefined;
    }
    const method = kind === 'route' ? methodsOf(n.arguments[2] as AstNode | undefined) : VERBS[kind ?? ''];
    if (!method) return undefined;
    const handler = unwrap(n.arguments[1] as AstNode);
    const ref = staticString(handler);
    entries.push(entry(method, joinPath(prefix, path), n, file, text, ref ?? handler, middleware));
    return undefined;
  });
  return entries;
}

function entry(method: string, path: string, call: TSESTree.CallExpression, file: string, text: string, handler: string | AstNode, middleware: string[]): DirectEntry {
  const line = call.loc.start.line;
  const fn = typeof handler === 'string' ? undefined : isFunction(handler) ? handler : undefined;
  const e: DirectEntry = {
    method,
    path,
    line,
    framework: 'adonis',
    handler: fn ? analyzeFunction(fn as FunctionNode, text, file, `${method} ${path}`) : { file, startLine: line, endLine: call.loc.end.line, touches: [], calls: [] },
    middleware,
  };
  // `'UserController.index'`: a controller the linker finds in app/Controllers/Http.
  if (typeof handler === 'string' && /^[\w/]+\.\w+$/.test(handler)) e.handlerRef = `adonis:${handler}`;
  const auth = middleware.find((m) => AUTH_MIDDLEWARE.test(m));
  if (auth) e.auth = { state: 'required', evidence: { text: `the \`${auth}\` middleware`, file, line } };
  return e;
}

/** Names given to `.middleware('auth')`, `.middleware(['auth', 'admin'])` (a `Map` by action is left out). */
function middlewareOf(chain: readonly Chained[]): string[] {
  return chain.filter((c) => c.name === 'middleware').flatMap((c) => {
    const arg = c.args[0] ? unwrap(c.args[0]) : undefined;
    const values = arg?.type === 'ArrayExpression' ? (arg.elements as AstNode[]) : arg ? [arg] : [];
    return values.map((v) => staticString(v)).filter((v): v is string => v !== undefined);
  });
}

function listOf(chain: readonly Chained[], name: string): string[] | undefined {
  const arg = chain.find((c) => c.name === name)?.args[0];
  const value = arg ? unwrap(arg) : undefined;
  return value?.type === 'ArrayExpression' ? value.elements.map((e) => staticString(e as AstNode) ?? '') : undefined;
}

/** `Route.route(path, handler, ['GET', 'POST'])`. */
function methodsOf(node: AstNode | undefined): string | undefined {
  const value = node ? unwrap(node) : undefined;
  const list = value?.type === 'ArrayExpression' ? value.elements.map((e) => staticString(e as AstNode)) : [value && staticString(value)];
  return list.every((m) => m && /^[A-Za-z]+$/.test(m)) ? list.map((m) => m!.toUpperCase()).join('|') : undefined;
}

