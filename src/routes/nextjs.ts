import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, propertyName, staticString } from '../engine/ast-utils.js';
import { isActionBuilder } from '../dataflow/sources.js';
import { hasDirective } from '../dataflow/interpreter.js';
import type { AstNode, Program } from '../parse/types.js';
import { analyzeFunction } from './auth.js';
import { isFunction, topLevelFunctions, unwrap, walk, type FunctionNode } from './ast.js';
import type { DirectEntry, FunctionFacts, NextMiddleware } from './types.js';

export const VERBS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

/**
 * `app/(shop)/orders/[id]/route.ts` → `/orders/:id`; `pages/api/notes.ts` → `/api/notes`; Vercel functions of any
 * framework, `api/credits/[id].js` → `/api/credits/:id` (files and folders starting with `_` are not functions, nor are
 * the App Router's private `_folders`).
 * Undefined for files that are not route handlers.
 */
export function nextRoutePath(rel: string): { path: string; kind: 'app' | 'pages' | 'vercel' } | undefined {
  const app = /^(?:src\/)?app\/(?:(.*)\/)?route\.[cm]?[jt]sx?$/.exec(rel);
  // A private folder (`app/api/_debug/route.ts`) and everything in it is left out of routing.
  if (app) return /(?:^|\/)_/.test(app[1] ?? '') ? undefined : { path: toPath(app[1] ?? ''), kind: 'app' };
  const pages = /^(?:src\/)?pages\/(api(?:\/.*)?)\.[cm]?[jt]sx?$/.exec(rel);
  if (pages) return { path: toPath(pages[1].replace(/\/index$/, '')), kind: 'pages' };
  const vercel = /^(api(?:\/.*)?)\.(?:[cm]?js|ts)$/.exec(rel);
  if (vercel && !/\/_/.test(rel)) return { path: toPath(vercel[1].replace(/\/index$/, '')), kind: 'vercel' };
  return undefined;
}

/**
 * A file-routed folder as a path, for Next.js and SvelteKit: `(group)` folders and `@slot`s dropped, `[id]` → `:id`
 * (a SvelteKit matcher `[id=integer]` too), `[...rest]` → `*`.
 */
export function toPath(dir: string): string {
  const parts = dir.split('/').filter((s) => s && !/^\(.*\)$/.test(s) && !s.startsWith('@'));
  return '/' + parts.map((s) => (/^\[\[?\.\.\./.test(s) ? '*' : s.startsWith('[') ? `:${s.replace(/[[\]]/g, '').replace(/=.*$/, '')}` : s)).join('/');
}

/**
 * The function an export stands for: a declaration, `const GET = async () => …`, the function inside `withAuth(…)`,
 * or the handler of an action builder (`actionClient.schema(s).action(fn)`, whose client is the wrapper).
 */
function exportedFunction(node: AstNode | null | undefined): { fn?: FunctionNode; wrappers: string[]; builder?: boolean } {
  const wrappers: string[] = [];
  let cur = node;
  let builder = false;
  while (cur && cur.type === 'CallExpression') {
    const callee = cur.callee as AstNode;
    const chain = callee.type === 'MemberExpression' ? chainNames(callee.object as AstNode) : { names: [] as string[], root: undefined };
    const method = callee.type === 'MemberExpression' ? propertyName(callee) ?? '' : '';
    if (callee.type === 'MemberExpression' && isActionBuilder(method, chain.names, chain.root ?? '')) {
      builder = true;
      if (chain.root) wrappers.push(chain.root);
    } else wrappers.push(memberPath(callee) ?? '?');
    const inner = cur.arguments.find((a) => isFunction(a as AstNode) || a.type === 'CallExpression' || a.type === 'Identifier') as AstNode | undefined;
    cur = inner;
  }
  return { fn: isFunction(cur) ? cur : undefined, wrappers, builder };
}

/** The calls of a fluent chain below a method, in order, and the name it starts from: `actionClient.schema(s)` → `actionClient`, [schema]. */
function chainNames(node: AstNode): { root?: string; names: string[] } {
  const names: string[] = [];
  let cur: AstNode | undefined = node;
  while (cur) {
    if (cur.type === 'CallExpression') {
      const callee = cur.callee as AstNode;
      if (callee.type === 'Identifier') {
        names.unshift(callee.name);
        return { names };
      }
      if (callee.type !== 'MemberExpression') break;
      names.unshift(propertyName(callee) ?? '');
      cur = callee.object as AstNode;
    } else if (cur.type === 'MemberExpression') cur = cur.object as AstNode;
    else if (cur.type === 'Identifier') return { root: cur.name, names };
    else break;
  }
  return { names };
}

export function collectNext(ast: Program, text: string, file: string, rel: string, vercel = false): { entries: DirectEntry[]; middleware?: Omit<NextMiddleware, 'dir'> } {
  const entries: DirectEntry[] = [];
  const found = nextRoutePath(rel);
  // An `api/` folder is Vercel's only where no server framework runs the package (else it is that server's code).
  const route = found?.kind === 'vercel' && !vercel ? undefined : found;
  const localFns = topLevelFunctions(ast.body);
  // A server action's arguments come from the browser as they are: they count as request input.
  const entry = (method: string, path: string, fn: FunctionNode, name: string, wrappers: string[], line: number, builder = false): DirectEntry => ({
    method, path, line, framework: 'nextjs', handler: analyzeFunction(fn, text, file, name, { clientParams: method !== 'ACTION' ? undefined : builder ? 'builder' : 'all' }), middleware: wrappers,
  });
  // Vercel functions: a default export (Node's `(req, res)`) or, in the Web style, one per HTTP method.
  if (route?.kind === 'app' || route?.kind === 'vercel') {
    for (const stmt of ast.body) {
      if (stmt.type !== 'ExportNamedDeclaration') continue;
      const d = stmt.declaration;
      if (d?.type === 'FunctionDeclaration' && d.id && VERBS.has(d.id.name)) entries.push(entry(d.id.name, route.path, d, d.id.name, [], d.loc.start.line));
      if (d?.type === 'VariableDeclaration') {
        for (const v of d.declarations) {
          if (v.id.type !== 'Identifier' || !VERBS.has(v.id.name)) continue;
          const { fn, wrappers } = exportedFunction(v.init as AstNode);
          const target = fn ?? (v.init?.type === 'Identifier' ? localFns.get(v.init.name) : undefined);
          if (target) entries.push(entry(v.id.name, route.path, target, v.id.name, wrappers, v.loc.start.line));
          else entries.push({ method: v.id.name, path: route.path, line: v.loc.start.line, framework: 'nextjs', handler: emptyFacts(file, v), middleware: wrappers });
        }
      }
      for (const s of stmt.specifiers) {
        const exported = s.exported.type === 'Identifier' ? s.exported.name : String(s.exported.value);
        if (!VERBS.has(exported)) continue;
        const local = s.local.type === 'Identifier' ? s.local.name : '';
        const fn = localFns.get(local);
        entries.push(fn ? entry(exported, route.path, fn, local, [], s.loc.start.line) : { method: exported, path: route.path, line: s.loc.start.line, framework: 'nextjs', handler: emptyFacts(file, s), middleware: [local] });
      }
    }
  }
  if (route?.kind === 'pages' || route?.kind === 'vercel') {
    for (const stmt of ast.body) {
      // CommonJS too: `module.exports = async (req, res) => …`.
      const commonJs = stmt.type === 'ExpressionStatement' && stmt.expression.type === 'AssignmentExpression' && memberPath(stmt.expression.left as AstNode) === 'module.exports' ? stmt.expression.right : undefined;
      if (stmt.type !== 'ExportDefaultDeclaration' && !commonJs) continue;
      const d = (commonJs ?? (stmt as TSESTree.ExportDefaultDeclaration).declaration) as AstNode;
      const { fn, wrappers } = isFunction(d) ? { fn: d, wrappers: [] } : exportedFunction(d);
      const target = fn ?? (d.type === 'Identifier' ? localFns.get(d.name) : undefined) ?? lastIdentifierFn(d, localFns);
      if (!target) continue;
      const methods = methodsCompared(target, text);
      entries.push({ ...entry(methods.length ? methods.join('|') : 'ANY', route.path, target, 'handler', wrappers, stmt.loc.start.line) });
    }
  }
  // Server actions: a 'use server' file exports callable functions; each is a POST endpoint anyone can call. (A route
  // handler file marked so by mistake is still its routes: nothing imports it to call its exports as actions.)
  const actionsFile = ast.body.some((s) => s.type === 'ExpressionStatement' && s.directive === 'use server');
  if (!route && actionsFile) {
    for (const stmt of ast.body) {
      // `export default getUserRecentText`, `export { getUser, deleteNote as removeNote }`: actions too.
      if (stmt.type === 'ExportDefaultDeclaration') {
        const d = stmt.declaration as AstNode;
        const fn = isFunction(d) ? d : d.type === 'Identifier' ? localFns.get(d.name) : undefined;
        const name = d.type === 'Identifier' ? d.name : isFunction(d) && d.type !== 'ArrowFunctionExpression' && d.id ? d.id.name : 'default';
        if (fn) entries.push(entry('ACTION', `(server action) ${name}`, fn, name, [], stmt.loc.start.line));
      }
      if (stmt.type !== 'ExportNamedDeclaration') continue;
      for (const s of stmt.source ? [] : stmt.specifiers) {
        const fn = s.local.type === 'Identifier' ? localFns.get(s.local.name) : undefined;
        const exported = s.exported.type === 'Identifier' ? s.exported.name : String(s.exported.value);
        if (fn) entries.push(entry('ACTION', `(server action) ${exported}`, fn, exported, [], s.loc.start.line));
      }
      const d = stmt.declaration;
      if (d?.type === 'FunctionDeclaration' && d.id) entries.push(entry('ACTION', `(server action) ${d.id.name}`, d, d.id.name, [], d.loc.start.line));
      if (d?.type === 'VariableDeclaration') {
        for (const v of d.declarations) {
          const { fn, wrappers, builder } = exportedFunction(v.init as AstNode);
          const target = fn ?? (isFunction(v.init as AstNode) ? (v.init as FunctionNode) : undefined);
          if (v.id.type === 'Identifier' && target) entries.push(entry('ACTION', `(server action) ${v.id.name}`, target, v.id.name, wrappers, v.loc.start.line, builder));
        }
      }
    }
  }
  // Functions marked as server functions inside (SolidStart's `export const getMatchs = query(async () => { 'use
  // server'; … }, 'matchs')`, a module-level function of a Next.js file with its own directive): endpoints too.
  if (!route && !actionsFile) {
    for (const stmt of ast.body) {
      const d = stmt.type === 'ExportNamedDeclaration' ? stmt.declaration : stmt;
      if (d?.type === 'FunctionDeclaration' && d.id && marksItself(d)) entries.push(entry('ACTION', `(server action) ${d.id.name}`, d, d.id.name, [], d.loc.start.line));
      if (d?.type !== 'VariableDeclaration') continue;
      for (const v of d.declarations) {
        const init = v.init ? unwrap(v.init as AstNode) : undefined;
        // The function itself, or the one a wrapper is given (`query(fn, key)`, `action(fn)`, `cache(fn)`).
        const fn = init && isFunction(init) ? init : init?.type === 'CallExpression' ? (init.arguments.find((a) => isFunction(a as AstNode)) as FunctionNode | undefined) : undefined;
        if (fn && marksItself(fn) && v.id.type === 'Identifier') entries.push(entry('ACTION', `(server action) ${v.id.name}`, fn, v.id.name, [], v.loc.start.line));
      }
    }
  }
  const middleware = /^(?:src\/)?(middleware|proxy)\.[cm]?[jt]s$/.test(rel) ? collectMiddleware(ast, text, file) : undefined;
  return { entries, middleware };
}

/** A function whose body starts with its own `'use server'` directive. */
function marksItself(fn: FunctionNode): boolean {
  return fn.body?.type === 'BlockStatement' && hasDirective(fn.body.body, 'use server');
}

function lastIdentifierFn(node: AstNode, fns: Map<string, FunctionNode>): FunctionNode | undefined {
  let found: FunctionNode | undefined;
  walk(node, (n) => {
    if (n.type === 'Identifier' && fns.has(n.name)) found = fns.get(n.name);
  });
  return found;
}

function emptyFacts(file: string, node: AstNode): FunctionFacts {
  return { file, startLine: node.loc.start.line, endLine: node.loc.end.line, touches: [], calls: [] };
}

/** `if (req.method === 'POST')`, `switch (req.method) { case 'GET': … }`, `event.httpMethod !== 'POST'` (Lambda, Netlify). */
export function methodsCompared(fn: FunctionNode, text: string): string[] {
  const out = new Set<string>();
  const body = text.slice(fn.range[0], fn.range[1]);
  for (const m of body.matchAll(/\.(?:method|httpMethod)\s*[!=]==?\s*['"`]([A-Z]+)['"`]/g)) out.add(m[1]);
  if (/switch\s*\(\s*[\w.]*\.(?:method|httpMethod)\s*\)/.test(body)) for (const m of body.matchAll(/case\s+['"`]([A-Z]+)['"`]/g)) out.add(m[1]);
  return [...out].filter((m) => VERBS.has(m));
}

/** Lists of pages a middleware leaves open: `publicRoutes`, `PUBLIC_PATHS`, `unprotectedRoutes`. */
const PUBLIC_LIST = /^(?:public|unprotected|unauthenticated|open|guest|anonymous)_?(?:routes?|paths?|pages?|urls?)$/i;

function collectMiddleware(ast: Program, text: string, file: string): Omit<NextMiddleware, 'dir'> {
  const mw: Omit<NextMiddleware, 'dir'> = { file, calls: [] };
  const matchers: Map<string, string[]> = new Map();
  walk(ast, (node) => {
    // `const publicRoutes = ['/', '/pricing']`: pages the middleware lets anyone see, so it guards nothing there
    // (nor the server actions, which can be posted to any page).
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && PUBLIC_LIST.test(node.id.name) && node.init?.type === 'ArrayExpression') {
      const paths = node.init.elements.map((e) => staticString(e as AstNode)).filter((p): p is string => !!p && p.startsWith('/'));
      if (paths.length) (mw.except ??= []).push(...paths);
    }
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init?.type === 'CallExpression' && memberPath(node.init.callee as AstNode) === 'createRouteMatcher') {
      const arg = node.init.arguments[0] as AstNode | undefined;
      matchers.set(node.id.name, arg?.type === 'ArrayExpression' ? arg.elements.map((e) => staticString(e as AstNode)).filter((s): s is string => !!s) : []);
    }
  });
  for (const stmt of ast.body) {
    if (stmt.type === 'ExportNamedDeclaration' && stmt.source) {
      const source = String(stmt.source.value);
      for (const s of stmt.specifiers) {
        const exported = s.exported.type === 'Identifier' ? s.exported.name : '';
        if ((exported === 'default' || exported === 'middleware') && source === 'next-auth/middleware') mw.auth = { text: '`next-auth/middleware` redirects visitors who are not signed in', file, line: s.loc.start.line };
        else if (exported === 'middleware' || exported === 'default') mw.unknown = { text: `middleware re-exported from \`${source}\` (its \`authorized\` callback decides)`, file, line: s.loc.start.line };
      }
    }
    if (stmt.type === 'ExportNamedDeclaration' && stmt.declaration?.type === 'VariableDeclaration') {
      for (const d of stmt.declaration.declarations) {
        if (d.id.type === 'Identifier' && d.id.name === 'config' && d.init?.type === 'ObjectExpression') {
          const m = d.init.properties.find((p) => p.type === 'Property' && p.key.type === 'Identifier' && p.key.name === 'matcher') as TSESTree.Property | undefined;
          const v = m?.value as AstNode | undefined;
          if (v?.type === 'ArrayExpression') mw.matchers = v.elements.map((e) => (e?.type === 'ObjectExpression' ? staticString((e.properties.find((p) => p.type === 'Property' && p.key.type === 'Identifier' && p.key.name === 'source') as TSESTree.Property | undefined)?.value as AstNode) : staticString(e as AstNode))).filter((s): s is string => !!s);
          else if (v && staticString(v)) mw.matchers = [staticString(v)!];
        }
        if (d.id.type === 'Identifier' && d.id.name === 'middleware') readHandler(d.init as AstNode, d.loc.start.line);
      }
    }
    if (stmt.type === 'ExportNamedDeclaration' && stmt.declaration?.type === 'FunctionDeclaration' && stmt.declaration.id?.name === 'middleware') readHandler(stmt.declaration, stmt.loc.start.line);
    if (stmt.type === 'ExportDefaultDeclaration') readHandler(stmt.declaration as AstNode, stmt.loc.start.line);
  }
  return mw;

  function readHandler(node: AstNode | null | undefined, line: number): void {
    if (!node) return;
    const wrapper = node.type === 'CallExpression' ? memberPath(node.callee as AstNode) : undefined;
    const fnNode = isFunction(node) ? node : node.type === 'CallExpression' ? (node.arguments.find((a) => isFunction(a as AstNode)) as FunctionNode | undefined) : undefined;
    if (wrapper === 'withAuth') mw.auth = { text: '`withAuth` from next-auth redirects visitors who are not signed in', file, line };
    if (fnNode) {
      mw.facts = analyzeFunction(fnNode, text, file, 'middleware');
      mw.calls = mw.facts.calls;
      // Paths let through before any check (`if (pathname.startsWith('/api/')) return NextResponse.next()`).
      const passed = passedThroughFirst(fnNode, text);
      if (passed.length) mw.except = [...(mw.except ?? []), ...passed];
    }
    if (wrapper === 'clerkMiddleware') {
      // Clerk protects nothing by default: only `auth.protect()` (or `auth().protect()`) turns visitors away.
      if (!fnNode) return;
      walk(fnNode, (n, ancestors) => {
        const called = n.type === 'CallExpression' ? memberPath(n.callee as AstNode) ?? (n.callee.type === 'MemberExpression' && n.callee.property.type === 'Identifier' ? `x.${n.callee.property.name}` : '') : '';
        // `auth.protect()`, or `redirectToSignIn()` (from `await auth()`) for visitors without a user id.
        if (n.type !== 'CallExpression' || !/(^|\.)(?:protect|redirectToSignIn)$/.test(called)) return;
        const what = /protect$/.test(called) ? '`auth.protect()`' : '`redirectToSignIn()`';
        mw.auth = { text: `${what} in Clerk middleware turns away visitors who are not signed in`, file, line: n.loc.start.line };
        const cond = [...ancestors].reverse().find((a) => a.type === 'IfStatement') as TSESTree.IfStatement | undefined;
        // `if (isProtectedRoute(req))`, `if (!isPublicRoute(req))`, `if (!userId && isProtectedRoute(req))`.
        const scope = cond && matcherTest(cond.test as AstNode);
        const patterns = scope && matchers.get(scope.name);
        if (patterns) {
          if (scope.negated) mw.except = [...(mw.except ?? []), ...patterns];
          else mw.only = patterns;
        }
      });
    } else if (wrapper === 'authMiddleware' && CLERK_IMPORT.test(text)) {
      // Clerk v4: every route the matcher covers needs a signed-in user, but the `publicRoutes` and `ignoredRoutes` listed.
      const options = (node as TSESTree.CallExpression).arguments[0] as AstNode | undefined;
      const listed = (key: string): string[] | undefined => {
        if (options?.type !== 'ObjectExpression') return [];
        const p = options.properties.find((q) => q.type === 'Property' && propertyName(q) === key) as TSESTree.Property | undefined;
        if (!p) return [];
        const v = p.value as AstNode;
        if (v.type === 'ArrayExpression') return v.elements.map((e) => staticString(e as AstNode)).filter((e): e is string => !!e);
        return staticString(v) !== undefined ? [staticString(v)!] : undefined;
      };
      const open = [listed('publicRoutes'), listed('ignoredRoutes')];
      // A function deciding which routes are public (`publicRoutes: (req) => …`) is read by nobody here.
      if (open.some((o) => o === undefined)) mw.unknown = { text: 'Clerk `authMiddleware` with public routes decided by a function', file, line };
      else {
        mw.auth = { text: 'Clerk `authMiddleware` turns away visitors who are not signed in', file, line };
        const except = open.flat() as string[];
        if (except.length) mw.except = [...(mw.except ?? []), ...except];
      }
    } else if (wrapper === 'auth' && fnNode && !mw.facts?.auth) {
      // `if (isProtectedRoute) { if (isLoggedIn) return; return NextResponse.redirect(…) }` with the protected paths
      // named by `pathname.startsWith(…)`: the callback turns visitors away there only (and not from server actions,
      // which can be posted to any page).
      const prefixes = pathScopedRedirect(fnNode, text);
      if (prefixes) {
        mw.auth = { text: `Auth.js \`auth()\` middleware sends visitors who are not signed in to sign in on ${prefixes.join(', ')}`, file, line };
        mw.only = prefixes.flatMap((p) => [p, `${p.replace(/\/$/, '')}/:path*`]);
      } else mw.unknown = { text: 'Auth.js `auth()` middleware (its `authorized` callback decides)', file, line };
    }
  }
}

const PATH_PREFIX_TEST = /\bpathname\.startsWith\(\s*(['"`])(\/[^'"`]*)\1\s*\)/g;
/** A redirect to a sign-in page: `NextResponse.redirect(new URL('/login', req.url))`, `redirect('/auth')`. */
const SIGN_IN_REDIRECT = /\b(?:(?:NextResponse|Response)\.)?redirect\([^;]*?['"`]\/(?:auth|login|log-in|signin|sign-in|signup|sign-up|register|api\/auth\/signin)\b/gi;

/** `pathname === '/'`: one path. */
const PATH_EQUALS_TEST = /\bpathname\s*===?\s*(['"`])(\/[^'"`]*)\1/g;
/** Tests for static files (`pathname.includes('.')`, `pathname.endsWith('.png')`): they name no route of the app's. */
const STATIC_FILE_TEST = /\bpathname\.(?:includes|endsWith)\(\s*(['"`])\.[\w.]*\1\s*\)/g;

/**
 * The prefixes of a test made only of `pathname.startsWith('/…')` tests joined by `||` (through a local it names).
 * With `exact`, also `pathname === '/…'` tests (given back as `=/…`) and tests for static files (left out).
 */
function pathPrefixTest(testText: string, locals: ReadonlyMap<string, string>, exact = false): string[] | undefined {
  const name = /^\(?([A-Za-z_$][\w$]*)\)?$/.exec(testText.replace(/\s+/g, ''))?.[1];
  let expanded = ((name && locals.get(name)) ?? testText).replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '');
  const found = [...expanded.matchAll(PATH_PREFIX_TEST)].map((m) => m[2]);
  expanded = expanded.replace(PATH_PREFIX_TEST, '');
  if (exact) {
    found.push(...[...expanded.matchAll(PATH_EQUALS_TEST)].map((m) => `=${m[2]}`));
    expanded = expanded.replace(PATH_EQUALS_TEST, '').replace(STATIC_FILE_TEST, '');
  }
  // Only `||` between prefix tests: the branch is for those paths and no others.
  const rest = expanded.replace(/[\s()|]|(?:req|request)\.nextUrl\.|nextUrl\./g, '');
  return found.length && rest === '' ? found : undefined;
}

/** A branch that only lets the request on, spaces removed: `return NextResponse.next()`, `return;`, `return NextResponse.rewrite(…)`. */
const PASS_THROUGH = /^\{?return(?:NextResponse\.next\(\)|NextResponse\.rewrite\([^;{}]*\))?;?\}?$/;
/** What a middleware checks or turns away with: a redirect, Clerk's `protect()`, a 401. */
const MIDDLEWARE_CHECK = /\bprotect\(|\bredirect(?:ToSignIn)?\(|\b401\b/;

/**
 * `if (pathname.startsWith('/api/')) return NextResponse.next()` before any check: the paths the middleware lets
 * through unchecked (as matchers).
 */
function passedThroughFirst(fn: FunctionNode, text: string): string[] {
  if (fn.body.type !== 'BlockStatement') return [];
  const locals = new Map<string, string>();
  const out: string[] = [];
  for (const stmt of fn.body.body) {
    const stmtText = text.slice(stmt.range[0], stmt.range[1]);
    if (stmt.type === 'VariableDeclaration') {
      for (const d of stmt.declarations) if (d.id.type === 'Identifier' && d.init) locals.set(d.id.name, text.slice(d.init.range[0], d.init.range[1]));
      continue;
    }
    if (stmt.type === 'IfStatement' && !stmt.alternate) {
      const found = pathPrefixTest(text.slice(stmt.test.range[0], stmt.test.range[1]), locals, true);
      const body = text.slice(stmt.consequent.range[0], stmt.consequent.range[1]);
      // (Compared without comments, logging or spaces.)
      if (found && PASS_THROUGH.test(body.replace(/\/\/[^\n]*|console\.\w+\([^;\n]*\);?/g, '').replace(/\s+/g, ''))) {
        out.push(...found.flatMap((p) => (p.startsWith('=') ? [p.slice(1)] : [p.replace(/\/$/, '') || '/', `${p.replace(/\/$/, '')}/:path*`])));
        continue;
      }
    }
    if (MIDDLEWARE_CHECK.test(stmtText)) break;
  }
  return out;
}

/**
 * The path prefixes a middleware callback protects, when every redirect to a sign-in page it makes sits in an `if`
 * whose test (or the local it names) is only `pathname.startsWith('/…')` tests joined by `||`; undefined when any is
 * made elsewhere (the callback then protects more than those paths).
 */
function pathScopedRedirect(fn: FunctionNode, text: string): string[] | undefined {
  const locals = new Map<string, string>();
  const prefixes = new Set<string>();
  const prefixesOf = (testText: string) => pathPrefixTest(testText, locals);
  const signIns = (from: number, to: number) => [...text.slice(from, to).matchAll(SIGN_IN_REDIRECT)].length;
  let scoped = 0;
  walk(fn.body as AstNode, (n) => {
    if (n.type === 'VariableDeclarator' && n.id.type === 'Identifier' && n.init) locals.set(n.id.name, text.slice(n.init.range[0], n.init.range[1]));
    if (n.type !== 'IfStatement') return undefined;
    const found = prefixesOf(text.slice(n.test.range[0], n.test.range[1]));
    if (!found) return undefined;
    // A branch for those paths: protection if it sends visitors to sign in (not one that sends signed-in users away from `/auth`).
    const count = signIns(n.consequent.range[0], n.consequent.range[1]);
    if (count) {
      for (const p of found) prefixes.add(p);
      scoped += count;
    }
    return false;
  });
  return prefixes.size && scoped === signIns(fn.body.range[0], fn.body.range[1]) ? [...prefixes].sort() : undefined;
}

/** Clerk's Next.js SDK, whose v4 `authMiddleware` protects every route it is not told is public. */
const CLERK_IMPORT = /from\s+['"]@clerk\/nextjs(?:\/server)?['"]/;

/** The route matcher a middleware condition calls, through `&&`, and whether it is negated. */
function matcherTest(test: AstNode): { name: string; negated: boolean } | undefined {
  if (test.type === 'LogicalExpression' && test.operator === '&&') return matcherTest(test.left as AstNode) ?? matcherTest(test.right as AstNode);
  const negated = test.type === 'UnaryExpression' && test.operator === '!';
  const call = (negated ? (test as TSESTree.UnaryExpression).argument : test) as AstNode;
  return call.type === 'CallExpression' && call.callee.type === 'Identifier' ? { name: call.callee.name, negated } : undefined;
}
