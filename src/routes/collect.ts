import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { collectImports } from '../dataflow/modules.js';
import { constructedFields, memberPath } from '../engine/ast-utils.js';
import { dependencyOf, dependsOnScope, usesFramework } from '../model/package-facts.js';
import type { ProjectModel, SourceFile } from '../model/types.js';
import type { AstNode } from '../parse/types.js';
import { isFunction, shorten, textOf, type FunctionNode } from './ast.js';
import { collectAstro, isAstroServerFile } from './astro.js';
import { collectClientGuards } from './client-guards.js';
import { collectConvex, mayHoldConvex } from './convex.js';
import { exportedChainApp, serverRouteListeners } from './express.js';
import { collectFresh, isFreshRouteFile } from './fresh.js';
import { collectGraphql, GRAPHQL_SERVERS, mayHoldGraphql } from './graphql.js';
import { lenientOption } from './middleware.js';
import { collectNest } from './nestjs.js';
import { inOakProject, OAK_SOURCE } from './oak.js';
import { collectNetlify } from './netlify.js';
import { collectPagesFunctions, isPagesFunctionFile } from './pages-functions.js';
import { collectServe, collectWorkerFetch, mayServe } from './workers.js';
import { collectUploadThing, MAY_HOLD_UPLOADTHING } from './uploadthing.js';
import { collectHapi, HAPI_DEFAULT_AUTH, MAY_HOLD_HAPI } from './hapi.js';
import { collectAdonis, MAY_HOLD_ADONIS_ROUTES } from './adonis.js';
import { lambdaConfigOf } from './serverless.js';
import { collectPocketBaseHooks, POCKETBASE_HOOKS_FILE } from './pocketbase-hooks.js';
import { collectNext } from './nextjs.js';
import { collectNuxt, isNuxtServerFile } from './nuxt.js';
import { collectPlatforms } from './platforms.js';
import { collectRemix, isRemixRouteFile, remixRouteConfig } from './remix.js';
import { collectSockets, MAY_HOLD_SOCKET_EVENTS, REGISTERS_ON_SOCKET } from './sockets.js';
import { collectSvelteKit, isSvelteKitRouteFile } from './sveltekit.js';
import { collectTrpc } from './trpc.js';
import type { FileRouteFacts, FunctionFacts, ServerFramework } from './types.js';
import { deferFunction, functionFacts, hasFunction, inMemory, setFunction } from './unread-functions.js';

const ROUTE_ROLES = new Set(['server', 'shared']);
const SERVER_FRAMEWORKS: ServerFramework[] = ['express', 'hono', 'fastify', 'koa', 'elysia'];

/** A file's route facts as started, and listeners for the shared traversal that complete them (server routes). */
export interface StartedRoutes {
  facts: FileRouteFacts;
  listeners?: Record<string, (node: AstNode) => void>;
}

/** Per-file facts for the route inventory; undefined for files that cannot hold routes. */
export function startFileRoutes(file: SourceFile, model: ProjectModel): StartedRoutes | undefined {
  const ast = file.ast;
  if (ast && file.role === 'client') {
    const clientCalls = collectClientGuards(ast, file.text);
    return clientCalls.length ? { facts: { file: file.path, imports: new Map(), functions: new Map(), exports: new Map(), apps: [], registrations: [], entries: [], globalGuards: [], clientCalls } } : undefined;
  }
  // hapi apps often set the default strategy in a plugin named like a tool's configuration (`auth.config.js`).
  if (ast && file.role === 'config' && HAPI_DEFAULT_AUTH.test(file.text) && hapiPackage(file, model)) {
    const defaultAuth = collectHapi(ast, file.text, file.path).defaultAuth;
    return defaultAuth ? { facts: { file: file.path, imports: new Map(), functions: new Map(), exports: new Map(), apps: [], registrations: [], entries: [], globalGuards: [], hapiDefaultAuth: defaultAuth } } : undefined;
  }
  if (!ast || !ROUTE_ROLES.has(file.role)) return undefined;
  const text = file.text;
  const imports = collectImports(ast);
  const rel = file.package?.dir ? file.path.slice(file.package.dir.length + 1) : file.path;
  // Which frameworks the package uses is asked only where the file itself does not say.
  const uses = (name: string) => usesFramework(file, model, name);
  const facts: FileRouteFacts = { file: file.path, imports, functions: new Map(), exports: new Map(), apps: [], registrations: [], entries: [], globalGuards: [] };
  collectFunctions(ast.body, text, file.path, facts);

  const importsServer = [...imports.values()].map((b) => b.source).find((s) => SERVER_FRAMEWORKS.includes(s as ServerFramework) || s === '@koa/router' || s === 'koa-router' || s.startsWith('hono') || s === 'itty-router' || OAK_SOURCE.test(s));
  const defaultFramework = importsServer ? frameworkOfSource(importsServer) : (SERVER_FRAMEWORKS.find(uses) ?? (dependencyOf(file, model, 'itty-router').dependency ? 'express' : inOakProject(file, model) ? 'koa' : undefined));
  // Apps and registrations are filled in as the shared traversal reaches them.
  const listeners = serverRouteListeners({ text, file: file.path, imports, defaultFramework }, facts);

  const vercel = /^api\//.test(rel) && !importsServer && !SERVER_FRAMEWORKS.some(uses);
  if (/^(?:src\/)?(app|pages)\//.test(rel) || vercel || /^(?:src\/)?(middleware|proxy)\.[cm]?[jt]s$/.test(rel) || text.includes('use server') || uses('nextjs')) {
    const next = collectNext(ast, text, file.path, rel, vercel);
    facts.entries.push(...next.entries);
    if (next.middleware) facts.nextMiddleware = { ...next.middleware, dir: file.package?.dir ?? '' };
  }
  if (isAstroServerFile(rel) && uses('astro')) {
    const astro = collectAstro(ast, text, file.path, rel);
    facts.entries.push(...astro.entries);
    if (astro.middleware) facts.nextMiddleware = { ...astro.middleware, dir: file.package?.dir ?? '', framework: 'astro' };
  }
  if (isNuxtServerFile(rel)) {
    const nuxt = collectNuxt(ast, text, file.path, rel);
    facts.entries.push(...nuxt.entries);
    if (nuxt.middleware) facts.nextMiddleware = { ...nuxt.middleware, dir: file.package?.dir ?? '' };
  }
  if (uses('remix') || (isRemixRouteFile(rel) && /['"](?:@remix-run\/|react-router)/.test(text))) {
    // React Router 7 may name its route modules, anywhere under app/, in app/routes.ts.
    const configured = uses('remix') ? remixRouteConfig(model, file.package?.dir ?? '').find(([module]) => module === rel)?.[1] : undefined;
    if (configured !== undefined || isRemixRouteFile(rel)) facts.entries.push(...collectRemix(ast, text, file.path, rel, configured));
  }
  if (isSvelteKitRouteFile(rel)) {
    const kit = collectSvelteKit(ast, text, file.path, rel);
    facts.entries.push(...kit.entries);
    if (kit.hooks) facts.nextMiddleware = { ...kit.hooks, dir: file.package?.dir ?? '', framework: 'sveltekit' };
  }
  if (text.includes('@nestjs/') || text.includes('type-graphql') || uses('nestjs')) {
    const nest = collectNest(ast, text, file.path);
    facts.entries.push(...nest.entries);
    facts.globalGuards.push(...nest.globalGuards);
    if (nest.composed.length) facts.composedDecorators = nest.composed;
  }
  if (mayHoldGraphql(text) && GRAPHQL_SERVERS.some((name) => Object.values(dependencyOf(file, model, name)).some((v) => v !== undefined))) {
    const gql = collectGraphql(ast, text, file.path);
    facts.entries.push(...gql.entries);
    if (gql.servers.length) facts.graphqlServers = gql.servers;
  }
  if (mayHoldConvex(file.path, text)) facts.entries.push(...collectConvex(ast, text, file.path, imports, facts));
  if (/procedure/i.test(text) && (text.includes('@trpc/') || /Procedure\b/.test(text))) facts.entries.push(...collectTrpc(ast, text, file.path));
  if (/supabase\/functions\//.test(file.path) || text.includes('Parse.Cloud') || text.includes('firebase-functions')) facts.entries.push(...collectPlatforms(ast, text, file.path, rel));
  if (file.path.includes('netlify/')) facts.entries.push(...collectNetlify(ast, text, file.path));
  if (text.includes('export default') && /\bfetch\b/.test(text)) facts.entries.push(...collectWorkerFetch(ast, text, file.path));
  if (mayServe(text, imports)) facts.entries.push(...collectServe(ast, text, file.path, imports));
  if (MAY_HOLD_UPLOADTHING.test(text)) facts.entries.push(...collectUploadThing(ast, text, file.path, imports));
  if (MAY_HOLD_ADONIS_ROUTES.test(text) && dependsOnScope(file, model, '@adonisjs/')) facts.entries.push(...collectAdonis(ast, text, file.path));
  if (MAY_HOLD_HAPI.test(text) && hapiPackage(file, model)) {
    const hapi = collectHapi(ast, text, file.path);
    facts.entries.push(...hapi.entries);
    if (hapi.defaultAuth) facts.hapiDefaultAuth = hapi.defaultAuth;
  }
  if (text.includes('__dirname') && text.includes('events')) {
    const lambdas = lambdaConfigOf(ast, text, file.path);
    if (lambdas.length) facts.lambdaFunctions = lambdas;
  }
  if (isFreshRouteFile(file, model)) {
    const fresh = collectFresh(ast, text, file.path);
    facts.entries.push(...fresh.entries);
    if (fresh.middleware) facts.nextMiddleware = { ...fresh.middleware, dir: file.package?.dir ?? '' };
  }
  if (isPagesFunctionFile(rel, text)) {
    const pages = collectPagesFunctions(ast, text, file.path, rel);
    facts.entries.push(...pages.entries);
    if (pages.middleware) facts.nextMiddleware = { ...pages.middleware, dir: file.package?.dir ?? '' };
  }
  if (text.includes('routerAdd') && (POCKETBASE_HOOKS_FILE.test(file.path) || /\$apis\.|\$app\./.test(text))) facts.entries.push(...collectPocketBaseHooks(ast, text, file.path));
  const socketIoPackage = !MAY_HOLD_SOCKET_EVENTS.test(text) && REGISTERS_ON_SOCKET.test(text) && !!dependencyOf(file, model, 'socket.io').dependency;
  if (socketIoPackage || MAY_HOLD_SOCKET_EVENTS.test(text)) {
    const sockets = collectSockets(ast, text, file.path, (name) => functionFacts(facts, name, inMemory(ast, text)), socketIoPackage);
    facts.entries.push(...sockets.entries);
    if (sockets.servers.length) facts.socketServers = sockets.servers;
  }
  return { facts, listeners };
}

function hapiPackage(file: SourceFile, model: ProjectModel): boolean {
  return !!(dependencyOf(file, model, '@hapi/hapi').dependency || dependencyOf(file, model, 'hapi').dependency);
}

function frameworkOfSource(source: string): ServerFramework {
  if (source.startsWith('hono')) return 'hono';
  if (source === '@koa/router' || source === 'koa-router' || source === 'koa' || OAK_SOURCE.test(source)) return 'koa';
  // itty-router's routers (Cloudflare Workers) register routes as Express routers do: `router.get(path, ...handlers)`.
  if (source === 'itty-router') return 'express';
  return source as ServerFramework;
}

/** The name an export specifier gives (`export { a as 'b-c' }` names a string). */
function specifierName(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === 'Identifier' ? node.name : node.value;
}

/** next-safe-action and zsa: the clients server actions are built from. */
const ACTION_CLIENT_FACTORY = /^(?:createSafeActionClient|createServerActionProcedure|createServerAction)$/;

/** Top-level functions (declarations, `const f = () => …`, `const f = wrap(() => …)`) and what the file exports. */
function collectFunctions(body: TSESTree.ProgramStatement[], text: string, file: string, facts: FileRouteFacts): void {
  // Read when linking asks for them (src/routes/unread-functions.ts).
  const add = (name: string, fn: FunctionNode) => deferFunction(facts, name, fn);
  const fromInit = (init: AstNode | null | undefined): FunctionNode | undefined => {
    if (!init) return undefined;
    if (isFunction(init)) return init;
    if (init.type === 'CallExpression') return init.arguments.find((a) => isFunction(a as AstNode)) as FunctionNode | undefined;
    return undefined;
  };
  const declare = (stmt: AstNode | null | undefined, exported: boolean) => {
    if (!stmt) return;
    if (stmt.type === 'FunctionDeclaration' && stmt.id) {
      add(stmt.id.name, stmt);
      if (exported) facts.exports.set(stmt.id.name, stmt.id.name);
    } else if (stmt.type === 'VariableDeclaration') {
      for (const d of stmt.declarations) {
        if (d.id.type !== 'Identifier') continue;
        const fn = fromInit(d.init as AstNode);
        if (fn) add(d.id.name, fn);
        else if (d.init?.type === 'ObjectExpression') addObjectMethods(d.id.name, d.init, add);
        // An action client without middleware checks nobody: its actions decide for themselves.
        else if (d.init?.type === 'CallExpression' && d.init.callee.type === 'Identifier' && ACTION_CLIENT_FACTORY.test(d.init.callee.name)) {
          setFunction(facts, d.id.name, { name: d.id.name, file, startLine: d.loc.start.line, endLine: d.loc.end.line, touches: [], calls: [] });
        }
        // `const gate = expressjwt({ … })`, `const allow = cors()`: middleware made by a call, judged by what made it.
        else if (d.init?.type === 'CallExpression') {
          const callee = memberPath(d.init.callee as AstNode);
          if (callee) (facts.madeBy ??= new Map()).set(d.id.name, { callee, call: shorten(textOf(text, d.init as AstNode), 60), line: d.loc.start.line, lenient: lenientOption(d.init) });
        }
        // `export const main = middyfy(deleteMember)`: the export is the function it wraps.
        const wrapped = !fn && d.init?.type === 'CallExpression' && d.init.arguments[0]?.type === 'Identifier' ? d.init.arguments[0].name : undefined;
        if (exported) facts.exports.set(d.id.name, wrapped && hasFunction(facts, wrapped) ? wrapped : d.id.name);
      }
    } else if (stmt.type === 'ClassDeclaration' && stmt.id) {
      addMethods(stmt, add);
      injectedServices(stmt, facts);
      superclassOf(stmt, facts);
      if (exported) facts.exports.set(stmt.id.name, stmt.id.name);
    }
    if (stmt.type === 'VariableDeclaration') {
      for (const d of stmt.declarations) {
        const made = d.id.type === 'Identifier' ? classOf(d.init as AstNode) : undefined;
        if (made && d.id.type === 'Identifier') (facts.instances ??= new Map()).set(d.id.name, made);
      }
    }
  };
  for (const stmt of body) {
    if (stmt.type === 'ExportNamedDeclaration') {
      declare(stmt.declaration as AstNode, true);
      const from = stmt.source;
      if (!from) {
        for (const s of stmt.specifiers) if (s.local.type === 'Identifier') facts.exports.set(s.exported.type === 'Identifier' ? s.exported.name : String(s.exported.value), s.local.name);
      } else {
        // A barrel: `export { createNote as addNote } from './notes.controller'`.
        for (const s of stmt.specifiers) (facts.reexports ??= []).push({ source: from.value, name: specifierName(s.exported), imported: specifierName(s.local) });
      }
    } else if (stmt.type === 'ExportAllDeclaration' && !stmt.exported) {
      // `export * from './notes.controller'`.
      (facts.reexports ??= []).push({ source: stmt.source.value });
    } else if (stmt.type === 'ExportDefaultDeclaration') {
      const d = stmt.declaration as AstNode;
      const chain = exportedChainApp(d, facts.imports);
      if (chain) facts.exports.set('default', chain);
      else if (d.type === 'Identifier') facts.exports.set('default', d.name);
      else if (classOf(d)) facts.exports.set('default', classOf(d)!);
      else if (d.type === 'ClassDeclaration' && d.id) {
        addMethods(d, add);
        injectedServices(d, facts);
        superclassOf(d, facts);
        facts.exports.set('default', d.id.name);
      } else if (d.type === 'ObjectExpression') {
        // `export default { createOrder(amount) {…} }`, used as `payments.createOrder(…)`: as `module.exports = {…}`.
        addObjectMethods('', d, (name, fn) => {
          add(name, fn);
          facts.exports.set(name, name);
        });
      } else if (isFunction(d)) {
        const name = d.type !== 'ArrowFunctionExpression' && d.id ? d.id.name : 'default';
        add(name, d);
        facts.exports.set('default', name);
      } else {
        const fn = fromInit(d);
        if (fn) {
          add('default', fn);
          facts.exports.set('default', 'default');
        }
      }
    } else if (stmt.type === 'ExpressionStatement' && stmt.expression.type === 'AssignmentExpression') {
      const left = memberPath(stmt.expression.left as AstNode) ?? '';
      const right = stmt.expression.right as AstNode;
      const m = /^(?:module\.)?exports(?:\.(\w+))?$/.exec(left);
      if (!m) continue;
      const exportName = m[1] ?? 'default';
      const chain = exportedChainApp(right, facts.imports);
      if (chain) facts.exports.set(exportName, chain);
      else if (right.type === 'Identifier') facts.exports.set(exportName, right.name);
      else if (classOf(right)) facts.exports.set(exportName, classOf(right)!);
      else if (right.type === 'ObjectExpression' && !m[1]) {
        for (const p of right.properties) {
          if (p.type !== 'Property' || p.key.type !== 'Identifier') continue;
          if (p.value.type === 'Identifier') facts.exports.set(p.key.name, p.value.name);
          else if (isFunction(p.value as AstNode)) {
            add(p.key.name, p.value as FunctionNode);
            facts.exports.set(p.key.name, p.key.name);
          }
        }
      } else {
        const fn = fromInit(right);
        if (fn) {
          add(exportName, fn);
          facts.exports.set(exportName, exportName);
        }
      }
    } else {
      declare(stmt as AstNode, false);
    }
  }
}

/**
 * Functions of an object literal (`export const db = { async createPayment(data) {…}, getUser: async (id) => … }`),
 * as `db.createPayment`: AI-written apps keep their data and payment helpers in such objects, and their routes
 * call them as `db.createPayment(…)`.
 */
function addObjectMethods(name: string, object: TSESTree.ObjectExpression, add: (name: string, fn: FunctionNode) => void): void {
  for (const p of object.properties) {
    if (p.type !== 'Property' || p.computed || p.key.type !== 'Identifier') continue;
    if (isFunction(p.value as AstNode)) add(name ? `${name}.${p.key.name}` : p.key.name, p.value as FunctionNode);
  }
}

/** The class a `new UsersController()` makes. */
function classOf(node: AstNode | null | undefined): string | undefined {
  return node?.type === 'NewExpression' && node.callee.type === 'Identifier' ? node.callee.name : undefined;
}

/** `class PostController extends Controller`: the methods it does not define are its parent's. */
function superclassOf(cls: TSESTree.ClassDeclaration, facts: FileRouteFacts): void {
  if (cls.id && cls.superClass?.type === 'Identifier') (facts.superclasses ??= new Map()).set(cls.id.name, cls.superClass.name);
}

/**
 * Services a class is given through its constructor (NestJS injection): `constructor(private readonly cartService:
 * CartService)` makes `this.cartService.addItem(…)` a call of `CartService.addItem`.
 */
function injectedServices(cls: TSESTree.ClassDeclaration, facts: FileRouteFacts): void {
  const ctor = cls.body.body.find((m): m is TSESTree.MethodDefinition => m.type === 'MethodDefinition' && m.kind === 'constructor');
  for (const p of ctor?.value.params ?? []) {
    if (p.type !== 'TSParameterProperty' || p.parameter.type !== 'Identifier') continue;
    const type = p.parameter.typeAnnotation?.typeAnnotation;
    if (type?.type === 'TSTypeReference' && type.typeName.type === 'Identifier') (facts.instances ??= new Map()).set(p.parameter.name, type.typeName.name);
  }
  // Plain JavaScript makes them itself: `constructor() { this.userService = new UserService(); }`.
  for (const [field, made] of constructedFields(ctor?.value)) (facts.instances ??= new Map()).set(field, made);
}


/**
 * The methods of a class (`async create(req, res)`, `list = async (req: Request) =>`, `static find(id)`), as
 * `Class.method`: class-based Express controllers are registered as `router.post('/', UsersController.create)`, and
 * handlers call services, repositories and stores through an instance (`new BankService().addValue(…)`, `this.find(…)`).
 * Each is kept unread until linking asks for it (./unread-functions.ts), so a class nobody calls costs nothing.
 */
function addMethods(cls: TSESTree.ClassDeclaration, add: (name: string, fn: FunctionNode) => void): void {
  for (const member of cls.body.body) {
    if ((member.type !== 'MethodDefinition' && member.type !== 'PropertyDefinition') || member.computed || member.key.type !== 'Identifier') continue;
    if (member.type === 'MethodDefinition' && member.kind !== 'method') continue;
    const fn = member.value as AstNode | null;
    if (fn && isFunction(fn)) add(`${cls.id!.name}.${member.key.name}`, fn);
  }
}

export type { FunctionFacts };
