import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, moduleConstants, propertyName } from '../engine/ast-utils.js';
import type { AstNode, Program } from '../parse/types.js';
import { analyzeFunction } from './auth.js';
import { isFunction, textOf, topLevelFunctions, unwrap, walk, type FunctionNode } from './ast.js';
import { toPath } from './nextjs.js';
import type { DirectEntry, NextMiddleware } from './types.js';

/** Nitro's route files (Nuxt's `server/api` and `server/routes`), by package-relative path. */
const ROUTE_FILE = /^(?:src\/)?server\/(api|routes)\/(.+)\.[cm]?[jt]s$/;
const MIDDLEWARE_FILE = /^(?:src\/)?server\/middleware\/.+\.[cm]?[jt]s$/;
const METHOD_SUFFIX = /\.(get|post|put|patch|delete|head|options)$/i;
/** h3's handler makers: what a route file's default export is wrapped in. */
export const EVENT_HANDLER = /^(?:defineEventHandler|eventHandler|defineCachedEventHandler|cachedEventHandler|defineNitroEventHandler|fromNodeMiddleware)$/;
/** A test that the request carries credentials: `if (token)`, `if (authHeader?.startsWith('Bearer '))`. */
const CARRIES_TOKEN = /token|cookie|authorization|bearer|jwt|session|header/i;

/** Whether a package-relative path is a Nitro route or server middleware file (Nuxt's `server/` folder). */
export function isNuxtServerFile(rel: string): boolean {
  return ROUTE_FILE.test(rel) || MIDDLEWARE_FILE.test(rel);
}

/**
 * Nuxt's server routes (Nitro, on h3): each file under `server/api` (served under `/api`) or `server/routes` is one
 * route; `[id]` is a parameter, `[...slug]` the rest of the path, a `.get`/`.post`… suffix limits the method, and
 * `index` names the folder. The default export is the handler, made with `defineEventHandler` (or an app's own
 * wrapper, judged as middleware). Every file under `server/middleware` runs before every route, as Next.js
 * middleware does: a check there that throws for visitors without a user (on the paths it tests) signs them in.
 */
export function collectNuxt(ast: Program, text: string, file: string, rel: string): { entries: DirectEntry[]; middleware?: Omit<NextMiddleware, 'dir'> } {
  const handler = defaultHandler(ast);
  if (!handler) return { entries: [] };
  const route = ROUTE_FILE.exec(rel);
  if (!route) {
    // A copy: what is changed below is the middleware's view, not the function's.
    const facts = { ...analyzeFunction(handler.fn, text, file, 'middleware') };
    // `if (token) { event.context.user = verify(token) }`: a request without a token goes through unchecked, so what
    // runs only when one is sent (a verification that throws, a helper) signs nobody in.
    const optional = tokenBranches(handler.fn, text);
    if (optional.length) {
      const within = (line: number) => optional.some((b) => line >= b.loc.start.line && line <= b.loc.end.line);
      if (facts.auth && within(facts.auth.line)) {
        facts.optionalAuth = facts.auth;
        delete facts.auth;
      }
      const conditional = new Set(optional.flatMap((b) => calleesIn(b)));
      facts.calls = facts.calls.filter((c) => !conditional.has(c));
    }
    return { entries: [], middleware: { file, framework: 'nuxt', calls: [...handler.middleware, ...facts.calls], facts } };
  }
  const segments = route[2].split('/');
  const last = segments.pop()!;
  const method = METHOD_SUFFIX.exec(last)?.[1].toUpperCase() ?? 'ANY';
  const name = last.replace(METHOD_SUFFIX, '');
  if (name !== 'index' && name !== '') segments.push(name);
  const path = `${route[1] === 'api' ? '/api' : ''}${toPath(segments.join('/'))}`.replace(/(.)\/$/, '$1');
  const facts = analyzeFunction(handler.fn, text, file, 'default');
  return { entries: [{ method, path, line: handler.line, framework: 'nuxt', handler: facts, middleware: handler.middleware }] };
}

/** The branches of `if (token) { … }` tests (not `if (!token)`, a guard): they run only for requests that carry one. */
function tokenBranches(fn: FunctionNode, text: string): AstNode[] {
  const out: AstNode[] = [];
  walk(fn.body as AstNode, (n) => {
    if (n.type !== 'IfStatement') return true;
    const test = n.test as AstNode;
    const negated = test.type === 'UnaryExpression' && test.operator === '!';
    if (!negated && CARRIES_TOKEN.test(textOf(text, test))) {
      out.push(n.consequent as AstNode);
      return false;
    }
    return true;
  });
  return out;
}

/** The callees of every call in a subtree, as the facts name them (`verifyToken`, `jwt.verify`). */
function calleesIn(node: AstNode): string[] {
  const out: string[] = [];
  walk(node, (n) => {
    if (n.type === 'CallExpression') {
      const path = memberPath(n.callee as AstNode);
      if (path) out.push(path);
    }
  });
  return out;
}

interface Handler {
  fn: FunctionNode;
  line: number;
  /** An app's own wrapper (`defineAuthenticatedHandler(…)`) and `onRequest` hooks, by name. */
  middleware: string[];
}

/** The function a Nitro file's default export runs: `defineEventHandler(async (event) => …)`, inline or by name. */
function defaultHandler(ast: Program): Handler | undefined {
  const stmt = ast.body.find((s): s is TSESTree.ExportDefaultDeclaration => s.type === 'ExportDefaultDeclaration');
  if (!stmt) return undefined;
  let value = unwrap(stmt.declaration as AstNode);
  const line = stmt.loc.start.line;
  const local = topLevelFunctions(ast.body);
  if (value.type === 'Identifier') {
    const fn = local.get(value.name);
    if (fn) return { fn, line, middleware: [] };
    const init = moduleConstants(ast).get(value.name);
    if (!init) return undefined;
    value = unwrap(init);
  }
  if (isFunction(value)) return { fn: value, line, middleware: [] };
  if (value.type !== 'CallExpression' || value.callee.type !== 'Identifier') return undefined;
  const callee = value.callee.name;
  const wrapper = EVENT_HANDLER.test(callee) ? [] : [callee];
  const arg = value.arguments[0] as AstNode | undefined;
  if (isFunction(arg)) return { fn: arg, line, middleware: wrapper };
  if (arg?.type === 'Identifier' && local.has(arg.name)) return { fn: local.get(arg.name)!, line, middleware: wrapper };
  // `defineEventHandler({ onRequest: [requireAuth], handler: async (event) => … })`.
  if (arg?.type === 'ObjectExpression') {
    let fn: FunctionNode | undefined;
    const hooks: string[] = [];
    for (const p of arg.properties) {
      if (p.type !== 'Property') continue;
      const key = propertyName(p);
      if (key === 'handler' && isFunction(p.value as AstNode)) fn = p.value as FunctionNode;
      if (key === 'onRequest') {
        const items = p.value.type === 'ArrayExpression' ? p.value.elements : [p.value];
        for (const item of items) if (item?.type === 'Identifier') hooks.push(item.name);
      }
    }
    if (fn) return { fn, line, middleware: [...wrapper, ...hooks] };
  }
  return undefined;
}
