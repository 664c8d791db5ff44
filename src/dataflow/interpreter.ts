import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { constructedFields, memberPath, objectProperty, propertyName, staticString } from '../engine/ast-utils.js';
import type { FlowStep } from '../engine/finding.js';
import type { SourceFile } from '../model/types.js';
import type { AstNode } from '../parse/types.js';
import { alwaysExits, guardsOf, resetText, secretComparison, unwrap, type Guard } from './guards.js';
import { callFacts, canonicalPath, type CallSite } from './call-facts.js';
import { collectImports, importSpecifiers, type ImportBinding } from './modules.js';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { escapesRegexSyntax, matchedTextKinds, sanitizerEffect, taggedTemplateEffect } from './sanitizers.js';
import { ACCEPTS, assignmentSink, callSinks, jsxAttributeSink, literalFilterValue, shellTemplateTag, type CallFacts } from './sinks.js';
import { textOf, type TextPart } from './text.js';
import { browserSource, callbackSeeds, CHAT_COMMAND_HANDLER, type ChatConventions, chatByConvention, chatCommandSeeds, chatPackage, convexHandler, extendsModelTool, fastmcpToolHandler, h3ContextParams, h3Source, importsChatLibrary, MCP_TOOL_CLASS, modelToolHandler, usesH3, isUploadServerField, memberOfShape, methodOfShape, nestSeed, paramName, requestByConvention, sourceCall, sourceOrigin, URL_PARTS, type FunctionNode } from './sources.js';
import { Scope } from './scope.js';
import { appendStep, CLEAN, COMPUTED_FIELD, dangerousFor, fieldRead, isTainted, keysOfTaint, joinVals, objectOfParts, sanitize, unionTaint, withFieldWrite, withStep } from './taint.js';
import type { FunctionSummary, Origin, ParamSink, RequestShape, SinkHit, SinkKind, Taint, TaintFlow, Val } from './types.js';

/** How a file reaches the summaries of the project files it imports. */
export interface ModuleLookup {
  exported(from: SourceFile, specifier: string, name: string): FunctionSummary | undefined;
  /** Every summary a module exports, for a file that passes them on (`export * from './products'`). */
  moduleExports(from: SourceFile, specifier: string): ReadonlyMap<string, FunctionSummary> | undefined;
  /** How long one file's analysis may take, in milliseconds, not counting the imports it analyses on the way. */
  readonly budgetMs: number;
}

/** One file's analysis ran past its time budget (ModuleLookup.budgetMs): stopped, so that no file can stall a scan. */
export class AnalysisTimeout extends Error {
  constructor(readonly budgetMs: number) {
    super(`data-flow analysis stopped after ${budgetMs / 1000} s`);
  }
}

/** How many expressions are evaluated between two looks at the clock. */
const CLOCK_EVERY = 4096;
/** MongoDB query operators whose operand is a value, never read as a filter: a client's object there adds no operator. */
const LITERAL_OPERAND = new Set(['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$all', '$regex', '$options', '$size', '$exists', '$type', '$mod']);

interface FnInfo {
  key: string;
  node: FunctionNode;
  name: string;
  closure: Scope;
  /** Seeds given by where the function is declared (an exported Next.js handler, a server action). */
  declSeeds?: (Val | undefined)[];
  summary?: FunctionSummary;
  running?: boolean;
  /** Signatures of the seeded analyses already run (route handlers, calls with a request argument). */
  seeded: Map<string, FunctionSummary>;
  /** The class of a method: `this` is an instance of it. */
  owner?: string;
}

/** `createHmac('sha256', key).update(…).digest('hex')` (any call of the chain), Web Crypto's `subtle.sign('HMAC', …)`. */
function isHmacCall(node: TSESTree.CallExpression): boolean {
  let cur: TSESTree.Node = node;
  while (cur.type === 'CallExpression' || cur.type === 'MemberExpression' || cur.type === 'AwaitExpression') {
    if (cur.type === 'CallExpression') {
      const name = cur.callee.type === 'Identifier' ? cur.callee.name : cur.callee.type === 'MemberExpression' ? propertyName(cur.callee) : undefined;
      if (name === 'createHmac' || (name === 'sign' && /subtle$/.test(memberPath((cur.callee as TSESTree.MemberExpression).object as AstNode) ?? ''))) return true;
      cur = cur.callee;
    } else if (cur.type === 'MemberExpression') cur = cur.object;
    else cur = cur.argument;
  }
  return false;
}

/** `fieldRead`, a parameter's own origin marked with the field read from it (see Origin.field). */
function paramFieldRead(val: Val, key: string | undefined): Taint | undefined {
  const read = fieldRead(val, key);
  if (val.paramRoot === undefined || key === undefined || !read) return read;
  return read.map((o) => (o.kind === 'param' && o.param === val.paramRoot && o.field === undefined && !o.keysOf ? { ...o, field: key } : o));
}

/** A regular expression by its name (`re.exec(text)`, `SLUG_PATTERN.exec(text)`), not a database's or a process's `exec`. */
const REGEX_NAME = /^(?:re|rx)$|regexp?|pattern|_RE$/i;

/** The tool calls in a language model's answer: OpenAI's `tool_calls` (and the older `function_call`), the AI SDK's `toolCalls`. */
const TOOL_CALLS = new Set(['tool_calls', 'toolCalls', 'function_call']);

/** Sinks that act on the browser of whoever sent the request: a reflected page or redirect. */
const REFLECTED = new Set<SinkKind>(['xss', 'redirect']);

interface Frame {
  name?: string;
  returns?: Taint;
  returnShape?: RequestShape;
  /** Every tainted value returned so far is a URL or path whose constant start fixes its target (see `Val.anchored`). */
  returnsAnchored?: boolean;
  sinks: ParamSink[];
  /** What `sinks` holds, by everything but the trail (see addParamSink). */
  sinkKeys?: Set<string>;
  /** Inside a branch or loop: assignments join with the old value instead of replacing it. */
  weak: number;
  /**
   * Past a check of a secret from the environment (`if (token !== process.env.VERIFY_TOKEN) return 403`): what the
   * handler reflects to a browser from here needs the secret in the request, so a stranger's link cannot carry it.
   */
  secretProved?: number;
  /** Past a comparison of the request's signature with an HMAC computed here: the payload is the signer's. */
  signedPayload?: number;
}

interface ParamSinkExtra extends ParamSink {
  builtOnly?: boolean;
  urlLike?: boolean;
  /** The parameter reached the sink through a field an upload middleware sets (see Origin.serverField). */
  serverField?: boolean;
  /** The parameter reached the sink through its keys only (see Origin.keysOf). */
  keysOf?: boolean;
  /** The parameter reached the sink through this field of its own (see Origin.field). */
  field?: string;
}

const EMPTY_SUMMARY: FunctionSummary = { returns: [], sinks: [] };
/**
 * Distinct sinks one function's parameters may reach. Real functions reach a few; generated code where every function
 * calls several others (each reaching the sinks of its callees) reached every sink of the file from each, which on a
 * 1,000-function file took minutes and then all the memory.
 */
const MAX_PARAM_SINKS = 256;
const MAX_EVAL_DEPTH = 300;
const MAX_ANALYSIS_DEPTH = 12;
const MAX_FUNCTIONS = 3000;
const HTTP_EXPORTS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
/** SvelteKit route files whose exports run on the server for a request: endpoints, and server load and actions modules. */
const SVELTEKIT_ENDPOINT = /(?:^|\/)src\/routes\/(?:.*\/)?\+server\.[cm]?[jt]s$/;
const ASTRO_ENDPOINT = /^src\/pages\/.+\.[cm]?[jt]s$/;
const REMIX_ROUTE = /^app\/routes\/.+\.[cm]?[jt]sx?$/;
const SVELTEKIT_SERVER_LOAD = /(?:^|\/)src\/routes\/(?:.*\/)?\+(?:page|layout)\.server\.[cm]?[jt]s$/;
const NEXT_ROUTE_HANDLER = /(?:^|\/)app\/(?:.*\/)?route\.[cm]?[jt]sx?$/;
const PAGES_API = /(?:^|\/)pages\/api\/|^api\/(?!.*\/_)/;
const NEXT_PAGE = /(?:^|\/)app\/(?:.*\/)?page\.[cm]?[jt]sx?$/;
/** Cloudflare Pages Functions, and the exports Pages calls with the request's context. */
const PAGES_FUNCTION = /^functions\/.+\.[cm]?[jt]s$/;
const PAGES_HANDLER = /^onRequest(?:Get|Post|Put|Patch|Delete|Head|Options)?$/;
/** Fresh (Deno) route modules, whose `handler` (a function, or an object of methods) gets the request and its context. */
const FRESH_ROUTE = /(?:^|\/)routes\/.+\.[cm]?[jt]sx?$/;
const FRESH_TEXT = /\$fresh\/|@fresh\/core|\/x\/fresh@|define\.handlers/;
/** SvelteKit's server hooks, whose `handle` sees every request. */
const SVELTEKIT_HOOKS = /(?:^|\/)src\/hooks\.server\.[cm]?[jt]s$/;
/** Route files whose exports a framework calls with a request (`declarationSeeds`, SvelteKit's form actions). */
const ENTRY_FILES = [NEXT_ROUTE_HANDLER, PAGES_API, NEXT_PAGE, SVELTEKIT_ENDPOINT, SVELTEKIT_SERVER_LOAD, SVELTEKIT_HOOKS, ASTRO_ENDPOINT, REMIX_ROUTE];
export const ARRAY_CALLBACKS = new Set(['map', 'forEach', 'filter', 'find', 'findLast', 'flatMap', 'some', 'every', 'sort', 'then', 'reduce', 'reduceRight', 'findIndex']);
const ARG_PROPAGATING_METHODS = new Set(['concat', 'replace', 'replaceAll', 'padStart', 'padEnd', 'push', 'unshift', 'splice', 'set', 'append', 'add', 'assign', 'fill']);
const MUTATING_METHODS = new Set(['push', 'unshift', 'splice', 'set', 'append', 'add', 'fill']);
const CLEAN_MEMBERS = new Set(['length', 'size', 'byteLength']);
/** Sinks of text that a caller may build and hand to a helper to run: reported where it is built. */
const BUILT_AT_CALL = new Set<SinkKind>(['sql', 'command', 'code', 'xss']);
/** Classes followed up a chain of `extends`: deeper hierarchies are generated code. */
const MAX_CLASS_DEPTH = 5;
const PROPAGATORS = /^(?:String|JSON\.parse|JSON\.stringify|Object\.assign|Object\.values|Object\.entries|Object\.keys|Object\.fromEntries|Array\.from|Array\.of|Buffer\.from|decodeURIComponent|decodeURI|unescape|atob|btoa|structuredClone|Promise\.resolve|Promise\.all|Promise\.allSettled|Promise\.race|Promise\.any|util\.format|format|path\.join|path\.resolve|path\.normalize|path\.posix\.join|path\.win32\.join|url\.parse|url\.resolve|url\.format|querystring\.parse|querystring\.stringify|qs\.parse|qs\.stringify|lodash\.template|_\.template|marked|marked\.parse|showdown|markdownIt|md\.render|String\.raw)$/;

/** Walks one file's AST once, evaluating every expression to the taint it may carry. */
export class FileAnalysis {
  readonly flows: TaintFlow[] = [];
  readonly exports = new Map<string, FunctionSummary>();
  /** Modules this one exports from: all they export (`export *`), or one name (`export { a as b } from`). */
  private readonly reexports: { source: string; local?: string; as?: string }[] = [];
  private readonly flowKeys = new Set<string>();
  private readonly fns = new Map<AstNode, FnInfo>();
  private readonly byKey = new Map<string, FnInfo>();
  private readonly imports: ReadonlyMap<string, ImportBinding>;
  private readonly exportRefs = new Map<string, Val>();
  /** Named classes of this file: their methods (static or not) by name, and what their fields are made as. */
  private readonly classes = new Map<string, { methods: Map<string, FnInfo>; fields: Map<string, Val>; parent?: string }>();
  /** Objects of functions declared here (`var Products = { getCategoryProducts: function (…) {…} }`), by name. */
  private readonly objectLiterals = new Map<string, TSESTree.ObjectExpression>();
  private frame: Frame = { sinks: [], weak: 0 };
  private evalDepth = 0;
  private analysisDepth = 0;
  private evaluated = 0;
  private deadline: number;
  /**
   * The file imports a chat-bot library, or its package depends on one: its handlers' updates carry what users write
   * (with the conventions its parameters follow, see `ChatConventions`).
   */
  private readonly chat: ChatConventions | undefined;
  private readonly rel: string;
  private readonly serverActions: boolean;
  /** The file handles requests with h3 (Nuxt's and Nitro's server routes), whose request helpers are sources. */
  private readonly h3: boolean;
  /** A Fresh route module. */
  private readonly fresh: boolean;

  constructor(
    private readonly file: SourceFile,
    private readonly ast: TSESTree.Program,
    private readonly lookup: ModuleLookup,
  ) {
    this.deadline = performance.now() + lookup.budgetMs;
    this.imports = collectImports(ast);
    this.rel = packageRelative(file);
    this.serverActions = hasDirective(ast.body, 'use server');
    this.h3 = usesH3(file.text, this.imports);
    this.fresh = FRESH_ROUTE.test(file.path) && FRESH_TEXT.test(file.text);
    this.chat = importsChatLibrary(this.imports) ? { ctx: true, imported: true } : chatPackage(file.package);
  }

  /** Module specifiers this file imports or requires at top level. */
  importSources(): string[] {
    return importSpecifiers(this.ast);
  }

  /**
   * What a barrel passes on (`export * from './product.repository'`, `export { ProductRepository as Products } from
   * …`): the summaries of those modules, under the names this one exports them by, a class's methods with it.
   */
  private passOnReexports(): void {
    for (const r of this.reexports) {
      const from = this.lookup.moduleExports(this.file, r.source);
      for (const [key, summary] of from ?? []) {
        const dot = key.indexOf('.');
        const head = dot < 0 ? key : key.slice(0, dot);
        const name = r.local === undefined ? (head === 'default' ? undefined : key) : head === r.local ? `${r.as}${key.slice(head.length)}` : undefined;
        if (name && !this.exports.has(name)) this.exports.set(name, summary);
      }
    }
  }

  /** Summary of one export, computed now if needed: a file in an import cycle asks while this one is running. */
  exportSummary(name: string): FunctionSummary | undefined {
    const known = this.exports.get(name);
    if (known) return known;
    const dot = name.indexOf('.');
    const ref = this.exportRefs.get(dot < 0 ? name : name.slice(0, dot));
    const holder = ref?.cls ?? ref?.instance;
    const info = dot < 0 ? ref?.fn && this.byKey.get(ref.fn.key) : holder ? this.methodOf(holder, name.slice(dot + 1)).info : undefined;
    return info ? this.summaryOf(info) : undefined;
  }

  run(): void {
    const top = new Scope();
    this.hoist(this.ast.body, top);
    this.execBlock(this.ast.body, top);
    for (const [name, val] of this.exportRefs) {
      const info = val.fn && this.byKey.get(val.fn.key);
      if (info) this.exports.set(name, this.summaryOf(info));
      // An exported class, or an instance of one (`module.exports = new BankService()`): each method as `name.method`.
      // Its own and those it inherits from a class of this file.
      for (let cls = this.classes.get(val.cls ?? val.instance ?? ''), depth = 0; cls && depth < MAX_CLASS_DEPTH; cls = cls.parent ? this.classes.get(cls.parent) : undefined, depth++) {
        for (const [method, m] of cls.methods) if (!this.exports.has(`${name}.${method}`)) this.exports.set(`${name}.${method}`, this.summaryOf(m));
      }
    }
    this.passOnReexports();
    // Every function is analysed at least once, so flows inside code nobody calls here are found too.
    for (const info of [...this.fns.values()]) if (!info.summary && info.seeded.size === 0) this.summaryOf(info);
  }

  // ─── functions ───────────────────────────────────────────────────────────

  private register(node: FunctionNode, scope: Scope, name?: string): FnInfo {
    let info = this.fns.get(node);
    if (info) return info;
    const key = `${this.file.path}#${node.range[0]}`;
    info = { key, node, name: name ?? (node.id?.name || this.frame.name || 'anonymous function'), closure: scope, seeded: new Map() };
    if (this.fns.size < MAX_FUNCTIONS) {
      this.fns.set(node, info);
      this.byKey.set(key, info);
    }
    return info;
  }

  private fnVal(info: FnInfo): Val {
    return { fn: { file: this.file.path, key: info.key } };
  }

  private summaryOf(info: FnInfo): FunctionSummary {
    if (info.summary) return info.summary;
    if (info.running || this.analysisDepth >= MAX_ANALYSIS_DEPTH) return EMPTY_SUMMARY;
    info.running = true;
    info.summary = this.analyze(info, info.declSeeds);
    info.running = false;
    return info.summary;
  }

  /** Analysis with some parameters bound to known values (a route handler's request); memoised per shape. */
  private seededSummary(info: FnInfo, seeds: (Val | undefined)[]): FunctionSummary {
    const signature = seeds.map((s) => (s?.shape ? `s:${s.shape.name}:${s.shape.members ?? ''}` : s?.taint ? `t:${s.taint.map((o) => o.label).join('|')}` : '-')).join(',');
    const known = info.seeded.get(signature);
    if (known) return known;
    if (info.running || this.analysisDepth >= MAX_ANALYSIS_DEPTH) return EMPTY_SUMMARY;
    info.running = true;
    info.seeded.set(signature, EMPTY_SUMMARY);
    const summary = this.analyze(info, seeds);
    info.seeded.set(signature, summary);
    info.running = false;
    return summary;
  }

  private analyze(info: FnInfo, seeds: (Val | undefined)[] | undefined): FunctionSummary {
    const node = info.node;
    const scope = new Scope(info.closure);
    // A method's `this` is an instance of its class, and its fields what the class made them (`this.repo.find(id)`).
    const owner = info.owner !== undefined ? this.classes.get(info.owner) : undefined;
    if (owner) {
      scope.declare('this', { instance: info.owner });
      for (const [field, val] of owner.fields) scope.declare(`this.${field}`, val);
    }
    const saved = this.frame;
    this.frame = { name: info.name, sinks: [], weak: 0 };
    this.analysisDepth++;
    try {
      node.params.forEach((param, i) => {
        const val = seeds?.[i] ?? this.paramSeed(info, param, i);
        this.bindPattern(param as TSESTree.Node, val, scope, false);
      });
      if (node.body.type === 'BlockStatement') {
        const actionSeeds = !seeds && hasDirective(node.body.body, 'use server');
        if (actionSeeds) node.params.forEach((p, i) => this.bindPattern(p as TSESTree.Node, this.actionArg(p, i), scope, false));
        this.hoist(node.body.body, scope);
        this.execBlock(node.body.body, scope);
      } else {
        this.returnValue(this.eval(node.body, scope), node.body);
      }
      return { returns: this.frame.returns ?? [], returnsShape: this.frame.returnShape, ...(this.frame.returnsAnchored ? { returnsAnchored: true } : {}), sinks: this.frame.sinks };
    } finally {
      this.analysisDepth--;
      this.frame = saved;
    }
  }

  /** A value the current function returns, from `return v` or an arrow's expression body at `node`. */
  private returnValue(v: Val, node: TSESTree.Node): void {
    if (v.shape) this.frame.returnShape = v.shape;
    if (!isTainted(v)) return;
    this.frame.returnsAnchored = (this.frame.returns === undefined || this.frame.returnsAnchored) && v.anchored === true;
    this.frame.returns = unionTaint(this.frame.returns, withStep(v.taint, this.step(node, `returned by \`${this.frame.name ?? 'the function'}\``, 'step')));
  }

  /** A callback's body run in the current function's frame, with its closure: its sinks and flows are this function's. */
  private runInline(info: FnInfo): void {
    if (info.running || this.analysisDepth >= MAX_ANALYSIS_DEPTH) return;
    const { returns, returnShape, returnsAnchored } = this.frame;
    info.running = true;
    this.analysisDepth++;
    try {
      const scope = new Scope(info.closure);
      const body = info.node.body;
      if (body.type === 'BlockStatement') {
        this.hoist(body.body, scope);
        this.execBlock(body.body, scope);
      } else this.eval(body, scope);
    } finally {
      this.analysisDepth--;
      info.running = false;
      // What the executor returns is not what the function returns.
      this.frame.returns = returns;
      this.frame.returnShape = returnShape;
      this.frame.returnsAnchored = returnsAnchored;
    }
  }

  /** A parameter's value when nothing binds it: a request by framework wiring or convention, else symbolic. */
  private paramSeed(info: FnInfo, param: TSESTree.Parameter, i: number): Val {
    const nest = nestSeed(param, (message) => this.step(param, message, 'source'));
    if (nest) return nest;
    const convention = (this.chat && chatByConvention(param, this.chat)) || requestByConvention(param);
    if (convention) return { shape: convention };
    const name = paramName(param) ?? `parameter ${i + 1}`;
    const origin: Origin = { kind: 'param', param: i, label: name, trail: [this.step(param, `enters \`${info.name}\` as \`${name}\``, 'call')], safeFor: [] };
    return { taint: [origin], paramRoot: i };
  }

  private actionArg(param: TSESTree.Parameter, i: number): Val {
    const name = paramName(param) ?? `argument ${i + 1}`;
    const label = `server action argument ${name}`;
    return { taint: [sourceOrigin('request', label, this.step(param, `\`${name}\` is sent by the browser to this server action`, 'source'))] };
  }

  /** Seeds that come from how a function is declared and exported in this file. */
  private declarationSeeds(fn: FunctionNode, exportName: string | undefined): (Val | undefined)[] | undefined {
    const request = (i: number): Val => ({ shape: { kind: 'request', name: paramName(fn.params[i]) ?? '' } });
    if (exportName && HTTP_EXPORTS.has(exportName) && NEXT_ROUTE_HANDLER.test(this.rel)) return [request(0), request(1)];
    if (exportName === 'default' && PAGES_API.test(this.rel)) return [request(0)];
    if (exportName === 'default' && NEXT_PAGE.test(this.rel)) return [request(0)];
    // SvelteKit: endpoints' method handlers and server `load` functions get the request event (`{ params, url, request }`).
    if (exportName && (HTTP_EXPORTS.has(exportName) || exportName === 'fallback') && SVELTEKIT_ENDPOINT.test(this.rel)) return [request(0)];
    if (exportName === 'load' && SVELTEKIT_SERVER_LOAD.test(this.rel)) return [request(0)];
    // SvelteKit's server hook: `handle({ event, resolve })`, its `event` the request event of every page and endpoint.
    if (exportName === 'handle' && SVELTEKIT_HOOKS.test(this.rel)) return [request(0)];
    // Astro: an endpoint's handlers get the API context (`{ request, params, url, cookies, locals }`).
    if (exportName && (HTTP_EXPORTS.has(exportName) || exportName === 'ALL') && ASTRO_ENDPOINT.test(this.rel)) return [request(0)];
    // Cloudflare Pages Functions: `onRequest`, `onRequestPost`… get the context (`{ request, params, env, data }`).
    if (exportName && PAGES_HANDLER.test(exportName) && PAGES_FUNCTION.test(this.rel)) return [request(0)];
    // Fresh: `handler(req, ctx)`, `ctx.params` the route's parameters (Fresh 2: `handler(ctx)`, `ctx.req`).
    if (exportName === 'handler' && this.fresh) return [request(0), request(1)];
    // Remix and React Router 7: a route module's `loader` and `action` get `{ request, params, context }`.
    if ((exportName === 'loader' || exportName === 'action') && REMIX_ROUTE.test(this.rel)) return [request(0)];
    if (exportName && this.serverActions && fn.async !== false) return fn.params.map((p, i) => this.actionArg(p, i));
    return undefined;
  }

  private hoist(body: readonly TSESTree.Node[], scope: Scope): void {
    for (const raw of body) {
      const exported = raw.type === 'ExportNamedDeclaration' || raw.type === 'ExportDefaultDeclaration' ? raw : undefined;
      const stmt = exported?.declaration ?? raw;
      if (stmt.type === 'FunctionDeclaration') {
        const info = this.register(stmt, scope, stmt.id?.name ?? 'default');
        const exportName = exported ? (exported.type === 'ExportDefaultDeclaration' ? 'default' : stmt.id?.name) : undefined;
        info.declSeeds ??= this.declarationSeeds(stmt, exportName);
        if (stmt.id) scope.declare(stmt.id.name, this.fnVal(info));
        if (exportName) this.exportRefs.set(exportName, this.fnVal(info));
      }
    }
  }

  // ─── statements ──────────────────────────────────────────────────────────

  private execBlock(body: readonly TSESTree.Node[], scope: Scope): void {
    // A secret or signature checked by an early return holds for the rest of this block only.
    const proved = this.frame.secretProved;
    const signed = this.frame.signedPayload;
    for (const stmt of body) this.exec(stmt as TSESTree.Statement, scope);
    this.frame.secretProved = proved;
    this.frame.signedPayload = signed;
  }

  private exec(stmt: TSESTree.Node, scope: Scope): void {
    switch (stmt.type) {
      case 'VariableDeclaration':
        for (const d of stmt.declarations) this.declare(d, scope);
        return;
      case 'ExpressionStatement':
        this.eval(stmt.expression, scope);
        return;
      case 'ReturnStatement': {
        if (!stmt.argument) return;
        this.returnValue(this.eval(stmt.argument, scope), stmt);
        return;
      }
      case 'IfStatement':
        this.execIf(stmt, scope);
        return;
      case 'BlockStatement':
        this.hoist(stmt.body, scope);
        this.execBlock(stmt.body, scope);
        return;
      case 'ForOfStatement':
      case 'ForInStatement': {
        const right = this.eval(stmt.right, scope);
        const item: Val = isTainted(right) ? { taint: right.taint, ...(right.entryKeys && stmt.type === 'ForOfStatement' ? { entryKeys: right.entryKeys } : {}) } : CLEAN;
        this.frame.weak++;
        const left = stmt.left.type === 'VariableDeclaration' ? stmt.left.declarations[0]?.id : stmt.left;
        if (left) this.bindPattern(left, item, scope, true);
        this.exec(stmt.body, scope);
        this.frame.weak--;
        return;
      }
      case 'ForStatement':
        if (stmt.init) stmt.init.type === 'VariableDeclaration' ? this.exec(stmt.init, scope) : this.eval(stmt.init, scope);
        this.frame.weak++;
        if (stmt.test) this.eval(stmt.test, scope);
        this.exec(stmt.body, scope);
        if (stmt.update) this.eval(stmt.update, scope);
        this.frame.weak--;
        return;
      case 'WhileStatement':
      case 'DoWhileStatement':
        this.frame.weak++;
        this.eval(stmt.test, scope);
        this.exec(stmt.body, scope);
        this.frame.weak--;
        return;
      case 'TryStatement':
        this.exec(stmt.block, scope);
        if (stmt.handler) {
          this.frame.weak++;
          if (stmt.handler.param) this.bindPattern(stmt.handler.param, CLEAN, scope, true);
          this.exec(stmt.handler.body, scope);
          this.frame.weak--;
        }
        if (stmt.finalizer) this.exec(stmt.finalizer, scope);
        return;
      case 'SwitchStatement':
        this.eval(stmt.discriminant, scope);
        this.frame.weak++;
        for (const c of stmt.cases) {
          if (c.test) this.eval(c.test, scope);
          this.execBlock(c.consequent, scope);
        }
        this.frame.weak--;
        return;
      case 'LabeledStatement':
        this.exec(stmt.body, scope);
        return;
      case 'ThrowStatement':
        this.eval(stmt.argument, scope);
        return;
      case 'ClassDeclaration':
        this.evalClass(stmt, scope);
        return;
      case 'ExportNamedDeclaration':
        if (stmt.declaration?.type === 'VariableDeclaration') {
          for (const d of stmt.declaration.declarations) this.declare(d, scope, true);
          this.recordNamedExports(stmt.declaration, scope);
        } else if (stmt.declaration) {
          this.exec(stmt.declaration, scope);
          if (stmt.declaration.type === 'ClassDeclaration' && stmt.declaration.id) this.exportRefs.set(stmt.declaration.id.name, { cls: stmt.declaration.id.name });
        }
        if (stmt.source) {
          for (const s of stmt.specifiers) {
            const local = s.local.type === 'Identifier' ? s.local.name : String(s.local.value);
            this.reexports.push({ source: stmt.source.value, local, as: s.exported.type === 'Identifier' ? s.exported.name : String(s.exported.value) });
          }
        }
        for (const s of stmt.specifiers) {
          if (stmt.source) continue;
          const local = s.local.type === 'Identifier' ? s.local.name : String(s.local.value);
          const exported = s.exported.type === 'Identifier' ? s.exported.name : String(s.exported.value);
          const v = scope.lookup(local);
          if (v?.fn || v?.cls || v?.instance) this.exportRefs.set(exported, v);
        }
        return;
      case 'ExportAllDeclaration':
        // `export * from './products'` (not `export * as products`, a namespace of them).
        if (!stmt.exported) this.reexports.push({ source: stmt.source.value });
        return;
      case 'ExportDefaultDeclaration': {
        const d = stmt.declaration;
        if (d.type === 'FunctionDeclaration') return;
        const v = d.type === 'ClassDeclaration' ? this.evalClass(d, scope) : this.eval(d as TSESTree.Expression, scope, 'default');
        if (v.cls || v.instance) this.exportRefs.set('default', v);
        const info = v.fn && this.byKey.get(v.fn.key);
        if (info) {
          info.declSeeds ??= this.declarationSeeds(info.node, 'default');
          this.exportRefs.set('default', v);
        }
        return;
      }
      default:
        return;
    }
  }

  private recordNamedExports(decl: TSESTree.Node, scope: Scope): void {
    if (decl.type !== 'VariableDeclaration') return;
    for (const d of decl.declarations) {
      if (d.id.type !== 'Identifier') continue;
      const v = scope.lookup(d.id.name);
      if (v?.fn) this.exportRefs.set(d.id.name, v);
    }
  }

  private declare(d: TSESTree.VariableDeclarator, scope: Scope, exported = false): void {
    if (!d.init) {
      this.bindPattern(d.id, CLEAN, scope, false);
      return;
    }
    const name = d.id.type === 'Identifier' ? d.id.name : undefined;
    const exportName = name && exported ? name : undefined;
    // SvelteKit form actions (`export const actions = { default: async ({ request }) => … }`) get the request event.
    // Fresh's handler methods (`export const handler: Handlers = { GET(req, ctx) {…} }`, `define.handlers({…})`) too.
    let actions: TSESTree.Node | undefined = (exportName === 'actions' && SVELTEKIT_SERVER_LOAD.test(this.rel)) || (exportName === 'handler' && this.fresh) ? d.init : undefined;
    while (actions?.type === 'TSSatisfiesExpression' || actions?.type === 'TSAsExpression') actions = actions.expression;
    if (actions?.type === 'CallExpression' && actions.arguments.length === 1 && this.fresh) actions = actions.arguments[0];
    if (actions?.type === 'ObjectExpression') {
      for (const p of actions.properties) {
        const fn = p.type === 'Property' && (p.value.type === 'ArrowFunctionExpression' || p.value.type === 'FunctionExpression') ? p.value : undefined;
        if (fn) this.register(fn, scope, propertyName(p as TSESTree.Property)).declSeeds ??= fn.params.slice(0, this.fresh ? 2 : 1).map((param) => ({ shape: { kind: 'request', name: paramName(param) ?? '' } }));
      }
    }
    const v = this.eval(d.init, scope, name, exportName);
    const stepped = isTainted(v) && name ? { ...v, taint: withStep(v.taint, this.step(d, `assigned to \`${name}\``, 'step')) } : v;
    this.bindPattern(d.id, stepped, scope, this.frame.weak > 0, memberPath(d.init));
    // An object of functions: `Products.getCategoryProducts(…)` calls the function it holds.
    if (name && d.init.type === 'ObjectExpression') {
      let held = false;
      for (const p of d.init.properties) {
        const info = p.type === 'Property' && !p.computed ? this.fns.get(p.value as AstNode) : undefined;
        const key = info && propertyName(p as TSESTree.Property);
        if (key) {
          scope.declare(`${name}.${key}`, this.fnVal(info));
          held = true;
        }
      }
      if (held) this.objectLiterals.set(name, d.init);
    }
  }

  private execIf(stmt: TSESTree.IfStatement, scope: Scope): void {
    this.eval(stmt.test, scope);
    const guards = guardsOf(stmt.test).filter((g) => this.guardApplies(g, scope, stmt.test));
    const secret = secretComparison(stmt.test);
    const signed = this.signatureComparison(stmt.test, scope) ?? this.ownerComparison(stmt.test, scope);
    this.frame.weak++;
    this.withSecret(secret === true, signed === true, () => this.withGuards(guards.filter((g) => g.holdsWhen), scope, stmt.test, () => this.exec(stmt.consequent, scope)));
    if (stmt.alternate) this.withSecret(secret === false, signed === false, () => this.withGuards(guards.filter((g) => !g.holdsWhen), scope, stmt.test, () => this.exec(stmt.alternate!, scope)));
    this.frame.weak--;
    // `if (token !== process.env.SECRET) return …;`: the rest of the function runs only for whoever knows it.
    if (secret === false && alwaysExits(stmt.consequent)) this.frame.secretProved = (this.frame.secretProved ?? 0) + 1;
    // `if (digest !== signature) return 400;`: the payload past it was signed by whoever holds the key (the provider).
    if (signed === false && alwaysExits(stmt.consequent)) this.frame.signedPayload = (this.frame.signedPayload ?? 0) + 1;
    // `if (!allowed.includes(x)) return …;` — after the statement, x passed the check.
    if (alwaysExits(stmt.consequent)) this.applyGuards(guards.filter((g) => !g.holdsWhen), scope, stmt.test);
    else if (stmt.alternate && alwaysExits(stmt.alternate)) this.applyGuards(guards.filter((g) => g.holdsWhen), scope, stmt.test);
    else if (!stmt.alternate) {
      // `if (!next.startsWith('/')) next = '/';` — after it, x passed the check or is the fixed text.
      const reset = guards.filter((g) => !g.holdsWhen && resetText(stmt.consequent, g.path) !== undefined);
      this.applyGuards(reset.map((g) => (resetText(stmt.consequent, g.path)!.startsWith('/') ? g : { ...g, rooted: undefined })), scope, stmt.test);
    }
  }

  private withSecret(proved: boolean, signed: boolean, run: () => void): void {
    if (!proved && !signed) return run();
    const before = { secret: this.frame.secretProved, signed: this.frame.signedPayload };
    if (proved) this.frame.secretProved = (this.frame.secretProved ?? 0) + 1;
    if (signed) this.frame.signedPayload = (this.frame.signedPayload ?? 0) + 1;
    try {
      run();
    } finally {
      this.frame.secretProved = before.secret;
      this.frame.signedPayload = before.signed;
    }
  }

  /**
   * Whether a test compares an HMAC computed here (`createHmac(…).update(body).digest('hex')`) with another value, and
   * when that holds: true for `===` (also inside `&&`), false for `!==` (also inside `||`). Only the holder of the
   * key signs a payload that passes, so what follows is the provider's data, not a stranger's.
   */
  private signatureComparison(test: TSESTree.Expression, scope: Scope): boolean | undefined {
    if (test.type === 'LogicalExpression' && test.operator === '&&') return this.signatureComparison(test.left, scope) === true || this.signatureComparison(test.right, scope) === true ? true : undefined;
    if (test.type === 'LogicalExpression' && test.operator === '||') return this.signatureComparison(test.left, scope) === false || this.signatureComparison(test.right, scope) === false ? false : undefined;
    if (test.type !== 'BinaryExpression' || !['===', '==', '!==', '!='].includes(test.operator)) return undefined;
    const hmacSide = (n: TSESTree.Node) => (n.type === 'CallExpression' ? isHmacCall(n) : n.type === 'Identifier' ? !!scope.lookup(n.name)?.hmac : false);
    if (!hmacSide(test.left) && !hmacSide(test.right as TSESTree.Node)) return undefined;
    if (test.left.type === 'Literal' || test.right.type === 'Literal') return undefined;
    return test.operator === '===' || test.operator === '==';
  }

  /**
   * Whether a test compares who sent a chat bot's update with a fixed owner (`interaction.user.id !== OWNER_ID`,
   * `config.OWNERS.includes(message.author.id)`, `ctx.from.id == process.env.ADMIN_ID`), and when that holds (as
   * `signatureComparison`). The platform sets the sender, so past such a check the text is the owner's own.
   */
  private ownerComparison(test: TSESTree.Expression, scope: Scope): boolean | undefined {
    const t = unwrap(test);
    if (t.type === 'UnaryExpression' && t.operator === '!') {
      const inner = this.ownerComparison(t.argument, scope);
      return inner === undefined ? undefined : !inner;
    }
    if (t.type === 'LogicalExpression' && t.operator === '&&') return this.ownerComparison(t.left, scope) === true || this.ownerComparison(t.right, scope) === true ? true : undefined;
    if (t.type === 'LogicalExpression' && t.operator === '||') return this.ownerComparison(t.left, scope) === false || this.ownerComparison(t.right, scope) === false ? false : undefined;
    const sender = (n: TSESTree.Node): boolean => {
      let v = unwrap(n as TSESTree.Expression);
      if (v.type === 'CallExpression' && v.callee.type === 'MemberExpression' && propertyName(v.callee) === 'toString') v = unwrap(v.callee.object);
      else if (v.type === 'CallExpression' && v.callee.type === 'Identifier' && /^(?:String|Number)$/.test(v.callee.name) && v.arguments[0]) v = unwrap(v.arguments[0] as TSESTree.Expression);
      const path = memberPath(v as AstNode);
      const m = path && SENDER_ID.exec(path);
      return !!m && scope.lookup(path.split('.')[0])?.shape?.members === 'chat';
    };
    // `OWNERS.includes(id)`, `admins.has(id)`: a list the bot keeps.
    if (t.type === 'CallExpression' && t.callee.type === 'MemberExpression' && /^(?:includes|has)$/.test(propertyName(t.callee) ?? '') && t.arguments[0] && sender(t.arguments[0])) return sender(t.callee.object) ? undefined : true;
    if (t.type !== 'BinaryExpression' || !['===', '==', '!==', '!='].includes(t.operator)) return undefined;
    const [own, other] = sender(t.left) ? [t.left, t.right] : sender(t.right as TSESTree.Node) ? [t.right, t.left] : [];
    if (!own || !other || sender(other) || this.eval(other as TSESTree.Node, scope).taint?.some((o) => o.kind !== 'param')) return undefined;
    return t.operator === '===' || t.operator === '==';
  }

  /** `Object.hasOwn(obj, key)` proves nothing when `key` was read from `obj` itself and `obj` is the client's data. */
  private guardApplies(g: Guard, scope: Scope, at: TSESTree.Node): boolean {
    if (!g.unlessTainted) return true;
    const owner = g.unlessTainted.includes('.') ? this.evalPath(g.unlessTainted, scope, at) : scope.lookup(g.unlessTainted);
    if (!owner) return true;
    if (owner.shape) return false;
    const guarded = g.path.includes('.') ? this.evalPath(g.path, scope, at) : scope.lookup(g.path);
    const origin = (o: Origin) => `${o.kind}:${o.param ?? ''}:${o.label}`;
    const keys = new Set((guarded?.taint ?? []).map(origin));
    return !(owner.taint ?? []).some((o) => keys.has(origin(o)));
  }

  private withGuards(guards: Guard[], scope: Scope, at: TSESTree.Node, run: () => void): void {
    if (guards.length === 0) return run();
    const before = guards.map((g) => [g.path, scope.lookup(g.path)] as const);
    const applied = this.applyGuards(guards, scope, at);
    run();
    before.forEach(([path, old], i) => {
      const now = scope.lookup(path);
      if (now !== applied[i]) scope.assign(path, joinVals(old, now));
      else if (old) scope.assign(path, old);
      else scope.remove(path);
    });
  }

  private applyGuards(guards: Guard[], scope: Scope, at: TSESTree.Node): (Val | undefined)[] {
    return guards.map((g) => {
      const current = g.path.includes('.') ? this.evalPath(g.path, scope, at) : scope.lookup(g.path);
      if (!current) return undefined;
      const safe = g.rooted ? { ...sanitize(current, g.kinds), rooted: true } : sanitize(current, g.kinds);
      scope.assign(g.path, safe);
      return safe;
    });
  }

  private evalPath(path: string, scope: Scope, at: TSESTree.Node): Val | undefined {
    const known = scope.lookup(path);
    if (known) return known;
    const segs = path.split('.');
    const root = scope.lookup(segs[0]);
    if (root?.shape) return memberOfShape(root.shape, segs.slice(1), (message) => this.step(at, message, 'source'));
    const taint = root && paramFieldRead(root, segs[1]);
    return taint?.length ? { taint } : undefined;
  }

  // ─── patterns ────────────────────────────────────────────────────────────

  /** `basePath`: the member path destructured (`req.body`), so each property keeps its own name as a source. */
  private bindPattern(pattern: TSESTree.Node, val: Val, scope: Scope, weak: boolean, basePath?: string): void {
    switch (pattern.type) {
      case 'Identifier':
        scope.assign(pattern.name, weak ? joinVals(scope.lookup(pattern.name), val) : val);
        return;
      case 'AssignmentPattern': {
        const fallback = this.eval(pattern.right, scope);
        this.bindPattern(pattern.left, joinVals(val, fallback), scope, weak);
        return;
      }
      case 'ObjectPattern':
        for (const p of pattern.properties) {
          if (p.type === 'RestElement') {
            this.bindPattern(p.argument, isTainted(val) || val.shape ? this.wholeOf(val, p) : CLEAN, scope, weak);
            continue;
          }
          const key = p.computed ? staticString(p.key as AstNode) : p.key.type === 'Identifier' ? p.key.name : staticString(p.key as AstNode);
          if (p.computed) this.eval(p.key as TSESTree.Expression, scope);
          let sub = (basePath && key && this.evalPath(`${basePath}.${key}`, scope, p.key)) || this.memberValue(val, key, p);
          const local = p.value.type === 'Identifier' ? p.value.name : p.value.type === 'AssignmentPattern' && p.value.left.type === 'Identifier' ? p.value.left.name : undefined;
          if (isTainted(sub) && local) sub = { ...sub, taint: withStep(sub.taint, this.step(p, `assigned to \`${local}\``, 'step')) };
          this.bindPattern(p.value, sub, scope, weak, basePath && key ? `${basePath}.${key}` : undefined);
        }
        return;
      case 'ArrayPattern':
        pattern.elements.forEach((el, i) => {
          if (!el) return;
          // `[key, value]` of an `Object.entries` pair: the key carries only what the object's keys do.
          const taint = val.entryKeys && i === 0 ? val.entryKeys : fieldRead(val, String(i));
          this.bindPattern(el, isTainted(val) && taint?.length ? { taint } : CLEAN, scope, weak);
        });
        return;
      case 'RestElement':
        this.bindPattern(pattern.argument, val, scope, weak);
        return;
      case 'TSParameterProperty':
        this.bindPattern(pattern.parameter, val, scope, weak);
        return;
      case 'MemberExpression':
        this.assignMember(pattern, val, scope);
        return;
      default:
        return;
    }
  }

  /** A request object used whole (`{ ...req }`, `merge(target, req)`) counts as its body. */
  private wholeOf(val: Val, at: TSESTree.Node): Val {
    if (val.shape) return memberOfShape(val.shape, ['body'], (message) => this.step(at, message, 'source')) ?? CLEAN;
    return { taint: val.taint };
  }

  private memberValue(val: Val, key: string | undefined, at: TSESTree.Node): Val {
    if (val.shape) {
      if (!key) return CLEAN;
      return memberOfShape(val.shape, [key], (message) => this.step(at, message, 'source')) ?? CLEAN;
    }
    const read = paramFieldRead(val, key);
    if (!read?.length || (key && CLEAN_MEMBERS.has(key))) return CLEAN;
    if (key && isUploadServerField(key)) {
      // The uploaded file's own field is the server's; what a parameter holds is known only at its call sites.
      const taint = read.filter((o) => !o.upload).map((o) => (o.kind === 'param' && !o.serverField ? { ...o, serverField: true } : o));
      return taint.length ? { taint } : CLEAN;
    }
    // A language model's answer asking for tools (`message.tool_calls`, the AI SDK's `toolCalls`): their arguments
    // are what the model chose for the code that runs them, as for a tool it is given.
    if (key && TOOL_CALLS.has(key) && read.some((o) => o.kind === 'llm')) {
      const name = memberPath(at as AstNode) ?? key;
      const step = this.step(at, `\`${name}\` holds the tools the AI model asked to run, with arguments it chose (a prompt injection can choose them too)`, 'source');
      return { taint: read.map((o) => (o.kind === 'llm' ? sourceOrigin('tool', name, step, o.safeFor) : o)) };
    }
    // `new URL(request.url).origin`: this site's own scheme and host.
    if (key === 'origin' && read.every((o) => o.safeFor.includes('redirect'))) return { taint: read, ownOrigin: true };
    // `new URL(request.url).searchParams`: the request's own URL stays on this site, its query does not.
    if (key && URL_PARTS.has(key)) return { taint: read.map((o) => (o.safeFor.includes('redirect') ? { ...o, safeFor: o.safeFor.filter((k) => k !== 'redirect') } : o)) };
    return { taint: read };
  }

  // ─── expressions ─────────────────────────────────────────────────────────

  /** Time spent analysing an import on the way is not this file's. */
  extendDeadline(ms: number): void {
    this.deadline += ms;
  }

  private eval(node: TSESTree.Node, scope: Scope, name?: string, exportName?: string): Val {
    if (this.evalDepth > MAX_EVAL_DEPTH) return CLEAN;
    if (++this.evaluated % CLOCK_EVERY === 0 && performance.now() > this.deadline) throw new AnalysisTimeout(this.lookup.budgetMs);
    this.evalDepth++;
    try {
      return this.evalInner(node, scope, name, exportName);
    } finally {
      this.evalDepth--;
    }
  }

  private evalInner(node: TSESTree.Node, scope: Scope, name?: string, exportName?: string): Val {
    switch (node.type) {
      case 'Identifier':
        return scope.lookup(node.name) ?? CLEAN;
      case 'ThisExpression':
        return scope.lookup('this') ?? CLEAN;
      case 'Literal':
      case 'Super':
      case 'MetaProperty':
      case 'PrivateIdentifier':
        return CLEAN;
      case 'TemplateLiteral':
        return textOf(
          node.quasis.flatMap((q, i) => {
            const parts: TextPart[] = [{ text: q.value.cooked ?? q.value.raw }];
            if (i < node.expressions.length) parts.push({ val: this.eval(node.expressions[i], scope), node: node.expressions[i] });
            return parts;
          }),
        );
      case 'BinaryExpression':
        if (node.operator === '+') return this.concat(node, scope);
        this.eval(node.left, scope);
        this.eval(node.right, scope);
        return CLEAN;
      case 'LogicalExpression':
        return joinVals(this.eval(node.left, scope), this.eval(node.right, scope));
      case 'ConditionalExpression': {
        this.eval(node.test, scope);
        // `ALLOWED.includes(next) ? next : '/'`: each branch sees what the test established.
        const guards = guardsOf(node.test).filter((g) => this.guardApplies(g, scope, node.test));
        let yes: Val = CLEAN;
        let no: Val = CLEAN;
        this.withGuards(guards.filter((g) => g.holdsWhen), scope, node.test, () => (yes = this.eval(node.consequent, scope)));
        this.withGuards(guards.filter((g) => !g.holdsWhen), scope, node.test, () => (no = this.eval(node.alternate, scope)));
        return joinVals(yes, no);
      }
      case 'UnaryExpression':
        this.eval(node.argument, scope);
        return CLEAN;
      case 'UpdateExpression':
        this.eval(node.argument, scope);
        return CLEAN;
      case 'AwaitExpression':
      case 'TSAsExpression':
      case 'TSNonNullExpression':
      case 'TSSatisfiesExpression':
      case 'TSTypeAssertion':
      case 'ChainExpression':
      case 'TSInstantiationExpression':
        return this.eval((node as { expression?: TSESTree.Node; argument?: TSESTree.Node }).expression ?? (node as { argument: TSESTree.Node }).argument, scope, name, exportName);
      case 'YieldExpression':
        return node.argument ? this.eval(node.argument, scope) : CLEAN;
      case 'SequenceExpression': {
        let last: Val = CLEAN;
        for (const e of node.expressions) last = this.eval(e, scope);
        return last;
      }
      case 'AssignmentExpression':
        return this.evalAssignment(node, scope);
      case 'MemberExpression':
        return this.evalMember(node, scope);
      case 'CallExpression':
      case 'NewExpression': {
        const v = this.evalCall(node, scope);
        return node.type === 'CallExpression' && isHmacCall(node) ? { ...v, hmac: true } : v;
      }
      case 'TaggedTemplateExpression': {
        const parts = node.quasi.expressions.map((e) => this.eval(e, scope));
        const tag = memberPath(node.tag as AstNode);
        const effect = taggedTemplateEffect(tag ? canonicalPath(tag, this.imports) ?? tag : undefined);
        const joined = joinVals(...parts);
        if (node.tag.type === 'CallExpression') {
          const callee = memberPath(node.tag.callee as AstNode);
          if (shellTemplateTag(node.tag, callee ? canonicalPath(callee, this.imports) ?? callee : undefined)) this.checkSink(node, 'command', `${callee}({ shell: true })\`…\``, joined);
        }
        return effect ? sanitize({ taint: joined.taint }, effect) : { taint: joined.taint, built: isTainted(joined) || undefined };
      }
      case 'ObjectExpression':
        return this.evalObject(node, scope);
      case 'ArrayExpression': {
        const vals = node.elements.map((e) => (e ? this.eval(e.type === 'SpreadElement' ? e.argument : e, scope) : CLEAN));
        return { taint: unionTaint(...vals.map((v) => v.taint)), object: true };
      }
      case 'ArrowFunctionExpression':
      case 'FunctionExpression': {
        const info = this.register(node, scope, name);
        if (exportName !== undefined || name === 'default') info.declSeeds ??= this.declarationSeeds(node, exportName ?? name);
        return this.fnVal(info);
      }
      case 'ClassExpression':
        this.evalClass(node, scope);
        return CLEAN;
      case 'JSXElement':
      case 'JSXFragment':
        this.evalJsx(node, scope);
        return CLEAN;
      case 'ImportExpression':
        return CLEAN;
      case 'SpreadElement':
        return this.eval(node.argument, scope);
      default:
        return CLEAN;
    }
  }

  private evalObject(node: TSESTree.ObjectExpression, scope: Scope): Val {
    const parts: { key: string | undefined; val: Val }[] = [];
    for (const p of node.properties) {
      if (p.type === 'SpreadElement') {
        const v = this.eval(p.argument, scope);
        parts.push({ key: undefined, val: v.shape ? this.wholeOf(v, p) : v });
        continue;
      }
      if (p.computed) this.eval(p.key as TSESTree.Expression, scope);
      const key = propertyName(p);
      const v = this.eval(p.value as TSESTree.Node, scope, key);
      // A chat bot's command module: `{ data: new SlashCommandBuilder()…, async execute(interaction) { … } }`.
      const handler = this.chat?.imported && key && CHAT_COMMAND_HANDLER.test(key) && v.fn && ['data', 'name', 'command'].some((k) => objectProperty(node, k)) ? this.byKey.get(v.fn.key) : undefined;
      if (handler) handler.declSeeds ??= chatCommandSeeds(handler.node).map((seed, i) => this.seedVal(seed, handler.node.params[i], p));
      if (key === '$where' || key === '$function' || key === '$accumulator') this.checkSink(p, 'code', `Mongo \`${key}\``, v);
      if (key === '$regex') this.checkSink(p, 'regex', 'Mongo `$regex`', v);
      // An LLM chat message from the system (`{ role: 'system', content }`), wherever the list it joins is sent.
      if (key === 'content' && isSystemMessage(node)) this.checkSink(p, 'prompt', 'the content of a `system` message to an LLM', v);
      // MongoDB takes these operators' operand as a value (an object under `$eq` is compared, not read as operators).
      parts.push({ key: p.computed && !staticString(p.key as AstNode) ? undefined : key, val: key !== undefined && LITERAL_OPERAND.has(key) ? sanitize(v, ['nosql']) : v });
    }
    return objectOfParts(parts);
  }

  private evalClass(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression, scope: Scope): Val {
    const className = node.id?.name ?? 'class';
    const parent = node.superClass?.type === 'Identifier' ? node.superClass.name : undefined;
    const cls = node.id ? { methods: new Map<string, FnInfo>(), fields: new Map<string, Val>(), parent } : undefined;
    if (cls && !this.classes.has(className)) this.classes.set(className, cls);
    for (const m of node.body.body) {
      if (m.type === 'MethodDefinition' && m.value.type === 'FunctionExpression') {
        const key = propertyName(m);
        const info = this.register(m.value, scope, `${className}.${key ?? 'method'}`);
        if (!cls) continue;
        info.owner = className;
        if (m.kind === 'constructor') constructorFields(m.value, cls.fields);
        else if (key && m.kind === 'method') cls.methods.set(key, info);
        // mcp-framework: a tool class's `execute(input)` gets the arguments the model chose.
        if (key === 'execute' && parent && MCP_TOOL_CLASS.test(parent)) info.declSeeds ??= [this.toolArgument(m.value.params[0], m)];
        // LangChain: a tool class's `_call(input)` gets what the model chose.
        else if (key === '_call' && extendsModelTool(parent, this.imports)) info.declSeeds ??= [this.toolArgument(m.value.params[0], m, !/Structured/.test(this.imports.get(parent!)?.imported ?? ''))];
        // A chat bot's command class (Sapphire's `chatInputRun(interaction)`, a `Command` base class's `execute`).
        else if (this.chat?.imported && key && CHAT_COMMAND_HANDLER.test(key) && parent) info.declSeeds ??= chatCommandSeeds(m.value).map((seed, i) => this.seedVal(seed, m.value.params[i], m));
      } else if (m.type === 'PropertyDefinition' && m.value) {
        const key = propertyName(m);
        const v = this.eval(m.value, scope, `${className}.${key ?? 'property'}`);
        const info = v.fn && this.byKey.get(v.fn.key);
        // `find = async (id) => …`: a method too.
        if (cls && key && info) {
          info.owner = className;
          cls.methods.set(key, info);
        } else if (cls && key && v.instance) cls.fields.set(key, { instance: v.instance });
      }
    }
    if (!node.id) return CLEAN;
    const val: Val = { cls: className };
    scope.declare(className, val);
    return val;
  }

  private evalJsx(node: TSESTree.JSXElement | TSESTree.JSXFragment, scope: Scope): void {
    // Explicit stack: JSX trees nest deeply in generated pages.
    const stack: TSESTree.Node[] = [node];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.type === 'JSXElement') {
        for (const attr of n.openingElement.attributes) {
          if (attr.type === 'JSXSpreadAttribute') {
            this.eval(attr.argument, scope);
            continue;
          }
          if (attr.value?.type !== 'JSXExpressionContainer' || attr.value.expression.type === 'JSXEmptyExpression') continue;
          const v = this.eval(attr.value.expression, scope);
          const name = attr.name.type === 'JSXIdentifier' ? attr.name.name : undefined;
          const sink = name ? jsxAttributeSink(name) : undefined;
          if (sink && !(sink.url && fixedScheme(attr.value.expression))) this.checkSink(attr, sink.kind, sink.label, v, { urlLike: sink.url });
        }
        stack.push(...n.children);
      } else if (n.type === 'JSXFragment') {
        stack.push(...n.children);
      } else if (n.type === 'JSXExpressionContainer' && n.expression.type !== 'JSXEmptyExpression') {
        const e = n.expression;
        if (e.type === 'JSXElement' || e.type === 'JSXFragment') stack.push(e);
        else this.eval(e, scope);
      }
    }
  }

  private evalAssignment(node: TSESTree.AssignmentExpression, scope: Scope): Val {
    let v = this.eval(node.right, scope);
    const target = node.left;
    if (node.operator !== '=' && node.operator !== '??=' && node.operator !== '||=') {
      const old = this.eval(target, scope);
      v = node.operator === '+=' ? textOf([{ val: old, node: target }, { val: v, node: node.right }]) : CLEAN;
    }
    if (target.type === 'Identifier') {
      const stepped = isTainted(v) ? { ...v, taint: withStep(v.taint, this.step(node, `assigned to \`${target.name}\``, 'step')) } : v;
      const weak = this.frame.weak > 0 || node.operator === '??=' || node.operator === '||=';
      scope.assign(target.name, weak ? joinVals(scope.lookup(target.name), stepped) : stepped);
      if (v.fn) this.nameFunction(v, target.name);
      return v;
    }
    if (target.type === 'MemberExpression') {
      this.assignMember(target, v, scope, node.right);
      return v;
    }
    this.bindPattern(target, v, scope, this.frame.weak > 0);
    return v;
  }

  private nameFunction(v: Val, name: string): void {
    const info = v.fn && this.byKey.get(v.fn.key);
    if (info && info.name === 'anonymous function') info.name = name;
  }

  private assignMember(target: TSESTree.MemberExpression, v: Val, scope: Scope, right?: TSESTree.Node): void {
    const path = memberPath(target);
    const objectPath = memberPath(target.object);
    const prop = propertyName(target);
    // CommonJS exports: `module.exports = …`, `exports.name = …`
    if (path === 'module.exports') this.recordCommonJsExports(v, right, scope);
    else if (objectPath === 'module.exports' || objectPath === 'exports') {
      if (prop && v.fn) {
        this.exportRefs.set(prop, v);
        this.nameFunction(v, prop);
      }
    }
    const objectVal = this.eval(target.object, scope);
    let keyVal: Val = CLEAN;
    if (target.computed) keyVal = this.eval(target.property, scope);
    const sink = assignmentSink(path, prop);
    if (sink) this.checkSink(target, sink.kind, sink.label, v, { urlLike: sink.kind === 'redirect' });
    // obj[a][b] = v with `a` from the client can reach Object.prototype (`a` = "__proto__").
    if (target.computed && target.object.type === 'MemberExpression' && target.object.computed) {
      const outerKey = this.eval(target.object.property, scope);
      if (isTainted(outerKey) && (isTainted(keyVal) || isTainted(v))) this.checkSink(target, 'prototype-pollution', 'a nested property write with client-chosen keys', outerKey);
    } else if (target.computed && isTainted(keyVal) && isTainted(v) && this.recursesInto(target)) {
      // target[key] = … in a function that calls itself on target[key]: a hand-written deep merge walks into `__proto__`.
      this.checkSink(target, 'prototype-pollution', 'a recursive merge that copies client-chosen keys', keyVal);
    }
    if (objectVal.shape) return;
    // Writing tainted data into an object taints the object as a whole, but not its other fields.
    const root = rootIdentifier(target);
    // `changes[key] = value` with a key the server chose (a field of its own object): a field of unknown name, which any
    // read may find, but not a key the client picked.
    const field = path?.split('.')[1] ?? (target.computed && target.object.type === 'Identifier' && !isTainted(keyVal) ? COMPUTED_FIELD : undefined);
    if (root && isTainted(v) && root !== 'module' && root !== 'exports') scope.assign(root, withFieldWrite(scope.lookup(root), field, v.taint!));
    if (path && !target.computed) scope.assign(path, v);
  }

  /** `module.exports = fn` is the default export; `module.exports = { a, b: fn }` names each function. */
  private recordCommonJsExports(v: Val, right: TSESTree.Node | undefined, scope: Scope): void {
    if (v.fn || v.cls || v.instance) {
      this.exportRefs.set('default', v);
      return;
    }
    // `module.exports = Products`, an object of functions declared above.
    const object = right?.type === 'Identifier' ? this.objectLiterals.get(right.name) : right;
    if (object?.type !== 'ObjectExpression') return;
    for (const p of object.properties) {
      if (p.type !== 'Property') continue;
      const key = propertyName(p);
      const value = p.value;
      const ref = value.type === 'Identifier' ? scope.lookup(value.name) : this.fns.get(value as AstNode) ? this.fnVal(this.fns.get(value as AstNode)!) : undefined;
      if (key && (ref?.fn || ref?.cls || ref?.instance)) this.exportRefs.set(key, ref);
    }
  }

  private evalMember(node: TSESTree.MemberExpression, scope: Scope): Val {
    if (!node.computed && CLEAN_MEMBERS.has(propertyName(node) ?? '')) {
      this.eval(node.object, scope);
      return CLEAN;
    }
    const path = memberPath(node);
    if (path) {
      const known = scope.lookup(path);
      if (known) return known;
      const browser = browserSource(path, (message) => this.step(node, message, 'source'));
      if (browser) return browser;
      const params = this.h3 ? h3ContextParams(path, (message) => this.step(node, message, 'source')) : undefined;
      if (params) return params;
      const segs = path.split('.');
      const root = scope.lookup(segs[0]);
      if (root?.shape && segs.length > 1) {
        // Longest prefix that is itself a known fact (a guarded `req.query.next`).
        for (let i = segs.length - 1; i > 1; i--) {
          const prefix = scope.lookup(segs.slice(0, i).join('.'));
          if (prefix) return this.memberValue(prefix, segs[i], node);
        }
        return memberOfShape(root.shape, segs.slice(1), (message) => this.step(node, message, 'source')) ?? CLEAN;
      }
    }
    const obj = this.eval(node.object, scope);
    let key = node.computed ? undefined : propertyName(node);
    if (node.computed) {
      this.eval(node.property, scope);
      key = node.property.type === 'Literal' && typeof node.property.value === 'number' ? String(node.property.value) : staticString(node.property as AstNode);
    }
    return this.memberValue(obj, key, node);
  }

  // ─── calls ───────────────────────────────────────────────────────────────

  private evalCall(node: TSESTree.CallExpression | TSESTree.NewExpression, scope: Scope): Val {
    const callee = node.callee;
    let receiver: Val = CLEAN;
    let calleeVal: Val = CLEAN;
    if (callee.type === 'MemberExpression') {
      receiver = this.eval(callee.object, scope);
      if (callee.computed) this.eval(callee.property, scope);
      // A function held by an object of this file (`Products.getCategoryProducts`).
      const held = callee.object.type === 'Identifier' && this.objectLiterals.has(callee.object.name) ? scope.lookup(memberPath(callee) ?? '') : undefined;
      if (held?.fn) calleeVal = held;
    } else {
      calleeVal = this.eval(callee, scope);
    }
    const args = node.arguments.map((a) => this.eval(a.type === 'SpreadElement' ? a.argument : a, scope));
    const facts = callFacts(node, args, this.imports);
    const label = facts.path ?? facts.canonical ?? 'the call';

    // Sinks first: the arguments as they arrive. Untainted ones carry nothing to a sink (an options object is
    // read again for its URL, so it is always checked).
    // A method of a class of this file (`this.find(name)`, `repo.save(row)`) is its own code, followed below, not a library's.
    const ownMethod = this.classes.has(receiver.instance ?? receiver.cls ?? '');
    const sinks = !ownMethod && (args.some(isTainted) || node.arguments.some((a) => a.type === 'ObjectExpression')) ? callSinks(facts) : [];
    for (const sink of sinks) {
      for (const i of sink.args) {
        const arg = args[i];
        const argNode = node.arguments[i];
        if (!arg || !argNode || literalFilterValue(sink, i, node.arguments[1])) continue;
        let v = arg;
        // axios({ url }) / http.request({ host }): the URL is a property of the options object.
        if (sink.kind === 'ssrf' && argNode.type === 'ObjectExpression') v = this.optionUrl(argNode, scope);
        // `getList(1, 20, { filter, sort })`: only the one property is read as the sink's text. The properties of an
        // object made elsewhere are not told apart, so only a literal is read.
        else if (sink.property) {
          if (argNode.type !== 'ObjectExpression') continue;
          v = this.optionValue(argNode, sink.property, scope);
        } else if (sink.systemPrompt) {
          if (argNode.type !== 'ObjectExpression') continue;
          v = this.systemPromptValue(argNode, scope);
        }
        if (sink.notCookies && v.taint) v = { ...v, taint: v.taint.filter((o) => !/\bcookies\b/.test(o.label)) };
        this.checkSink(node, sink.kind, sink.label, v, { builtOnly: sink.builtOnly, urlLike: sink.kind === 'ssrf' || sink.kind === 'redirect' });
      }
    }

    // Callbacks: route handlers get a request, array callbacks the elements, other callbacks their closure.
    let callbackReturns: Taint | undefined;
    node.arguments.forEach((a, i) => {
      const v = args[i];
      const info = v?.fn && this.byKey.get(v.fn.key);
      if (!info) return;
      // `new Promise((resolve, reject) => { … })`: the executor runs at once, as part of this function, so what its
      // parameters reach in there is this function's (`execSync(command)` inside a promise-returning helper).
      if (node.type === 'NewExpression' && i === 0 && facts.path === 'Promise') return this.runInline(info);
      const seeds = this.callbackSeedVals(facts, info, i, receiver, node);
      if (seeds) callbackReturns = unionTaint(callbackReturns, this.seededSummary(info, seeds).returns.filter((o) => o.kind !== 'param'));
    });

    // fastmcp: `server.addTool({ name, parameters, execute: async (args) => … })`.
    // An app's own model's tools: the AI SDK's `tool({ execute })`, Mastra's `createTool`, LangChain's `tool(fn)`.
    const mcpTool = node.type === 'CallExpression' ? fastmcpToolHandler(node) : undefined;
    const tool = mcpTool ? { fn: mcpTool, text: false } : modelToolHandler(node, this.imports);
    const toolInfo = tool && this.fns.get(tool.fn);
    if (tool && toolInfo) this.seededSummary(toolInfo, [this.toolArgument(tool.fn.params[0], node, tool.text)]);

    // Convex: `mutation({ args, handler: async (ctx, args) => … })`. `args` is what the client sent (its types
    // checked by the validators, its text not); an `httpAction`'s second parameter is the request.
    const convex = node.type === 'CallExpression' ? convexHandler(node, this.imports) : undefined;
    const convexInfo = convex && this.fns.get(convex.fn);
    if (convex && convexInfo) {
      const name = paramName(convex.fn.params[1]) ?? 'args';
      const seed: Val = convex.http
        ? { shape: { kind: 'request', name } }
        : { taint: [sourceOrigin('request', name, this.step(convex.fn.params[1] ?? node, `\`${name}\` holds the arguments the client sent to this Convex function`, 'source'), ['nosql', 'prototype-pollution'])] };
      this.seededSummary(convexInfo, [undefined, seed]);
    }

    // A method of a class the project defines (`this.usersService.search(q)`): its own code, before any library's
    // method of the same name (a string's `search` returns a number). Followed only when an argument carries
    // something to follow: class-based code calls its methods everywhere, and analysing each one (and the module it
    // comes from) for calls that hand it nothing doubled the data-flow pass on typeorm, for no finding.
    const holderCall = (receiver.instance ?? receiver.cls) !== undefined && facts.method !== undefined;
    const classMethod = holderCall && args.some((a) => isTainted(a) || a.shape !== undefined);
    const methodSummary = classMethod ? this.calleeSummary(node, facts, calleeVal, args, receiver) : undefined;
    if (methodSummary) return this.applySummary(methodSummary, args, node, label);

    const source = sourceCall(facts.path, facts.method, (message) => this.step(node, message, 'source')) ?? (this.h3 && node.type === 'CallExpression' ? h3Source(node, facts.path, (message) => this.step(node, message, 'source')) : undefined);
    if (source) return source;

    // q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'): regex syntax escaped by hand.
    const [pattern, replacement] = node.arguments;
    if ((facts.method === 'replace' || facts.method === 'replaceAll') && pattern?.type === 'Literal' && 'regex' in pattern && replacement?.type === 'Literal' && escapesRegexSyntax(pattern.regex.pattern, pattern.regex.flags, replacement.value)) {
      return sanitize({ ...receiver, shape: undefined }, ['regex', 'nosql', 'prototype-pollution']);
    }
    // `code.match(/class\s+(\w+)/)`, `/^\/users\/(\d+)$/.exec(path)`: what a match gives back holds only what its pattern can match.
    const regex = facts.method === 'match' ? pattern : facts.method === 'exec' && callee.type === 'MemberExpression' ? callee.object : undefined;
    const literal = regex?.type === 'Literal' && 'regex' in regex ? regex.regex : undefined;
    const matched = facts.method === 'match' ? receiver : literal || REGEX_NAME.test(facts.receiverName ?? '') ? args[0] : undefined;
    if (matched && isTainted(matched)) {
      const kinds = literal ? matchedTextKinds(literal.pattern) : undefined;
      const part = (safe: SinkKind[]) => sanitize({ taint: matched.taint }, safe);
      // With `g`, `match` gives every whole match; otherwise the whole match, one entry per group and the input.
      if (kinds && facts.method === 'match' && literal!.flags.includes('g')) return { ...part(kinds.whole), object: true };
      if (kinds) {
        const groups = kinds.groups.map((safe, i) => ({ key: String(i + 1), val: part(safe) }));
        return objectOfParts([{ key: '0', val: part(kinds.whole) }, ...groups, { key: 'groups', val: part(kinds.whole) }, { key: 'input', val: { taint: matched.taint } }]);
      }
      if (facts.method === 'exec') return { taint: matched.taint, object: true };
    }
    const effect = sanitizerEffect(facts.canonical, facts.path, facts.method, facts.receiverPath, facts.chain);
    // (`url.toString()`, `next.trim()`: the same text, still pinned to where its constant prefix says.)
    if (effect) return sanitize(args[0] ? { taint: args[0].taint } : { taint: receiver.taint, anchored: receiver.anchored, rooted: receiver.rooted }, effect);

    // A function of this file or an imported one: apply its summary.
    const summary = holderCall ? undefined : this.calleeSummary(node, facts, calleeVal, args, receiver);
    if (summary) return this.applySummary(summary, args, node, label);
    // `new BankService()`: an instance, whose methods are called with their summaries.
    if (node.type === 'NewExpression' && (calleeVal.cls || (facts.path && this.imports.has(facts.path.split('.')[0])))) return { instance: calleeVal.cls ?? facts.path };

    if (receiver.shape && facts.method) {
      return methodOfShape(receiver.shape, facts.method, (message) => this.step(node, message, 'source')) ?? CLEAN;
    }
    const canon = facts.canonical ?? facts.path ?? '';
    // The keys of an object that named them itself are its own, whatever its values hold.
    if (canon === 'Object.keys' && args[0] && !args[0].shape) {
      const taint = keysOfTaint(args[0]);
      return taint ? { taint, object: true } : { object: true };
    }
    if (canon === 'Object.entries' && args[0] && !args[0].shape && isTainted(args[0])) return { taint: args[0].taint, object: true, entryKeys: keysOfTaint(args[0]) ?? [] };
    if (PROPAGATORS.test(canon) || PROPAGATORS.test(facts.path ?? '')) {
      const joined = joinVals(...args.map((a) => (a.shape ? this.wholeOf(a, node) : a)));
      if (canon === 'Object.assign' && node.arguments[0]?.type === 'Identifier' && isTainted(joined)) scope.assign(node.arguments[0].name, joinVals(scope.lookup(node.arguments[0].name), { taint: joined.taint }));
      // Parsed JSON is objects again, whatever the text was: operators and `__proto__` keys come back.
      const taint = canon === 'JSON.parse' ? joined.taint?.map((o) => ({ ...o, safeFor: o.safeFor.filter((k) => k !== 'nosql' && k !== 'prototype-pollution') })) : joined.taint;
      return { taint, object: canon.startsWith('Object.') || canon.startsWith('JSON.parse') || undefined };
    }
    if (node.type === 'NewExpression' && (canon === 'URL' || canon === 'URLSearchParams' || canon === 'url.URL')) {
      return { taint: args[0]?.taint, anchored: args[0]?.anchored && !args[1] ? true : args[0]?.anchored };
    }
    if (facts.method && ARRAY_CALLBACKS.has(facts.method) && isTainted(receiver)) return { taint: unionTaint(receiver.taint, callbackReturns) };
    if (facts.method && (isTainted(receiver) || ARG_PROPAGATING_METHODS.has(facts.method))) {
      const fromArgs = ARG_PROPAGATING_METHODS.has(facts.method) ? unionTaint(...args.map((a) => a.taint)) : undefined;
      const taint = unionTaint(receiver.taint, fromArgs);
      if (MUTATING_METHODS.has(facts.method) && fromArgs && callee.type === 'MemberExpression') {
        const root = rootIdentifier(callee.object);
        // `url.searchParams.set('from', x)`: a query value does not change where the URL goes.
        const added = /(?:^|\.)searchParams$/.test(facts.receiverPath ?? '') ? sanitize({ taint: fromArgs }, ['redirect', 'ssrf']).taint : fromArgs;
        if (root) scope.assign(root, joinVals(scope.lookup(root), { taint: added }));
      }
      if (!taint) return CLEAN;
      return { taint, built: receiver.built, html: receiver.html, anchored: receiver.anchored };
    }
    return CLEAN;
  }

  /** The value of one property of an options object literal (what a spread into it holds is not told apart). */
  private optionValue(options: TSESTree.ObjectExpression, key: string, scope: Scope): Val {
    const vals: Val[] = [];
    for (const p of options.properties) if (p.type === 'Property' && propertyName(p) === key) vals.push(this.eval(p.value as TSESTree.Node, scope));
    return joinVals(...vals);
  }

  /**
   * The system prompt in an LLM call's options: `system`, `instructions`, `systemInstruction` (also under Gemini's
   * `config`). Messages with `role: 'system'` are checked where they are written (evalObject), wherever they are sent.
   */
  private systemPromptValue(options: TSESTree.ObjectExpression, scope: Scope): Val {
    const vals: Val[] = [];
    for (const p of options.properties) {
      if (p.type !== 'Property') continue;
      const key = propertyName(p);
      if (key === 'system' || key === 'instructions' || key === 'systemInstruction' || key === 'systemPrompt') vals.push(this.eval(p.value as TSESTree.Node, scope));
      else if (key === 'config' && p.value.type === 'ObjectExpression') vals.push(this.systemPromptValue(p.value, scope));
    }
    return joinVals(...vals);
  }

  private optionUrl(options: TSESTree.ObjectExpression, scope: Scope): Val {
    const vals: Val[] = [];
    for (const p of options.properties) {
      if (p.type !== 'Property') continue;
      const key = propertyName(p);
      if (key === 'url' || key === 'host' || key === 'hostname' || key === 'baseURL' || key === 'uri') vals.push(this.eval(p.value as TSESTree.Node, scope));
    }
    return joinVals(...vals);
  }

  private callbackSeedVals(facts: CallSite, info: FnInfo, argIndex: number, receiver: Val, node: TSESTree.CallExpression | TSESTree.NewExpression): (Val | undefined)[] | undefined {
    if (facts.method && ARRAY_CALLBACKS.has(facts.method)) {
      const item: Val = isTainted(receiver) ? { taint: receiver.taint, ...(receiver.entryKeys ? { entryKeys: receiver.entryKeys } : {}) } : CLEAN;
      return facts.method === 'reduce' || facts.method === 'reduceRight' ? [CLEAN, item] : [item];
    }
    if (/interceptors/.test(facts.receiverPath ?? '')) return [];
    const seeds = callbackSeeds(
      { path: facts.path, method: facts.method, receiver: facts.receiverPath, chain: facts.chain, firstArg: node.arguments[0], argIndex, chat: !!this.chat?.imported },
      info.node,
    );
    if (!seeds) return [];
    return seeds.map((s, i) => this.seedVal(s, info.node.params[i], node));
  }

  private seedVal(s: RequestShape | 'tainted-message' | 'tool-argument' | undefined, param: TSESTree.Parameter | undefined, at: TSESTree.Node): Val | undefined {
    if (s === 'tainted-message') {
      const name = paramName(param) ?? 'message';
      return { taint: [sourceOrigin('message', name, this.step(param ?? at, `\`${name}\` is a message sent by a client`, 'source'))] };
    }
    if (s === 'tool-argument') return this.toolArgument(param, at);
    return s ? { shape: s } : undefined;
  }

  /** The arguments of an MCP server's tool: what the model (or any client of the server) chose. */
  private toolArgument(param: TSESTree.Parameter | undefined, at: TSESTree.Node, text = false): Val {
    const name = paramName(param) ?? 'the tool arguments';
    // LangChain's plain tools get one string: no operator objects.
    return { taint: [sourceOrigin('tool', name, this.step(param ?? at, `\`${name}\` is what the AI model or MCP client calling the tool chose (a prompt injection can choose it too)`, 'source'), text ? ['nosql', 'prototype-pollution'] : [])] };
  }

  private calleeSummary(node: TSESTree.CallExpression | TSESTree.NewExpression, facts: CallFacts, calleeVal: Val, args: Val[], receiver: Val): FunctionSummary | undefined {
    const local = calleeVal.fn && this.byKey.get(calleeVal.fn.key);
    if (local) return this.localSummary(local, args);
    if (node.type === 'NewExpression') return undefined;
    // A method of a class or of an instance (`repo.find(id)`, `Repo.remove(id)`, `this.find(id)`).
    const holder = receiver.instance ?? receiver.cls;
    if (holder && facts.method) {
      const { info, imported } = this.methodOf(holder, facts.method);
      if (info) return this.localSummary(info, args);
      // Another module's class is analysed for what the request brings it (a value from a source, or the request
      // itself), not for a parameter passed along: each would analyse the module it comes from, and a class library
      // (typeorm) calls across hundreds of them for nothing.
      const brought = args.some((a) => a.shape !== undefined || a.taint?.some((o) => o.kind !== 'param'));
      return imported && brought ? this.importedSummary(`${imported}.${facts.method}`) : undefined;
    }
    return facts.path ? this.importedSummary(facts.path) : undefined;
  }

  /**
   * A method of a class of this file, its own or one it inherits (`class PostController extends Controller`); or, where
   * the class or an ancestor is not of this file, the name it was imported under, to ask its module.
   */
  private methodOf(cls: string, method: string): { info?: FnInfo; imported?: string } {
    let name: string | undefined = cls;
    for (let depth = 0; name && depth < MAX_CLASS_DEPTH; depth++) {
      const found = this.classes.get(name);
      if (!found) return { imported: name };
      const own = found.methods.get(method);
      if (own) return { info: own };
      name = found.parent;
    }
    return {};
  }

  private localSummary(info: FnInfo, args: Val[]): FunctionSummary {
    if (args.some((a) => a.shape)) return this.seededSummary(info, info.node.params.map((_p, i) => (args[i]?.shape ? args[i] : undefined)));
    return this.summaryOf(info);
  }

  /** An imported function by the path it is called by: `save`, `db.save`, or a class's method `UserService.find`. */
  private importedSummary(path: string): FunctionSummary | undefined {
    const [first, ...rest] = path.split('.');
    const binding = this.imports.get(first);
    if (!binding || isNodeBuiltin(binding.source)) return undefined;
    const whole = binding.imported === '*' || binding.imported === 'default';
    if (rest.length === 0) return this.lookup.exported(this.file, binding.source, binding.imported === '*' ? 'default' : binding.imported);
    if (rest.length === 1 && !whole) return this.lookup.exported(this.file, binding.source, `${binding.imported}.${rest[0]}`);
    if (rest.length === 1) return this.lookup.exported(this.file, binding.source, rest[0]) ?? this.lookup.exported(this.file, binding.source, `default.${rest[0]}`);
    // `new models.Bank()`, then `bank.check(…)`: a class the module exports by name.
    if (rest.length === 2 && whole) return this.lookup.exported(this.file, binding.source, `${rest[0]}.${rest[1]}`);
    return undefined;
  }

  private applySummary(summary: FunctionSummary, args: Val[], node: TSESTree.CallExpression | TSESTree.NewExpression, label: string): Val {
    let returns: Taint | undefined;
    // Most calls return nothing tainted: the step is made only for a value that carries taint back.
    let backStep: FlowStep | undefined;
    const back = () => (backStep ??= this.step(node, `comes back from \`${label}\``, 'step'));
    for (const o of summary.returns) {
      if (o.kind !== 'param') {
        returns = unionTaint(returns, [{ ...o, trail: appendStep(o.trail, back()) }]);
        continue;
      }
      const arg = args[o.param!];
      if (!arg?.taint) continue;
      const passed = (o.keysOf ? keysOfTaint(arg) : o.field !== undefined ? fieldRead(arg, o.field) : arg.taint) ?? [];
      const reaching = o.serverField ? passed.filter((x) => !x.upload) : passed;
      returns = unionTaint(returns, reaching.map((x) => ({ ...x, trail: appendStep(joinTrail(x.trail, o.trail), back()), safeFor: mergeSafe(x.safeFor, o.safeFor), ...(o.serverField && x.kind === 'param' ? { serverField: true } : {}) })));
    }
    for (const ps of summary.sinks as ParamSinkExtra[]) {
      const arg = args[ps.param];
      if (!arg?.taint) continue;
      if (ps.builtOnly && !arg.built) continue;
      if (ps.urlLike && arg.anchored) continue;
      // SQL, a command line or HTML built here and handed to a helper that runs it (`run(\`… ${sort}\`)`): the
      // finding belongs here, once per call, not once at the helper's query for all of its callers.
      const here = arg.built && BUILT_AT_CALL.has(ps.sink.kind) ? this.callSite(ps.sink, node, label) : undefined;
      // Through the keys only, an argument brings what its keys carry (`{ price: req.body.price }`: none).
      for (const x of dangerousFor(ps.keysOf ? keysOfTaint(arg) : ps.field !== undefined ? fieldRead(arg, ps.field) : arg.taint, ps.sink.kind)) {
        if (ps.serverField && x.upload) continue;
        const trail = here ? x.trail : joinTrail(x.trail, ps.trail);
        const safeFor = mergeSafe(x.safeFor, ps.safeFor);
        if (safeFor.includes(ps.sink.kind)) continue;
        if (x.kind === 'param') this.addParamSink({ param: x.param!, sink: here ?? ps.sink, trail, safeFor, builtOnly: ps.builtOnly && !arg.built, urlLike: ps.urlLike, serverField: ps.serverField || x.serverField, keysOf: x.keysOf, field: x.field });
        else if (ps.sink.accepts.includes(x.kind)) this.report(here ?? ps.sink, { ...x, trail, safeFor });
      }
    }
    return { taint: returns, shape: summary.returnsShape ? summary.returnsShape : undefined, anchored: summary.returnsAnchored && returns ? true : undefined };
  }

  // ─── text ────────────────────────────────────────────────────────────────

  private concat(node: TSESTree.BinaryExpression, scope: Scope): Val {
    // Flatten a + b + c + … without recursion: long generated concatenations nest thousands deep.
    const operands: TSESTree.Node[] = [];
    const stack: TSESTree.Node[] = [node];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.type === 'BinaryExpression' && n.operator === '+') stack.push(n.right, n.left as TSESTree.Node);
      else operands.push(n);
    }
    return textOf(operands.map((o) => (o.type === 'Literal' && typeof o.value === 'string' ? { text: o.value } : o.type === 'Literal' ? { text: String(o.value) } : { val: this.eval(o, scope), node: o })));
  }

  // ─── sinks and flows ─────────────────────────────────────────────────────

  private checkSink(node: TSESTree.Node, kind: SinkKind, label: string, val: Val, opts: { builtOnly?: boolean; urlLike?: boolean } = {}): void {
    if (!isTainted(val)) return;
    if (opts.builtOnly && !val.built) return;
    if (opts.urlLike && val.anchored) return;
    // A page or redirect that a request shows only to whoever knows a secret is not a stranger's link; a payload
    // whose signature was checked is the provider's.
    if ((this.frame.secretProved && REFLECTED.has(kind)) || this.frame.signedPayload) return;
    const hit: SinkHit = { kind, label, file: this.file.path, range: rangeOf(node), symbol: this.frame.name, accepts: ACCEPTS[kind], ...(val.rooted ? { rooted: true } : {}) };
    for (const o of dangerousFor(val.taint, kind)) {
      if (o.kind === 'param') {
        // Built here (`db.all(\`… ${name}\`)` in a helper): a caller's plain value is pasted into the SQL all the same.
        this.addParamSink({ param: o.param!, sink: hit, trail: o.trail, safeFor: o.safeFor, builtOnly: opts.builtOnly && !val.built, urlLike: opts.urlLike, serverField: o.serverField, keysOf: o.keysOf, field: o.field });
      } else if (ACCEPTS[kind].includes(o.kind)) {
        this.report(hit, o);
      }
    }
  }

  /**
   * A sink the current function's parameter reaches, once: the same sink reached again by another path (a callee
   * called twice, two callees sharing a helper) differs only in its trail, and callers report the first trail of a
   * sink anyway (see report). Kept per path, they doubled with every level of calls.
   */
  private addParamSink(ps: ParamSinkExtra): void {
    const { sink } = ps;
    const r = sink.range;
    const key = `${ps.param}\0${sink.file}\0${r.startLine}:${r.startColumn}-${r.endLine}:${r.endColumn}\0${sink.kind}\0${sink.label}\0${sink.via ?? ''}\0${sink.symbol ?? ''}\0${sink.rooted ? 1 : 0}\0${ps.safeFor.join(',')}\0${ps.builtOnly ? 1 : 0}${ps.urlLike ? 1 : 0}${ps.serverField ? 1 : 0}${ps.keysOf ? 1 : 0}\0${ps.field ?? ''}`;
    const keys = (this.frame.sinkKeys ??= new Set());
    if (keys.has(key) || keys.size >= MAX_PARAM_SINKS) return;
    keys.add(key);
    this.frame.sinks.push(ps);
  }

  /** The call `node` of a project function as the sink it leads to (see `SinkHit.via`). */
  private callSite(sink: SinkHit, node: TSESTree.Node, label: string): SinkHit {
    const via = sink.via ?? `\`${sink.label}\` (${sink.file}:${sink.range.startLine})`;
    return { kind: sink.kind, label, file: this.file.path, range: rangeOf(node), symbol: this.frame.name, accepts: sink.accepts, via };
  }

  private report(sink: SinkHit, origin: Origin): void {
    const key = `${sink.file}:${sink.range.startLine}:${sink.range.startColumn}:${sink.kind}`;
    if (this.flowKeys.has(key)) return;
    this.flowKeys.add(key);
    const reaches = sink.via ? `reaches \`${sink.label}\`, which hands it to ${sink.via}` : `reaches \`${sink.label}\``;
    const steps = appendStep(origin.trail, { file: sink.file, range: sink.range, message: reaches, kind: 'sink' });
    const crossesCalls = steps.some((s) => s.kind === 'call') || steps.some((s) => s.file !== sink.file);
    this.flows.push({ sink, source: origin, steps, confidence: origin.heuristic || crossesCalls ? 'medium' : 'high' });
  }

  /** By function: the objects it calls itself on the members of (`objectsRecursedInto`), read once per function. */
  private readonly recursion = new Map<string, ReadonlySet<string>>();

  /** The write `obj[key] = …` sits in a function that calls itself with `obj[…]`: a recursive merge or clone. */
  private recursesInto(target: TSESTree.MemberExpression): boolean {
    if (target.object.type !== 'Identifier') return false;
    const obj = target.object.name;
    for (const info of this.fns.values()) {
      const [start, end] = info.node.range;
      if (start > target.range[0] || target.range[1] > end) continue;
      let objects = this.recursion.get(info.key);
      if (!objects) this.recursion.set(info.key, (objects = objectsRecursedInto(info.node, info.name.split('.').pop() ?? '')));
      if (objects.has(obj)) return true;
    }
    return false;
  }

  private step(node: TSESTree.Node, message: string, kind: FlowStep['kind']): FlowStep {
    return { file: this.file.path, range: rangeOf(node), message, kind };
  }
}

/** A link written with a fixed start that is not a script scheme: `` `mailto:${email}` ``, `'https://' + host`. */
function fixedScheme(node: TSESTree.Node): boolean {
  let n = node;
  while (n.type === 'BinaryExpression' && n.operator === '+') n = n.left;
  const start = n.type === 'TemplateLiteral' ? n.quasis[0]?.value.cooked : n.type === 'Literal' && typeof n.value === 'string' ? n.value : undefined;
  return !!start && /^(?:[a-z][a-z0-9+.-]*:|[/#?.]|[\w-]+[/?#])/i.test(start) && !/^\s*(?:javascript|data|vbscript):/i.test(start);
}

function joinTrail(a: readonly FlowStep[], b: readonly FlowStep[]): FlowStep[] {
  let out = [...a];
  for (const s of b) out = appendStep(out, s);
  return out;
}

function mergeSafe(a: readonly SinkKind[], b: readonly SinkKind[]): SinkKind[] {
  return [...new Set([...a, ...b])].sort() as SinkKind[];
}

function rangeOf(node: TSESTree.Node) {
  const { start, end } = node.loc;
  return { startLine: start.line, startColumn: start.column + 1, endLine: end.line, endColumn: end.column + 1 };
}

function rootIdentifier(node: TSESTree.Node): string | undefined {
  let n = node;
  while (n.type === 'MemberExpression') n = n.object;
  return n.type === 'Identifier' ? n.name : undefined;
}

/** The objects `obj` that `fn` calls itself on the members of, `name(…, obj[k], …)` (or `this.name(…)`) in its body. */
function objectsRecursedInto(fn: FunctionNode, name: string): ReadonlySet<string> {
  const objects = new Set<string>();
  if (!name || name === 'anonymous function') return objects;
  const stack: TSESTree.Node[] = [fn.body];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'CallExpression') {
      const callee = n.callee;
      const called = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && callee.object.type === 'ThisExpression' ? propertyName(callee) : undefined;
      if (called === name) for (const a of n.arguments) {
        const obj = membersOf(a);
        if (obj) objects.add(obj);
      }
    }
    for (const k of visitorKeys[n.type] ?? []) {
      const child = (n as unknown as Record<string, unknown>)[k];
      for (const c of Array.isArray(child) ? child : [child]) if (c && typeof c === 'object' && 'type' in c) stack.push(c as TSESTree.Node);
    }
  }
  return objects;
}

/** `obj` of `obj[k]`, `obj[k] || {}`, `obj[k] ?? {}`, `(obj[k] as T)`. */
function membersOf(node: TSESTree.Node): string | undefined {
  if (node.type === 'LogicalExpression') return membersOf(node.left);
  if (node.type === 'TSAsExpression' || node.type === 'TSNonNullExpression') return membersOf(node.expression);
  return node.type === 'MemberExpression' && node.computed && node.object.type === 'Identifier' ? node.object.name : undefined;
}

function isNodeBuiltin(spec: string): boolean {
  return spec.startsWith('node:') || /^(?:fs|path|child_process|http|https|url|crypto|os|util|vm|stream|events|zlib|net|tls|dns|querystring|buffer|assert)(?:\/|$)/.test(spec);
}

/** The file's path inside its package: where frameworks look for route files. */
function packageRelative(file: SourceFile): string {
  const dir = file.package?.dir;
  return dir ? file.path.slice(dir.length + 1) : file.path;
}

/** A route file whose exports a framework calls with the request (Next.js, SvelteKit, Astro, Remix). */
export function isEntryFile(file: SourceFile): boolean {
  const rel = packageRelative(file);
  return ENTRY_FILES.some((re) => re.test(rel)) || (PAGES_FUNCTION.test(rel) && file.text.includes('onRequest')) || (FRESH_ROUTE.test(file.path) && FRESH_TEXT.test(file.text));
}

/** The body starts with the directive (`'use server'`). */
export function hasDirective(body: readonly TSESTree.Node[], directive: string): boolean {
  for (const stmt of body) {
    if (stmt.type !== 'ExpressionStatement' || stmt.expression.type !== 'Literal') return false;
    if (stmt.expression.value === directive) return true;
  }
  return false;
}


/**
 * Fields a constructor is given as instances of a class (`constructor(private repo: UserRepository)`, TypeScript), or
 * makes itself (`this.userService = new UserService()`).
 */
function constructorFields(ctor: TSESTree.FunctionExpression, fields: Map<string, Val>): void {
  for (const p of ctor.params) {
    if (p.type !== 'TSParameterProperty' || p.parameter.type !== 'Identifier') continue;
    const type = p.parameter.typeAnnotation?.typeAnnotation;
    if (type?.type === 'TSTypeReference' && type.typeName.type === 'Identifier') fields.set(p.parameter.name, { instance: type.typeName.name });
  }
  for (const [field, made] of constructedFields(ctor)) if (!fields.has(field)) fields.set(field, { instance: made });
}

/** `{ role: 'system', content }` (or `'developer'`, OpenAI's newer name for it): a system message to an LLM. */
function isSystemMessage(node: TSESTree.ObjectExpression): boolean {
  const role = objectProperty(node, 'role')?.value;
  return role?.type === 'Literal' && (role.value === 'system' || role.value === 'developer');
}

/** Who sent a chat bot's update: `ctx.from.id`, `interaction.user.id`, `message.author.id`, `msg.from.username`. */
const SENDER_ID = /\.(?:from|user|author|member|sender)\.(?:id|username)$/;
