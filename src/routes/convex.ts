import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ImportBinding } from '../dataflow/modules.js';
import { CONVEX_GENERATED_SERVER } from '../dataflow/sources.js';
import { memberPath, propertyName, staticString } from '../engine/ast-utils.js';
import type { AstNode, Program } from '../parse/types.js';
import { analyzeFunction } from './auth.js';
import { isFunction, unwrap, type FunctionNode } from './ast.js';
import { PRIVILEGED_ROLE } from './role-names.js';
import { isUserTarget, ROLE_KEY } from './touches.js';
import type { DirectEntry, FileRouteFacts, FunctionFacts } from './types.js';
import { setFunction } from './unread-functions.js';

/** The module Convex generates for references to a project's functions (`api.tasks.list`, `internal.users.create`). */
export const CONVEX_GENERATED_API = /(?:^|\/)_generated\/api(?:\.[cm]?[jt]s)?$/;
const PUBLIC_BUILDERS: Record<string, ConvexKind> = { query: 'QUERY', mutation: 'MUTATION', action: 'ACTION', httpAction: 'HTTP' };
const INTERNAL_BUILDERS: Record<string, ConvexKind> = { internalQuery: 'QUERY', internalMutation: 'MUTATION', internalAction: 'ACTION' };
/** convex-helpers' wrappers that add to what a builder's handler gets (`customMutation(mutation, customCtx(…))`). */
const CUSTOM_FACTORY = /^(?:customQuery|customMutation|customAction|zCustomQuery|zCustomMutation|zCustomAction)$/;
/** A builder made in another project module, by its name: `authedMutation`, `userQuery`, `zAction`. */
const BUILDER_NAME = /^(?:internal)?\w*?(Query|Mutation|Action)$/;

type ConvexKind = 'QUERY' | 'MUTATION' | 'ACTION' | 'HTTP';

interface Builder {
  kind: ConvexKind;
  /** Made with `internalQuery`/`internalMutation`/`internalAction`: only the project's own functions can call it. */
  internal: boolean;
  /** A project-made builder, judged as middleware by its definition (or its name, when it is defined elsewhere). */
  custom?: string;
}

/** Whether a file may define Convex functions or builders: it is in a `convex/` folder, or imports Convex's generated server module or convex-helpers. */
export function mayHoldConvex(path: string, text: string): boolean {
  return CONVEX_FOLDER.test(path) || text.includes('_generated/server') || text.includes('convex-helpers/server');
}

const CONVEX_FOLDER = /(?:^|\/)convex\/(?!_generated\/)/;

/**
 * Convex's entry points: every `query`, `mutation` and `action` a module under `convex/` exports can be called by
 * anyone who has the deployment's URL (it ships in the browser bundle), as `api.<module>.<name>`. Only the handler
 * can check who is calling (`ctx.auth.getUserIdentity()`, `getAuthUserId(ctx)`) or a custom builder it is made with
 * (`customMutation(mutation, customCtx(…))`). `internal*` functions are not entry points, and the routes of the
 * `httpRouter` (`http.route({ path, method, handler })`) are HTTP endpoints.
 *
 * Every function's facts are also kept by its export name, so that `ctx.runMutation(internal.tasks.create, …)` and
 * custom builders resolve in the route linker.
 */
export function collectConvex(ast: Program, text: string, file: string, imports: ReadonlyMap<string, ImportBinding>, facts: FileRouteFacts): DirectEntry[] {
  const entries: DirectEntry[] = [];
  const module = /(?:^|\/)convex\/(.+)\.[cm]?[jt]sx?$/.exec(file)?.[1]?.replace(/\/index$/, '');
  const builders = new Map<string, Builder>();
  const builderOf = (callee: AstNode): Builder | undefined => {
    if (callee.type !== 'Identifier') return undefined;
    const local = builders.get(callee.name);
    if (local) return local;
    const binding = imports.get(callee.name);
    if (!binding) return undefined;
    if (CONVEX_GENERATED_SERVER.test(binding.source)) {
      const pub = Object.hasOwn(PUBLIC_BUILDERS, binding.imported) ? PUBLIC_BUILDERS[binding.imported] : undefined;
      if (pub) return { kind: pub, internal: false };
      const internal = Object.hasOwn(INTERNAL_BUILDERS, binding.imported) ? INTERNAL_BUILDERS[binding.imported] : undefined;
      return internal ? { kind: internal, internal: true } : undefined;
    }
    // A builder from a project module: its definition is judged where the linker finds it.
    const named = /^[./~@#]/.test(binding.source) ? BUILDER_NAME.exec(callee.name) : null;
    return named ? { kind: named[1].toUpperCase() as ConvexKind, internal: callee.name.startsWith('internal'), custom: callee.name } : undefined;
  };
  const routers = new Set<string>();

  for (const stmt of ast.body) {
    const decl = (stmt.type === 'ExportNamedDeclaration' ? stmt.declaration : stmt) as AstNode | null;
    if (decl?.type === 'VariableDeclaration') {
      for (const d of decl.declarations) {
        if (d.id.type !== 'Identifier' || !d.init) continue;
        const name = d.id.name;
        const init = unwrap(d.init as AstNode);
        if (init.type !== 'CallExpression') continue;
        if (init.callee.type === 'Identifier' && init.callee.name === 'httpRouter') {
          routers.add(name);
          continue;
        }
        // `const authedMutation = customMutation(mutation, customCtx(async (ctx) => { … }))`.
        if (init.callee.type === 'Identifier' && CUSTOM_FACTORY.test(init.callee.name)) {
          const base = init.arguments[0] && builderOf(init.arguments[0] as AstNode);
          if (!base || base.kind === 'HTTP') continue;
          builders.set(name, { kind: base.kind, internal: base.internal, custom: name });
          const fn = customizer(init.arguments[1] as AstNode | undefined);
          setFunction(facts, name, fn ? analyzeFunction(fn, text, file, name) : { name, file, startLine: d.loc.start.line, endLine: d.loc.end.line, touches: [], calls: base.custom ? [base.custom] : [] });
          continue;
        }
        const builder = builderOf(init.callee as AstNode);
        if (builder) define(name, builder, init, d.loc.start.line);
      }
    } else if (stmt.type === 'ExportDefaultDeclaration') {
      const value = unwrap(stmt.declaration as AstNode);
      const builder = value.type === 'CallExpression' ? builderOf(value.callee as AstNode) : undefined;
      if (builder && value.type === 'CallExpression') define('default', builder, value, stmt.loc.start.line);
    } else if (stmt.type === 'ExpressionStatement') {
      const call = unwrap(stmt.expression as AstNode);
      const target = call.type === 'CallExpression' ? memberPath(call.callee as AstNode) : undefined;
      const [router, method] = target?.split('.') ?? [];
      if (call.type === 'CallExpression' && method === 'route' && routers.has(router) && call.arguments[0]?.type === 'ObjectExpression') httpRoute(call.arguments[0], stmt.loc.start.line);
    }
  }
  return entries;

  function define(name: string, builder: Builder, call: TSESTree.CallExpression, line: number): void {
    const options = call.arguments[0] as AstNode | undefined;
    const fn = isFunction(options) ? options : options?.type === 'ObjectExpression' ? handlerOf(options) : undefined;
    if (!fn) return;
    // An internal function's arguments are whatever the project's own code passes, not the client's.
    const read = analyzeFunction(fn, text, file, name, { clientParams: builder.kind === 'HTTP' || builder.internal ? undefined : 'second' });
    if (options?.type === 'ObjectExpression') {
      nameTables(read, options);
      chosenRoles(read, options);
    }
    setFunction(facts, name, read);
    if (builder.internal || builder.kind === 'HTTP' || !module) return;
    entries.push({ method: builder.kind, path: `api.${module.replace(/\//g, '.')}.${name}`, line, framework: 'convex', handler: read, middleware: builder.custom ? [builder.custom] : [] });
  }

  /** `http.route({ path: '/stripe', method: 'POST', handler: stripeWebhook })`, the handler inline or by name. */
  function httpRoute(options: TSESTree.ObjectExpression, line: number): void {
    const value = (key: string) => options.properties.find((p): p is TSESTree.Property => p.type === 'Property' && propertyName(p) === key)?.value as AstNode | undefined;
    const path = staticString(value('path')) ?? (staticString(value('pathPrefix')) !== undefined ? `${staticString(value('pathPrefix'))!.replace(/\/$/, '')}/*` : undefined);
    const method = staticString(value('method'))?.toUpperCase() ?? 'ANY';
    const handler = value('handler');
    if (path === undefined || !handler) return;
    let facts: FunctionFacts;
    const inline = handler.type === 'CallExpression' ? handler.arguments.find((a) => isFunction(a as AstNode)) as FunctionNode | undefined : isFunction(handler) ? handler : undefined;
    if (inline) facts = analyzeFunction(inline, text, file, `${method} ${path}`);
    else {
      // By name: its own facts, found here or through the import by the linker.
      const name = memberPath(handler);
      if (!name) return;
      facts = { name, file, startLine: line, endLine: line, touches: [], calls: [name] };
    }
    entries.push({ method, path, line, framework: 'convex', handler: facts, middleware: [] });
  }
}

/** The handler of a builder's options: `handler: async (ctx, args) => …` or `async handler(ctx, args) { … }`. */
function handlerOf(options: TSESTree.ObjectExpression): FunctionNode | undefined {
  for (const p of options.properties) if (p.type === 'Property' && propertyName(p) === 'handler' && isFunction(p.value as AstNode)) return p.value as FunctionNode;
  return undefined;
}

/** What a custom builder runs before each handler: `customCtx(async (ctx) => …)` or `{ args, input: async (ctx, args) => … }`. */
function customizer(node: AstNode | undefined): FunctionNode | undefined {
  if (!node) return undefined;
  const v = unwrap(node);
  if (isFunction(v)) return v;
  if (v.type === 'CallExpression') return v.arguments.find((a) => isFunction(a as AstNode)) as FunctionNode | undefined;
  if (v.type === 'ObjectExpression') {
    for (const p of v.properties) if (p.type === 'Property' && propertyName(p) === 'input' && isFunction(p.value as AstNode)) return p.value as FunctionNode;
  }
  return undefined;
}

/** The id of a document loaded by the request's id: `ctx.db.get(args.jobId)._id`. */
const LOADED_BY_ARG = /^ctx\.db\.get\(args\.([\w$]+)\)\??\._id!?$/;

/**
 * The table of each document a handler reads or changes by id (`ctx.db.patch(args.id, …)`), from the argument's
 * validator (`args: { id: v.id('tasks') }`), for calls whose id names no table of its own.
 */
function nameTables(facts: FunctionFacts, options: TSESTree.ObjectExpression): void {
  const args = options.properties.find((p): p is TSESTree.Property => p.type === 'Property' && propertyName(p) === 'args')?.value;
  if (args?.type !== 'ObjectExpression') return;
  const tables = new Map<string, string>();
  for (const p of args.properties) {
    if (p.type !== 'Property') continue;
    const table = idTable(p.value as AstNode);
    const key = propertyName(p);
    if (table && key) tables.set(key, table);
  }
  if (!tables.size) return;
  // The validator names the table; a target read from the id's name (`taskId` → `task`) is only a guess.
  for (const t of facts.touches) {
    const id = t.filters?.find((f) => f.key === 'id');
    // `ctx.db.patch(job._id, …)` of `const job = await ctx.db.get(args.jobId)`: the id the request sent.
    const loaded = id && id.from === undefined ? LOADED_BY_ARG.exec(id.source ?? '') : null;
    if (id && loaded) Object.assign(id, { value: `args.${loaded[1]}`, from: 'request', source: `input.${loaded[1]}` });
    const name = id && /([\w$]+)$/.exec(id.source ?? id.value)?.[1];
    const table = name ? tables.get(name) : undefined;
    if (table) {
      t.target = table;
      t.userData = isUserTarget(table);
    }
  }
}

/**
 * A `role` argument its validator limits to fixed values none of which grants anything (`v.union(v.literal('user'),
 * v.literal('assistant'))`): writing it is no role change.
 */
function chosenRoles(facts: FunctionFacts, options: TSESTree.ObjectExpression): void {
  if (!facts.touches.some((t) => t.roleWrite)) return;
  const args = options.properties.find((p): p is TSESTree.Property => p.type === 'Property' && propertyName(p) === 'args')?.value;
  if (args?.type !== 'ObjectExpression') return;
  const roles = args.properties.filter((p): p is TSESTree.Property => p.type === 'Property' && ROLE_KEY.test(propertyName(p) ?? ''));
  const harmless = roles.length > 0 && roles.every((p) => {
    const values = literalValues(p.value as AstNode);
    return values !== undefined && !values.some((x) => PRIVILEGED_ROLE.test(x));
  });
  if (harmless) for (const t of facts.touches) t.roleWrite = false;
}

/** The values a validator allows when they are all literals: `v.literal('a')`, `v.union(v.literal('a'), …)`, `v.optional(…)`. */
function literalValues(node: AstNode): string[] | undefined {
  const v = unwrap(node);
  if (v.type !== 'CallExpression') return undefined;
  const path = memberPath(v.callee as AstNode);
  if (path === 'v.literal') return [String(staticString(v.arguments[0] as AstNode) ?? (v.arguments[0] as TSESTree.Literal | undefined)?.value)];
  if (path === 'v.optional' && v.arguments[0]) return literalValues(v.arguments[0] as AstNode);
  if (path !== 'v.union') return undefined;
  const all = v.arguments.map((a) => literalValues(a as AstNode));
  return all.every((x) => x !== undefined) ? all.flat() as string[] : undefined;
}

/** `v.id('tasks')`, `v.optional(v.id('tasks'))`: the table an id argument points into. */
function idTable(node: AstNode): string | undefined {
  const v = unwrap(node);
  if (v.type !== 'CallExpression') return undefined;
  const path = memberPath(v.callee as AstNode);
  if (path === 'v.id') return staticString(v.arguments[0] as AstNode);
  if (path === 'v.optional' && v.arguments[0]) return idTable(v.arguments[0] as AstNode);
  return undefined;
}
