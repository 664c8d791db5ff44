import { posix } from 'node:path';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, moduleConstants, objectProperty, parentOf, propertyName, staticString } from '../engine/ast-utils.js';
import type { AstNode } from '../parse/types.js';
import { analyzeFunction } from './auth.js';
import { lenientOption } from './middleware.js';
import { DENO_DEPS, OAK_CLASS, OAK_SOURCE } from './oak.js';
import { isFunction, shorten, textOf, unwrap, type FunctionNode } from './ast.js';
import type { AppObject, HandlerRef, Registration, ServerFramework } from './types.js';

/** Express, Hono, Koa (routers) and Fastify share one shape: an app or router object with route and `use` calls. */
export const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'options', 'head']);
/** Methods that register on an app and return it, so calls can be chained. */
/** Elysia's chained methods besides routes: groups, guards, hooks and what they add to the context. */
const ELYSIA_CHAIN = ['group', 'guard', 'derive', 'resolve', 'onBeforeHandle', 'onAfterHandle', 'onError', 'onTransform', 'state', 'decorate', 'model', 'macro', 'onStart', 'onStop'];
const CHAIN_METHODS = new Set([...HTTP_METHODS, 'use', 'route', 'on', 'all', ...ELYSIA_CHAIN]);
/** Hooks in a route's options that run before its handler: Fastify's, and Elysia's `beforeHandle`. */
const FASTIFY_HOOKS = new Set(['onRequest', 'preParsing', 'preValidation', 'preHandler', 'beforeHandle']);
const SERVER_WORDS = /express|hono|fastify|koa|router|elysia/i;
const ROUTER_NAME = /^(app|router|server|api|routes|fastify|instance|r|v1|v2)$|Router$|router$|App$|Routes$/;

/** What an expression creates: `express()`, `Router()`, `new Hono()`, `Fastify()`, `new Router({ prefix })`. */
export function appCreatedBy(init: AstNode | null | undefined, imports: ReadonlyMap<string, { source: string; imported: string }>): Omit<AppObject, 'name'> | undefined {
  if (!init) return undefined;
  const node = unwrap(init);
  if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && memberPath(node.callee.property as AstNode) === 'basePath') {
    const inner = appCreatedBy(node.callee.object as AstNode, imports);
    return inner ? { ...inner, prefix: staticString(node.arguments[0] as AstNode) } : undefined;
  }
  if (node.type !== 'CallExpression' && node.type !== 'NewExpression') return undefined;
  // `require('express').Router()`: the module's export, called.
  const fromRequire = node.callee.type === 'MemberExpression' && node.callee.object.type === 'CallExpression' && memberPath(node.callee.object.callee as AstNode) === 'require' ? node.callee : undefined;
  if (fromRequire && staticString((fromRequire.object as TSESTree.CallExpression).arguments[0] as AstNode) === 'express' && propertyName(fromRequire) === 'Router') return { framework: 'express', isRouter: true };
  const callee = memberPath(node.callee as AstNode);
  if (!callee) return undefined;
  const head = callee.split('.')[0];
  const source = imports.get(head)?.source ?? (node.callee.type === 'CallExpression' ? undefined : undefined);
  const requireSource = node.callee.type === 'CallExpression' && memberPath(node.callee.callee as AstNode) === 'require' ? staticString(node.callee.arguments[0] as AstNode) : undefined;
  const from = source ?? requireSource ?? '';
  const opts = node.arguments[0]?.type === 'ObjectExpression' ? node.arguments[0] : undefined;
  const prefixProp = opts?.properties.find((p) => p.type === 'Property' && p.key.type === 'Identifier' && p.key.name === 'prefix') as TSESTree.Property | undefined;
  const prefix = prefixProp ? staticString(prefixProp.value as AstNode) : undefined;
  if (from === 'express' || callee === 'express' || callee === 'express.Router') return { framework: 'express', isRouter: callee !== 'express' };
  // The app classes of `hono` and its presets (`hono/tiny`, `@hono/zod-openapi`'s `OpenAPIHono`), not its middleware
  // factories (`jwt()` from `hono/jwt`, `cors()` from `hono/cors`).
  const imported = imports.get(head)?.imported;
  if (callee === 'Hono' || ((from === 'hono' || /^hono\/(?:tiny|quick)$/.test(from) || from === '@hono/zod-openapi') && /Hono$/.test(imported ?? ''))) return { framework: 'hono', isRouter: false };
  if (from === 'fastify' || callee === 'Fastify' || callee === 'fastify') return { framework: 'fastify', isRouter: false };
  if (from === 'elysia' || callee === 'Elysia') return { framework: 'elysia', isRouter: false, prefix };
  if (from === '@koa/router' || from === 'koa-router' || callee === 'KoaRouter') return { framework: 'koa', isRouter: true, prefix };
  if (from === 'koa' || callee === 'Koa') return { framework: 'koa', isRouter: false };
  // Oak (Deno), imported as it is or through the project's `deps.ts`.
  if ((OAK_SOURCE.test(from) || DENO_DEPS.test(from)) && OAK_CLASS.test(imported ?? callee)) return { framework: 'koa', isRouter: (imported ?? callee) === 'Router', prefix };
  if (from === 'itty-router' && /^(?:Router|AutoRouter|IttyRouter)$/.test(callee)) return { framework: 'express', isRouter: false };
  if (callee === 'Router' && node.type === 'CallExpression') return { framework: 'express', isRouter: true };
  return undefined;
}

interface Context {
  text: string;
  file: string;
  imports: ReadonlyMap<string, { source: string; imported: string }>;
  defaultFramework?: ServerFramework;
}

/** What a file's server routes are: its app objects and, in source order, their routes, `use` calls, mounts and hooks. */
export interface ServerRoutes {
  apps: AppObject[];
  registrations: Registration[];
}

/** Methods that register something on an app besides the HTTP verbs: mounts, middleware, hooks, Hono's `on`. */
const REGISTERING = new Set(['on', 'route', 'use', 'register', 'addHook', 'group', 'guard', 'onBeforeHandle']);

/**
 * Listeners for the shared traversal (which sets `parent` before a node's listeners run) that fill `out` with
 * the file's server routes; undefined when the file cannot hold any.
 */
export function serverRouteListeners(ctx: Context, out: ServerRoutes): Record<string, (node: AstNode) => void> | undefined {
  const { apps, registrations } = out;
  // Without a framework from the package, every registration needs an app made here (appCreatedBy), and each
  // way of making one names the framework or a Router in the text.
  if (!ctx.defaultFramework && !SERVER_WORDS.test(ctx.text)) return undefined;
  // Functions being traversed, outermost first: the outermost names the scope (a router made inside `setup(app)` belongs to it).
  const functions: FunctionNode[] = [];
  const scopeOf = (): { scope: string; params: Set<string> } => {
    const a = functions[0];
    if (!a) return { scope: '', params: new Set() };
    const parent = parentOf(a);
    const name = a.type !== 'ArrowFunctionExpression' && a.id ? a.id.name : parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier' ? parent.id.name : parent?.type === 'ExportDefaultDeclaration' ? 'default' : undefined;
    const params = new Set(a.params.filter((p): p is TSESTree.Identifier => p.type === 'Identifier').map((p) => p.name));
    return { scope: name ?? `fn@${a.loc.start.line}`, params };
  };
  let order = 0;
  // Paths built from the file's constants (`const prefix = '/users'; router.get(prefix + '/:id', …)`).
  let program: TSESTree.Program | undefined;
  const pathOf = (node: AstNode | undefined): string | undefined => textValue(node, moduleConstants(program));
  const declarator = (node: AstNode) => {
    if (node.type !== 'VariableDeclarator' || node.id.type !== 'Identifier') return;
    const created = appCreatedBy(node.init as AstNode, ctx.imports);
    if (created) {
      const { scope } = scopeOf();
      apps.push({ name: scoped(scope, node.id.name), ...created });
    }
  };
  // Calls already read as part of a chain (`app.use(mw).route('/api', api).get('/health', h)`).
  const chained = new Set<AstNode>();
  const call = (node: AstNode) => {
    if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression' || chained.has(node)) return;
    if (node.callee.object.type === 'Identifier') return registration(node, node.callee.object.name);
    const { links, base: obj } = registrationChain(node);
    if (!CHAIN_METHODS.has(propertyName(node.callee) ?? '')) return;
    // `module.exports = Router().get(…).post(…)`, `const api = new Hono().get(…)`: the chain starts where the app
    // or router is made, which is named by the variable it is kept in, or by where it is made.
    const made = obj.type === 'CallExpression' || obj.type === 'NewExpression' ? appCreatedBy(obj, ctx.imports) : undefined;
    if (made) {
      const holder = parentOf(node);
      const held = holder?.type === 'VariableDeclarator' && holder.init === node && holder.id.type === 'Identifier' ? scoped(scopeOf().scope, holder.id.name) : undefined;
      const name = held ?? inPlaceAppName(obj);
      if (!apps.some((a) => a.name === name)) apps.push({ name, ...made });
      for (const link of links) {
        chained.add(link);
        registration(link, name);
      }
      return;
    }
    if (obj.type !== 'Identifier' || links.length < 2) return;
    for (const link of links) {
      chained.add(link);
      registration(link, obj.name);
    }
  };
  const registration = (node: TSESTree.CallExpression, receiver: string) => {
    if (node.callee.type !== 'MemberExpression') return;
    const method = node.callee.property.type === 'Identifier' ? node.callee.property.name : undefined;
    if (!method || !(HTTP_METHODS.has(method) || REGISTERING.has(method))) return;
    const { scope, params } = scopeOf();
    const known = apps.find((a) => a.name === scoped(scope, receiver) || a.name === receiver);
    const framework = known?.framework ?? ctx.defaultFramework;
    if (!framework) return;
    const target = known?.name ?? scoped(params.has(receiver) ? scope : '', receiver);
    if (!known && !params.has(receiver) && !ROUTER_NAME.test(receiver)) return;
    const args = node.arguments as AstNode[];
    // The line of the method's name: a chained registration (`new Hono().get(…)\n  .post(…)`) starts where its chain does.
    const line = node.callee.property.loc.start.line;
    const reg = (r: Omit<Registration, 'target' | 'framework' | 'line' | 'order'>) => registrations.push({ target, framework, line, order: order++, ...r });

    if (HTTP_METHODS.has(method) || (method === 'on' && framework === 'hono')) {
      const [first, ...rest] = method === 'on' ? args.slice(1) : args;
      const path = pathOf(first);
      if (path === undefined || !/^[/*]/.test(path) || rest.length === 0) return;
      const verb = method === 'on' ? (staticString(args[0]) ?? 'ALL') : method === 'del' ? 'DELETE' : method.toUpperCase();
      if (!known && !params.has(receiver) && !rest.some((a) => isFunction(a) || a.type === 'Identifier' || a.type === 'CallExpression')) return;
      // Fastify shorthand: `app.post(path, { preHandler: [app.authenticate] }, handler)`.
      const options = rest.filter((a): a is TSESTree.ObjectExpression => a.type === 'ObjectExpression');
      const hooks = options.flatMap((o) => fastifyHooks(o, ctx));
      const handlers = rest.filter((a) => a.type !== 'ObjectExpression').flatMap((a) => handlerRefs(a, ctx));
      // Or the handler in the options: `fastify.post('/', { preHandler: [auth], handler: createUser })`.
      const inOptions = handlers.length ? undefined : options.map((o) => objectProperty(o, 'handler')?.value as AstNode | undefined).find((h) => h);
      reg({ kind: 'route', method: verb, path, handlers: [...hooks, ...(inOptions ? handlerRefs(inOptions, ctx) : handlers)] });
    } else if (method === 'route' && framework === 'hono' && args.length >= 2) {
      reg({ kind: 'mount', path: pathOf(args[0]) ?? '', handlers: [], mounted: mountedOf(args[1]) });
    } else if (method === 'route' && args.length === 1 && framework !== 'fastify') {
      // router.route('/x').get(h).post(h)
      const path = pathOf(args[0]);
      if (path === undefined) return;
      let cur: AstNode = node;
      for (;;) {
        const member = parentOf(cur);
        const outer = member && parentOf(member);
        if (member?.type !== 'MemberExpression' || member.object !== cur || outer?.type !== 'CallExpression' || outer.callee !== member) break;
        const verb = member.property.type === 'Identifier' ? member.property.name : '';
        if (HTTP_METHODS.has(verb)) reg({ kind: 'route', method: verb.toUpperCase(), path, handlers: outer.arguments.flatMap((a) => handlerRefs(a as AstNode, ctx)) });
        cur = outer;
      }
    } else if (method === 'route' && framework === 'fastify' && args[0]?.type === 'ObjectExpression') {
      const opts = args[0];
      const get = (k: string) => (opts.properties.find((p) => p.type === 'Property' && p.key.type === 'Identifier' && p.key.name === k) as TSESTree.Property | undefined)?.value as AstNode | undefined;
      const methodNode = get('method');
      const verbs = methodNode?.type === 'ArrayExpression' ? methodNode.elements.map((e) => staticString(e as AstNode) ?? 'ALL') : [staticString(methodNode) ?? 'ALL'];
      const path = staticString(get('url') ?? get('path'));
      if (path === undefined) return;
      const hooks = fastifyHooks(opts, ctx);
      const handler = get('handler');
      for (const verb of verbs) reg({ kind: 'route', method: verb.toUpperCase(), path, handlers: [...hooks, ...(handler ? handlerRefs(handler, ctx) : [])] });
    } else if (framework === 'elysia' && (method === 'group' || method === 'guard')) {
      // `.group('/users', (app) => app.get(…))`, `.guard({ beforeHandle: [auth] }, (app) => app.get(…))`: the routes
      // the callback adds to its parameter, under the prefix and behind the hooks. (Read at the top of the module
      // only, where the callback's parameter names the scope its routes are registered in.)
      const cb = args.find((a) => isFunction(a)) as FunctionNode | undefined;
      const param = cb?.params[0]?.type === 'Identifier' ? cb.params[0].name : undefined;
      if (!cb || !param || functions.length) return;
      const child = scoped(`fn@${cb.loc.start.line}`, param);
      const options = args.find((a): a is TSESTree.ObjectExpression => a.type === 'ObjectExpression');
      const hooks = options ? fastifyHooks(options, ctx) : [];
      if (hooks.length) registrations.push({ target: child, framework, line, order: order++, kind: 'use', path: '', handlers: hooks });
      reg({ kind: 'mount', path: method === 'group' ? (staticString(args[0]) ?? '') : '', handlers: [], mounted: { name: child } });
    } else if (framework === 'elysia' && method === 'onBeforeHandle') {
      // A hook every later route of the instance runs first, which may answer instead of the handler: judged as
      // middleware by what it does. (`derive` and `resolve` only add to the context, whatever they verify.)
      const fn = args.find((a) => isFunction(a));
      if (fn) reg({ kind: 'use', path: '', handlers: handlerRefs(fn, ctx) });
    } else if (framework === 'elysia' && method === 'use') {
      // `.use(users)` mounts another instance; `.use(jwt({ … }))`, `.use(cors())` add plugins that check nothing themselves.
      const mounted = args[0]?.type === 'Identifier' ? mountedOf(args[0]) : undefined;
      if (mounted) reg({ kind: 'mount', path: '', handlers: [], mounted });
    } else if (method === 'use') {
      const path = pathOf(args[0]);
      const rest = path !== undefined ? args.slice(1) : args;
      for (const a of rest) {
        const mounted = mountedOf(a);
        if (mounted) reg({ kind: 'mount', path: path ?? '', handlers: [], mounted });
        else reg({ kind: 'use', path: path ?? '', handlers: handlerRefs(a, ctx) });
      }
    } else if (method === 'register' && framework === 'fastify' && args[0] && autoloadDir(args, ctx)) {
      // `app.register(autoLoad, { dir: join(__dirname, 'routes'), options: { prefix: '/api' } })`: every plugin in the folder.
      const { dir, prefix, byFolder } = autoloadDir(args, ctx)!;
      reg({ kind: 'mount', path: prefix, handlers: [], mounted: { name: `autoload:${dir}`, dir, byFolder } });
    } else if (method === 'register' && framework === 'fastify' && args[0]) {
      const opts = args[1]?.type === 'ObjectExpression' ? args[1] : undefined;
      const prefixProp = opts?.properties.find((p) => p.type === 'Property' && p.key.type === 'Identifier' && p.key.name === 'prefix') as TSESTree.Property | undefined;
      const mounted = isFunction(args[0]) ? { name: `fn@${args[0].loc.start.line}` } : mountedOf(args[0]) ?? (args[0].type === 'Identifier' ? { name: args[0].name } : undefined);
      if (mounted) reg({ kind: 'mount', path: prefixProp ? (staticString(prefixProp.value as AstNode) ?? '') : '', handlers: [], mounted });
    } else if (method === 'addHook' && framework === 'fastify' && FASTIFY_HOOKS.has(staticString(args[0]) ?? '') && args[1]) {
      reg({ kind: 'hook', path: '', handlers: handlerRefs(args[1], ctx) });
    }
  };
  const enter = (node: AstNode) => void functions.push(node as FunctionNode);
  const leave = () => void functions.pop();
  return {
    Program: (node: AstNode) => {
      if (node.type === 'Program') program = node;
    },
    VariableDeclarator: declarator,
    CallExpression: call,
    FunctionDeclaration: enter,
    FunctionExpression: enter,
    ArrowFunctionExpression: enter,
    'FunctionDeclaration:exit': leave,
    'FunctionExpression:exit': leave,
    'ArrowFunctionExpression:exit': leave,
  };
}

/**
 * The folder `@fastify/autoload` loads plugins from, relative to the project (`dir: join(__dirname, 'routes')`,
 * `path.resolve(__dirname, 'http/routes')`, `` `${__dirname}/routes` ``), with the prefix its `options` give them and
 * whether sub-folders add their names to it (`dirNameRoutePrefix`, on unless set to `false`).
 */
function autoloadDir(args: AstNode[], ctx: Context): { dir: string; prefix: string; byFolder: boolean } | undefined {
  const plugin = unwrap(args[0]);
  const imported = plugin.type === 'Identifier' ? ctx.imports.get(plugin.name)?.source : plugin.type === 'ImportExpression' ? staticString(plugin.source as AstNode) : plugin.type === 'CallExpression' && memberPath(plugin.callee as AstNode) === 'require' ? staticString(plugin.arguments[0] as AstNode) : undefined;
  if (imported !== '@fastify/autoload' && imported !== 'fastify-autoload') return undefined;
  const opts = args[1] && unwrap(args[1]);
  if (opts?.type !== 'ObjectExpression') return undefined;
  const dirValue = objectProperty(opts, 'dir')?.value as AstNode | undefined;
  const sub = dirValue && folderUnderDirname(unwrap(dirValue));
  if (sub === undefined) return undefined;
  const dir = posix.join(posix.dirname(ctx.file), sub).replace(/^(?:\.\/)+|\/$/g, '');
  const options = objectProperty(opts, 'options')?.value as AstNode | undefined;
  const prefixValue = options && unwrap(options).type === 'ObjectExpression' ? objectProperty(unwrap(options) as TSESTree.ObjectExpression, 'prefix')?.value : undefined;
  const byFolderValue = objectProperty(opts, 'dirNameRoutePrefix')?.value;
  return { dir, prefix: (prefixValue && staticString(prefixValue as AstNode)) ?? '', byFolder: !(byFolderValue?.type === 'Literal' && byFolderValue.value === false) };
}

/** `join(__dirname, 'a', 'b')`, `path.resolve(__dirname, 'a/b')`, `` `${__dirname}/a` ``: the folder below this file's, as `a/b`. */
function folderUnderDirname(n: AstNode): string | undefined {
  if (n.type === 'TemplateLiteral' && n.expressions.length === 1 && n.expressions[0].type === 'Identifier' && n.expressions[0].name === '__dirname' && n.quasis[0].value.cooked === '') return n.quasis[1].value.cooked?.replace(/^\//, '');
  if (n.type !== 'CallExpression' || !/^(?:path\.)?(?:join|resolve)$/.test(memberPath(n.callee as AstNode) ?? '')) return undefined;
  const [base, ...rest] = n.arguments as AstNode[];
  if (base?.type !== 'Identifier' || base.name !== '__dirname') return undefined;
  const parts = rest.map((a) => staticString(a));
  return parts.every((p): p is string => p !== undefined) ? parts.join('/') : undefined;
}

function fastifyHooks(opts: TSESTree.ObjectExpression, ctx: Context): HandlerRef[] {
  return opts.properties.flatMap((p) => (p.type === 'Property' && p.key.type === 'Identifier' && FASTIFY_HOOKS.has(p.key.name) ? handlerRefs(p.value as AstNode, ctx) : []));
}

/** The name of an app or router made where its registrations are chained on, and never kept in a variable. */
function inPlaceAppName(made: AstNode): string {
  return `app@${made.range[0]}`;
}

/**
 * The app or router a chain of registrations exported as it is (`module.exports = Router().get(…)`) starts from,
 * by the name the route listeners give it; undefined for anything else.
 */
export function exportedChainApp(node: AstNode, imports: ReadonlyMap<string, { source: string; imported: string }>): string | undefined {
  const n = unwrap(node);
  if (n.type !== 'CallExpression' || n.callee.type !== 'MemberExpression' || !CHAIN_METHODS.has(propertyName(n.callee) ?? '')) return undefined;
  const { base } = registrationChain(n);
  return (base.type === 'CallExpression' || base.type === 'NewExpression') && appCreatedBy(base, imports) ? inPlaceAppName(base) : undefined;
}

/**
 * Hono's and Express's registrations return the app: the calls of a chain from its first on, in order, and what the
 * first is called on. `router.route('/x').get(h).post(h)` is read from its `route` call (it names the path of what
 * follows).
 */
function registrationChain(last: TSESTree.CallExpression): { links: TSESTree.CallExpression[]; base: AstNode } {
  const links: TSESTree.CallExpression[] = [last];
  let obj = (last.callee.type === 'MemberExpression' ? last.callee.object : last.callee) as AstNode;
  while (obj.type === 'CallExpression' && obj.callee.type === 'MemberExpression' && CHAIN_METHODS.has(propertyName(obj.callee) ?? '') && !(propertyName(obj.callee) === 'route' && obj.arguments.length === 1)) {
    links.unshift(obj);
    obj = obj.callee.object as AstNode;
  }
  return { links, base: obj };
}

function scoped(scope: string, name: string): string {
  return scope ? `${scope}>${name}` : name;
}

/** A router passed to `use`/`route`/`register`: a name, `require('./x')`, or Koa's `router.routes()`. */
function mountedOf(node: AstNode): Registration['mounted'] | undefined {
  const n = unwrap(node);
  if (n.type === 'CallExpression') {
    const callee = memberPath(n.callee as AstNode);
    if (callee === 'require') {
      const spec = staticString(n.arguments[0] as AstNode);
      return spec && /^[.@~/]/.test(spec) ? { name: spec, require: spec } : undefined;
    }
    if (callee && /\.(routes|middleware)$/.test(callee) && n.arguments.length === 0) return { name: callee.replace(/\.(routes|middleware)$/, '') };
    if (n.callee.type === 'MemberExpression' && memberPath(n.callee.property as AstNode) === 'default' && n.callee.object.type === 'CallExpression') return mountedOf(n.callee.object as AstNode);
    return undefined;
  }
  if (n.type === 'MemberExpression' && memberPath(n.object as AstNode) === undefined && n.object.type === 'CallExpression') return mountedOf(n.object as AstNode);
  if (n.type === 'Identifier') return { name: n.name, require: undefined };
  return undefined;
}

/**
 * The paths an express-unless option skips: `{ path: ['/login', { url: '/signup', methods: ['POST'] }] }` or one
 * path. Regular expressions are left out (the middleware is then taken to run on every path).
 */
function unlessPaths(options: AstNode | undefined): string[] {
  const o = options && unwrap(options);
  const path = o?.type === 'ObjectExpression' ? (objectProperty(o, 'path')?.value as AstNode | undefined) : undefined;
  const items = path?.type === 'ArrayExpression' ? path.elements : path ? [path] : [];
  const out: string[] = [];
  for (const item of items) {
    const v = item && item.type !== 'SpreadElement' ? unwrap(item as AstNode) : undefined;
    const url = v?.type === 'ObjectExpression' ? (objectProperty(v, 'url')?.value as AstNode | undefined) : v;
    const text = staticString(url);
    if (text?.startsWith('/')) out.push(text);
  }
  return out;
}

/** A text as written, or built from the file's top-level constants: `prefix + '/:id'`, `` `${BASE}/users` ``. */
function textValue(node: AstNode | undefined, constants: ReadonlyMap<string, AstNode>, depth = 0): string | undefined {
  const fixed = staticString(node);
  if (fixed !== undefined || !node || depth > 4) return fixed;
  if (node.type === 'Identifier') {
    const init = constants.get(node.name);
    return init ? textValue(init, constants, depth + 1) : undefined;
  }
  if (node.type === 'BinaryExpression' && node.operator === '+') {
    const [l, r] = [textValue(node.left as AstNode, constants, depth + 1), textValue(node.right as AstNode, constants, depth + 1)];
    return l !== undefined && r !== undefined ? l + r : undefined;
  }
  if (node.type === 'TemplateLiteral') {
    let out = node.quasis[0].value.cooked ?? '';
    for (let i = 0; i < node.expressions.length; i++) {
      const part = textValue(node.expressions[i] as AstNode, constants, depth + 1);
      if (part === undefined) return undefined;
      out += part + (node.quasis[i + 1].value.cooked ?? '');
    }
    return out;
  }
  return undefined;
}

/** Middleware and handlers at a registration: arrays are flattened, wrappers (`asyncHandler(fn)`) opened. */
export function handlerRefs(node: AstNode, ctx: Context): HandlerRef[] {
  const n = unwrap(node);
  const line = n.loc.start.line;
  if (n.type === 'ArrayExpression') return n.elements.flatMap((e) => (e && e.type !== 'SpreadElement' ? handlerRefs(e as AstNode, ctx) : []));
  if (isFunction(n)) return [{ kind: 'inline', facts: analyzeFunction(n as FunctionNode, ctx.text, ctx.file), line }];
  if (n.type === 'Identifier') return [{ kind: 'ref', name: n.name, line }];
  if (n.type === 'MemberExpression') {
    const name = memberPath(n);
    return name ? [{ kind: 'ref', name, line }] : [];
  }
  if (n.type === 'CallExpression') {
    // express-unless: `expressJwt({ secret }).unless({ path: ['/', '/users/login'] })` is the middleware, but for those paths.
    if (n.callee.type === 'MemberExpression' && propertyName(n.callee) === 'unless' && n.callee.object.type === 'CallExpression') {
      const unless = unlessPaths(n.arguments[0] as AstNode | undefined);
      return handlerRefs(n.callee.object as AstNode, ctx).map((h) => ({ ...h, unless }));
    }
    const callee = memberPath(n.callee as AstNode) ?? '';
    const inner = n.arguments.find((a) => isFunction(a as AstNode)) as FunctionNode | undefined;
    // asyncHandler(async (req, res) => …), catchAsync(fn): the function inside is the handler.
    if (inner && /^(asyncHandler|catchAsync|asyncWrap|wrap|wrapAsync|tryCatch|handle|expressAsyncHandler|asyncMiddleware|withErrorHandling)$/i.test(callee)) {
      return [{ kind: 'inline', facts: analyzeFunction(inner, ctx.text, ctx.file), line }];
    }
    if (inner) {
      // A wrapper such as withAuth(async (req, res) => …): the wrapper is a middleware by name, then the handler.
      return [{ kind: 'ref', name: callee, line, call: shorten(textOf(ctx.text, n), 60) }, { kind: 'inline', facts: analyzeFunction(inner, ctx.text, ctx.file), line }];
    }
    // `catchAsync(getUsers)`, `catchAsync(UsersController.search)`: the function it wraps is the handler.
    const wrapped = n.arguments.length === 1 && /^(asyncHandler|catchAsync|asyncWrap|wrap|wrapAsync|tryCatch|expressAsyncHandler)$/i.test(callee) ? memberPath(n.arguments[0] as AstNode) : undefined;
    if (wrapped) return [{ kind: 'ref', name: wrapped, line }];
    return callee ? [{ kind: 'ref', name: callee, line, call: shorten(textOf(ctx.text, n), 60), lenient: lenientOption(n) }] : [];
  }
  return [];
}
