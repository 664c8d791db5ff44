import { escapeRegExp } from '../engine/escape-regexp.js';
import { posix } from 'node:path';
import { resolveImport } from '../dataflow/modules.js';
import { safeToRun } from '../engine/regex-shape.js';
import { CONVEX_GENERATED_API } from './convex.js';
import type { Notification } from '../engine/finding.js';
import type { ProjectModel } from '../model/types.js';
import { judgeMiddleware, OPTIONAL_NAME, type MiddlewareVerdict } from './middleware.js';
import { isWebhookPath, publicReason } from './public.js';
import { ordinaryRoleOfCall } from './role-names.js';
import { BODY_FIELD, originOf } from './filters.js';
import { shorten } from './ast.js';
import { paymentCreditOf, paymentGrantOf, unpaidGrantOf } from './credits.js';
import { boundDebit, clientDebitOf } from './debits.js';
import { GUARD_AUTH, GUARD_ROLE } from './nestjs.js';
import { functionFacts, hasFunction, type FunctionSource } from './unread-functions.js';
import { SERVERLESS_CONFIG, serverlessFunctions, type ServerlessHttpFunction } from './serverless.js';
import type { AppObject, AuthState, CallArgument, ClientAmount, DirectEntry, FileRouteFacts, FilterKey, FunctionFacts, HandlerRef, NextMiddleware, Registration, RouteEntry, SocketKind, Touch } from './types.js';

/** A rate limiter, as middleware or called in the handler: `rateLimit()`, `limiter`, `ratelimit.limit(ip)`, `checkRateLimit(…)`. */
const RATE_LIMIT = /rate_?limit|limiter|throttle/i;

interface Mw {
  name: string;
  verdict: MiddlewareVerdict;
  /** Path pattern the middleware applies to (`app.use('/admin', …)`), '' for all. */
  scope: string;
  /** Paths its own code limits it to or skips (`if (c.req.path.includes('protected')) return jwt(…)(c, next)`). */
  pathScope?: FunctionFacts['pathScope'];
  /** Whole paths it skips (express-unless). */
  unless?: string[];
  /** Hono's `app.use('/posts', auth)`: its path is matched whole (`/posts/*` reaches below it). */
  exact?: boolean;
  /** Its definition, where found. */
  facts?: FunctionFacts;
}

const MAX_MOUNT_DEPTH = 12;
/** What a handler path of `serverless.yml` leaves out. */
const HANDLER_EXTENSIONS = ['.ts', '.js', '.mjs', '.cjs', '.mts', '.cts'];

/**
 * How many middleware one app's routes are judged by, inherited ones included (a route's own are not counted).
 * Each route is judged against every middleware before it, so an app of thousands (generated or hostile: 9,000
 * `app.use` and 9,000 routes took 35 s and 760 MB) would cost their product. Real apps have a handful (at most
 * seven in the npm packages and fixtures measured).
 */
export const MAX_APP_MIDDLEWARE = 200;

/** Join per-file facts into the app's entry points with their auth decision. */
export class RouteLinker {
  private readonly out: RouteEntry[] = [];
  /** What each package's `server/utils` exports, by the name Nuxt imports it under. */
  private readonly nuxtUtils = new Map<string, Map<string, [FileRouteFacts, string]>>();

  /** Where an app's middleware past MAX_APP_MIDDLEWARE was left unread, once per app. */
  private readonly cut = new Set<string>();

  constructor(
    private readonly model: ProjectModel,
    private readonly facts: Map<string, FileRouteFacts>,
    private readonly notify: (notification: Notification) => void = () => {},
    private readonly functions: FunctionSource = { read: () => undefined },
  ) {}

  /** A top-level function of a file, read now if linking had not asked for it yet. */
  private fn(f: FileRouteFacts, name: string): FunctionFacts | undefined {
    return functionFacts(f, name, this.functions);
  }

  link(): RouteEntry[] {
    this.linkServers();
    this.linkDirect();
    this.linkServerless();
    this.linkClientCalls();
    this.out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
    return this.out;
  }

  /** Functions a `serverless.yml`, a SAM template or a per-function TypeScript config routes to (src/routes/serverless.ts), at their handler's export. */
  private linkServerless(): void {
    const configured: ServerlessHttpFunction[] = [];
    for (const file of this.model.files) {
      if (!SERVERLESS_CONFIG.test(file.path) || !file.yaml) continue;
      const dir = file.path.slice(0, file.path.lastIndexOf('/') + 1);
      for (const fn of serverlessFunctions(file)) configured.push({ ...fn, module: posix.normalize(`${dir}${fn.module}`) });
    }
    for (const f of this.facts.values()) configured.push(...(f.lambdaFunctions ?? []));
    for (const fn of configured) {
      const f = HANDLER_EXTENSIONS.map((ext) => this.facts.get(`${fn.module}${ext}`)).find(Boolean);
      const handler = f && this.fn(f, f.exports.get(fn.exportName) ?? fn.exportName);
      if (!f || !handler) continue;
      const preset: DirectEntry = { method: fn.method, path: fn.path, line: handler.startLine, framework: 'serverless', handler, middleware: [], ...(fn.auth ? { auth: { state: 'required', evidence: fn.auth } } : {}) };
      this.emit({ f, method: fn.method, path: fn.path, line: handler.startLine, framework: 'serverless', middleware: [], handler, preset });
    }
  }

  private resolveFile(from: string, spec: string): FileRouteFacts | undefined {
    const target = resolveImport(this.model, from, spec);
    return target ? this.facts.get(target) : undefined;
  }

  /** A function by the name used in `f` (local, imported, `module.member`), with the file it lives in. */
  private resolveFunction(f: FileRouteFacts, name: string, depth = 0): FunctionFacts | undefined {
    if (depth > 4) return undefined;
    const [head, member] = name.split('.', 2);
    if (!member && hasFunction(f, head)) return this.fn(f, head);
    // A handler method of a class here, through the class or an instance of it (`users.create`), or one it inherits.
    const method = (file: FileRouteFacts, local: string): FunctionFacts | undefined => {
      if (!member) return undefined;
      const cls = file.instances?.get(local) ?? local;
      const own = this.fn(file, `${cls}.${member}`);
      if (own) return own;
      const parent = file.superclasses?.get(cls);
      return parent && parent !== cls ? this.resolveFunction(file, `${parent}.${member}`, depth + 1) : undefined;
    };
    const here = method(f, head);
    if (here) return here;
    // An instance of an imported class: `const users = new UsersController()`, then `users.list`.
    const made = member ? f.instances?.get(head) : undefined;
    if (made && made !== head) return this.resolveFunction(f, `${made}.${member}`, depth + 1);
    const binding = f.imports.get(head);
    if (!binding) return member ? undefined : this.nuxtUtil(f, head);
    if (CONVEX_GENERATED_API.test(binding.source)) return this.convexFunction(f, binding.source, name);
    const target = this.resolveFile(f.file, binding.source);
    if (!target) return undefined;
    const whole = binding.imported === '*' || binding.imported === 'default';
    const exported = whole ? (member ?? binding.imported) : binding.imported;
    const local = target.exports.get(exported) ?? (binding.imported === '*' && !member ? target.exports.get('default') : undefined);
    // `module.exports = new UsersController()` imported whole, then `UsersController.create`.
    if (!local) return this.reexported(target, exported, depth) ?? (whole ? method(target, target.exports.get('default') ?? '') : undefined);
    if (hasFunction(target, local)) return this.fn(target, local);
    const inClass = method(target, local);
    if (inClass) return inClass;
    // Re-exported import (`export { protect } from`-style through a local import).
    return target.imports.has(local) ? this.resolveFunction(target, local, depth + 1) : undefined;
  }

  /** A function a barrel passes on (`export { deleteNote } from './notes'`, `export * from './notes'`), by the name it exports. */
  private reexported(barrel: FileRouteFacts, name: string, depth: number): FunctionFacts | undefined {
    if (depth > 4) return undefined;
    for (const r of barrel.reexports ?? []) {
      // (`export *` passes on every name but the default export.)
      if (r.name === undefined ? name === 'default' : r.name !== name) continue;
      const from = this.resolveFile(barrel.file, r.source);
      if (!from || from === barrel) continue;
      const imported = r.imported ?? name;
      const local = from.exports.get(imported);
      const found = local ? (hasFunction(from, local) ? this.fn(from, local) : undefined) : this.reexported(from, imported, depth + 1);
      if (found) return found;
    }
    return undefined;
  }

  /**
   * Nuxt imports what `server/utils` exports into every server file without an import statement: its named exports
   * by name, a default export by the file's name (`server/utils/protectRoute.ts` → `protectRoute`).
   */
  private nuxtUtil(f: FileRouteFacts, name: string): FunctionFacts | undefined {
    const dir = this.model.fileByPath.get(f.file)?.package?.dir;
    const root = dir ? `${dir}/` : '';
    if (!f.file.startsWith(`${root}server/`)) return undefined;
    let utils = this.nuxtUtils.get(root);
    if (!utils) {
      // Read once per package: every unresolved call of every handler asks.
      utils = new Map();
      for (const [path, g] of this.facts) {
        if (!path.startsWith(`${root}server/utils/`)) continue;
        for (const [exported, local] of g.exports) {
          const key = exported === 'default' ? posix.basename(path).replace(/\.[cm]?[jt]s$/, '') : exported;
          if (hasFunction(g, local) && !utils.has(key)) utils.set(key, [g, local]);
        }
      }
      this.nuxtUtils.set(root, utils);
    }
    const util = utils.get(name);
    return util && this.fn(...util);
  }

  /**
   * A Convex function by its reference, `internal.tasks.create` or `api.admin.users.ban`: the export `create` of
   * `tasks.ts` in the folder of the generated `api` module it is imported from.
   */
  private convexFunction(f: FileRouteFacts, source: string, name: string): FunctionFacts | undefined {
    const parts = name.split('.').slice(1);
    if (parts.length < 2) return undefined;
    const dir = posix.dirname(posix.join(posix.dirname(f.file), source.replace(/\.[cm]?[jt]s$/, '')));
    const module = posix.join(dir, '..', ...parts.slice(0, -1));
    for (const ext of ['.ts', '.js', '.tsx', '.jsx', '.mts', '.mjs', '/index.ts', '/index.js']) {
      const target = this.facts.get(`${module}${ext}`);
      if (target) return this.fn(target, parts[parts.length - 1]);
    }
    return undefined;
  }

  /** The call that made a const named here (`const gate = expressjwt({ … })`), in this file or the one it is imported from. */
  private madeBy(f: FileRouteFacts, name: string, depth = 0): { file: FileRouteFacts; callee: string; call: string; line: number; lenient?: string } | undefined {
    const here = f.madeBy?.get(name);
    if (here) return { file: f, ...here };
    const binding = name.includes('.') || depth > 3 ? undefined : f.imports.get(name);
    const target = binding && this.resolveFile(f.file, binding.source);
    const local = target?.exports.get(binding!.imported);
    return local ? this.madeBy(target!, local, depth + 1) : undefined;
  }

  private sourceOf(f: FileRouteFacts, name: string): string | undefined {
    return f.imports.get(name.split('.')[0])?.source;
  }

  /** Auth found in project helpers the function calls (`await requireUser(req)`), one and two calls deep. */
  private helperAuth(f: FileRouteFacts, facts: FunctionFacts, depth = 0): string | undefined {
    if (depth > 1) return undefined;
    const owner = this.facts.get(facts.file) ?? f;
    for (const call of facts.calls) {
      const helper = this.resolveFunction(owner, call);
      if (!helper || helper === facts) continue;
      // A helper that hands back nothing without a session (`getCurrentUser()` returning null) leaves the check to
      // its caller.
      // An async check called without `await` throws after the caller has gone on (`protectRoute(event);`).
      if (helper.auth && !helper.authHandsBack && !unawaitedAsync(facts, call, helper)) return `calls \`${call}()\`: ${helper.auth.text} (${helper.auth.file}:${helper.auth.line})`;
      // One that hands back null without a sign-in, whose answer the caller takes apart at once (`const { id } = getUser(ctx)`): that throws.
      const handsBack = helper.optionalAuth ?? (helper.authHandsBack ? helper.auth : undefined);
      if (handsBack && facts.dereferenced?.includes(call)) return `takes apart what \`${call}()\` returns, which is nothing without a sign-in (${handsBack.text}, ${handsBack.file}:${handsBack.line}), so the request fails there`;
      if (helper.auth) continue;
      const deeper = this.helperAuth(owner, helper, depth + 1);
      if (deeper) return `calls \`${call}()\`, which ${deeper}`;
    }
    return undefined;
  }

  /** A sign-in check the handler starts without `await`, so that its rejection comes too late: the text that says so. */
  private unawaitedCheck(f: FileRouteFacts, facts: FunctionFacts): string | undefined {
    const owner = this.facts.get(facts.file) ?? f;
    for (const call of facts.unawaited ?? []) {
      const helper = this.resolveFunction(owner, call);
      if (helper?.auth && unawaitedAsync(facts, call, helper)) {
        return `it calls the async check \`${call}()\` (${helper.auth.file}:${helper.auth.line}) without \`await\`, so the check's error comes after the handler has already run`;
      }
    }
    return undefined;
  }

  /** A signature or shared secret a helper checks, or a helper of that helper (`authorizeRequest` → `hasValidHeader`). */
  private helperSignature(f: FileRouteFacts, facts: FunctionFacts, depth = 0): FunctionFacts['signature'] {
    const owner = this.facts.get(facts.file) ?? f;
    for (const call of facts.calls) {
      const helper = this.resolveFunction(owner, call);
      if (!helper || helper === facts) continue;
      const found = helper.signature ?? (depth < 1 ? this.helperSignature(owner, helper, depth + 1) : undefined);
      if (found) return { ...found, text: `\`${call}()\`: ${found.text}` };
    }
    return undefined;
  }

  private helperRole(f: FileRouteFacts, facts: FunctionFacts): string | undefined {
    const owner = this.facts.get(facts.file) ?? f;
    for (const call of facts.calls) {
      const helper = this.resolveFunction(owner, call);
      if (helper?.role && helper !== facts) return `calls \`${call}()\`: ${helper.role.text} (${helper.role.file}:${helper.role.line})`;
    }
    return undefined;
  }

  /**
   * A buyer-chosen amount the handler (or a helper) passes to a project function that charges what it is given:
   * `paymentService.createPaymentIntent(totalAmount)` with `totalAmount` from the body.
   */
  private chargedThroughHelper(functions: readonly FunctionFacts[]): ClientAmount | undefined {
    for (const fn of functions) {
      const owner = this.facts.get(fn.file);
      for (const arg of (owner && fn.requestArguments) || []) {
        const charged = this.resolveFunction(owner!, arg.call)?.chargedParam;
        if (!charged || charged.param !== arg.param || charged.member !== arg.member) continue;
        return { text: arg.text, file: arg.file, line: arg.line, provider: charged.provider, source: arg.source, call: `${arg.call} → ${charged.call}`, bought: arg.bought };
      }
    }
    return undefined;
  }

  /**
   * The handler and the project helpers it calls (two levels), the handler first. A helper that hands back nothing
   * without a session (`if (!user) return null`) does what follows its check for signed-in callers only: those
   * touches, and those of the helpers it calls there, are marked so.
   */
  private reachable(f: FileRouteFacts, facts: FunctionFacts, depth = 0, seen = new Set<FunctionFacts>(), signedIn = false, bound?: ReadonlyMap<string, BoundArgument>): FunctionFacts[] {
    if (seen.has(facts)) return [];
    seen.add(facts);
    const guardLine = depth > 0 && facts.authHandsBack && facts.auth?.file === facts.file ? facts.auth.line : undefined;
    const behind = (t: Touch) => signedIn || (guardLine !== undefined && t.file === facts.file && t.line > guardLine);
    const touches = bound?.size ? facts.touches.map((t) => withBoundParameters(t, bound)) : facts.touches;
    // An amount a helper takes from a balance, passed in from the request (`wallets.transfer(from, to, req.body.amount)`).
    const debit = facts.debitAmount?.param && !facts.debitAmount.source ? boundDebit(facts.debitAmount, bound?.get(facts.debitAmount.param.name)) : undefined;
    const out = [signedIn || guardLine !== undefined || touches !== facts.touches || debit ? { ...facts, ...(debit ? { debitAmount: debit } : {}), touches: touches.map((t) => (behind(t) ? { ...t, signedInOnly: true } : t)) } : facts];
    if (depth >= 2) return out;
    const owner = this.facts.get(facts.file) ?? f;
    for (const call of facts.calls) {
      const helper = this.resolveFunction(owner, call);
      if (helper) out.push(...this.reachable(owner, helper, depth + 1, seen, signedIn || (guardLine !== undefined && (facts.callLines?.[call] ?? 0) > guardLine), boundParameters(helper, facts.callArgs?.[call], bound)));
    }
    return out;
  }

  private judge(f: FileRouteFacts, ref: HandlerRef): { name: string; verdict: MiddlewareVerdict; facts?: FunctionFacts } {
    if (ref.kind === 'inline') {
      const facts = ref.facts;
      return { name: '(inline)', verdict: judgeMiddleware('(inline)', undefined, facts, this.helperAuth(f, facts)), facts };
    }
    if (ref.lenient) return { name: ref.call ?? ref.name, verdict: { unknown: `\`${ref.call ?? ref.name}\` lets requests without a sign-in through (\`${ref.lenient}\`)` } };
    const facts = this.resolveFunction(f, ref.name);
    const source = this.sourceOf(f, ref.name);
    let verdict = judgeMiddleware(ref.name, source, facts, facts ? this.helperAuth(f, facts) : undefined);
    // Kept in a const whose name says nothing (`const gate = expressjwt({ … })`, `const allow = cors()`, imported or
    // not), or made to let visitors through: what made it decides.
    const made = facts ? undefined : this.madeBy(f, ref.name);
    if (made?.lenient || (made && verdict.unknown && !OPTIONAL_NAME.test(ref.name))) {
      const byMaker = this.judge(made.file, { kind: 'ref', name: made.callee, call: made.call, line: made.line, lenient: made.lenient });
      if (made.lenient || !byMaker.verdict.unknown) return byMaker;
    }
    // Unknown middleware from an npm package says nothing about auth unless its name does.
    if (!facts && verdict.unknown && source && !/^[.~@]\/?/.test(source.replace(/^@(?!\/)/, 'pkg'))) verdict = { neutral: true };
    if (facts && verdict.auth) verdict = { ...verdict, auth: `\`${ref.call ?? ref.name}\`: ${verdict.auth}` };
    else if (!facts && verdict.auth && !verdict.auth.startsWith('`')) verdict = { ...verdict, auth: `\`${ref.call ?? ref.name}\` ${verdict.auth} (${f.file}:${ref.line})` };
    return { name: ref.call ?? ref.name, verdict, facts };
  }

  private linkServers(): void {
    const mounted = new Set<string>();
    const key = (file: string, target: string) => `${file}#${target}`;
    // First pass: which routers are mounted somewhere, so the rest are roots.
    for (const f of this.facts.values()) {
      for (const r of f.registrations) {
        for (const m of this.mountTargets(f, r)) mounted.add(key(m.file.file, m.target));
      }
    }
    for (const f of this.facts.values()) {
      const targets = new Set(f.registrations.map((r) => r.target));
      for (const t of targets) {
        if (mounted.has(key(f.file, t))) continue;
        const app = f.apps.find((a) => a.name === t);
        this.walkApp(f, t, app?.prefix ?? '', [], 0);
      }
    }
  }

  /** What a `use`/`mount` registration mounts: routers in this or other files, or a Fastify plugin's scope. */
  private mountTargets(f: FileRouteFacts, r: Registration): { file: FileRouteFacts; target: string; app?: AppObject; prefix?: string }[] {
    if (r.mounted?.dir !== undefined) return this.autoloaded(r.mounted.dir, r.mounted.byFolder ?? true);
    const refs: { name: string; require?: string }[] = [];
    if (r.kind === 'mount' && r.mounted) refs.push(r.mounted);
    if (r.kind === 'use') for (const h of r.handlers) if (h.kind === 'ref') refs.push({ name: h.name });
    const out: { file: FileRouteFacts; target: string; app?: AppObject; prefix?: string }[] = [];
    for (const ref of refs) {
      let file: FileRouteFacts | undefined;
      let local: string | undefined;
      if (ref.require) {
        file = this.resolveFile(f.file, ref.require);
        local = file?.exports.get('default');
      } else if (f.registrations.some((x) => x.target === ref.name || x.target.startsWith(`${ref.name}>`)) || f.apps.some((a) => a.name === ref.name)) {
        file = f;
        local = ref.name;
      } else {
        const [head, member] = ref.name.split('.', 2);
        const binding = f.imports.get(head);
        if (binding) {
          file = this.resolveFile(f.file, binding.source);
          const exported = binding.imported === '*' || binding.imported === 'default' ? (member ?? binding.imported) : binding.imported;
          local = file?.exports.get(exported) ?? (binding.imported === '*' ? file?.exports.get('default') : undefined);
        }
      }
      if (!file || !local) continue;
      const l = local;
      const app = file.apps.find((a) => a.name === l);
      if (app || file.registrations.some((x) => x.target === l)) out.push({ file, target: l, app });
      else for (const t of new Set(file.registrations.filter((x) => x.target.startsWith(`${l}>`)).map((x) => x.target))) out.push({ file, target: t });
    }
    return out;
  }

  /**
   * The plugins `@fastify/autoload` loads from a folder: each file's default export (or its `module.exports`), under
   * the path of its sub-folder when the folder names make prefixes.
   */
  private autoloaded(dir: string, byFolder: boolean): { file: FileRouteFacts; target: string; prefix?: string }[] {
    const out: { file: FileRouteFacts; target: string; prefix?: string }[] = [];
    for (const file of this.facts.values()) {
      if (!file.file.startsWith(`${dir}/`) || !file.registrations.length) continue;
      const local = file.exports.get('default');
      if (!local) continue;
      const folder = file.file.slice(dir.length + 1).split('/').slice(0, -1).join('/');
      const prefix = byFolder && folder ? `/${folder}` : undefined;
      if (file.registrations.some((x) => x.target === local)) out.push({ file, target: local, prefix });
      else for (const t of new Set(file.registrations.filter((x) => x.target.startsWith(`${local}>`)).map((x) => x.target))) out.push({ file, target: t, prefix });
    }
    return out;
  }

  private walkApp(f: FileRouteFacts, target: string, prefix: string, inherited: Mw[], depth: number): void {
    if (depth > MAX_MOUNT_DEPTH) return;
    const regs = f.registrations.filter((r) => r.target === target).sort((a, b) => a.order - b.order);
    const mws: Mw[] = [...inherited];
    // Past MAX_APP_MIDDLEWARE, the rest of a registration and those after it are not read (with a warning).
    const add = (r: Registration, mw: () => Mw): boolean => {
      if (mws.length >= MAX_APP_MIDDLEWARE) {
        this.cutAt(f, r);
        return false;
      }
      mws.push(mw());
      return true;
    };
    // Fastify hooks apply to every route of their scope.
    for (const r of regs) if (r.kind === 'hook') for (const h of r.handlers) if (!add(r, () => ({ ...this.judge(f, h), scope: prefix }))) break;
    for (const r of regs) {
      if (r.kind === 'use' || r.kind === 'mount') {
        const targets = this.mountTargets(f, r);
        if (targets.length) {
          for (const t of targets) this.walkApp(t.file, t.target, joinPath(prefix, r.path ?? '', t.prefix ?? '', t.app?.prefix ?? ''), mws, depth + 1);
          continue;
        }
        // A Fastify plugin runs once, when the server starts, not for each request: what it checks decides nothing
        // unless it adds a hook (read above, as its scope's registrations).
        if (r.kind === 'mount' && r.framework === 'fastify') continue;
        const refs: HandlerRef[] = r.kind === 'mount' && r.mounted && !r.mounted.require ? [{ kind: 'ref', name: r.mounted.name, line: r.line }] : r.handlers;
        const exact = r.framework === 'hono' && !!r.path && r.path !== '/' && !r.path.includes('*');
        for (const h of refs) if (!add(r, () => ({ ...this.judge(f, h), scope: joinPath(prefix, r.path ?? ''), pathScope: h.kind === 'inline' ? h.facts.pathScope : undefined, ...(h.unless ? { unless: h.unless } : {}), ...(exact ? { exact } : {}) }))) break;
      } else if (r.kind === 'route') {
        const path = joinPath(prefix, r.path ?? '');
        const applied = mws.filter((m) => appliesTo(m.scope, path) && (!m.exact || path === m.scope) && withinPathScope(m.pathScope, path) && !m.unless?.some((u) => joinPath(u) === path));
        const handlers = r.handlers;
        const last = handlers[handlers.length - 1];
        const routeMws = handlers.slice(0, -1).map((h) => ({ ...this.judge(f, h), scope: '' }));
        const handlerFacts = last?.kind === 'inline' ? last.facts : last ? this.resolveFunction(f, last.name) : undefined;
        this.emit({
          f,
          method: r.method ?? 'ALL',
          path,
          line: r.line,
          framework: r.framework,
          middleware: [...applied, ...routeMws],
          handler: handlerFacts,
          handlerName: last?.kind === 'ref' ? last.name : undefined,
        });
      }
    }
  }

  private cutAt(f: FileRouteFacts, r: Registration): void {
    const app = `${f.file}#${r.target}`;
    if (this.cut.has(app)) return;
    this.cut.add(app);
    const message = `More than ${MAX_APP_MIDDLEWARE} middleware apply to the routes of \`${r.target}\`: they are judged by the first ${MAX_APP_MIDDLEWARE} and their own, so a sign-in check registered from here on is not seen.`;
    this.notify({ level: 'warning', kind: 'skipped-file', message, file: f.file, line: r.line });
  }

  private emit(input: { f: FileRouteFacts; method: string; path: string; line: number; framework: string; middleware: Mw[]; handler?: FunctionFacts; handlerName?: string; preset?: DirectEntry; memberOf?: FilterKey[] }): void {
    const { f, handler, preset } = input;
    let auth: AuthState = 'none';
    let evidence = '';
    let role: string | undefined = preset?.role ? `${preset.role.text} (${preset.role.file}:${preset.role.line})` : undefined;
    const mwAuth = input.middleware.find((m) => m.verdict.auth);
    const mwRole = input.middleware.find((m) => m.verdict.role);
    role ??= mwRole?.verdict.role;
    // The role that check lets through, when it is one anybody may hold (`authorize('seller')`, `role !== 'recruiter'`).
    let ordinaryRole = role && !preset?.role && mwRole ? ordinaryRoleOfCall(mwRole.name) : undefined;
    if (handler?.role && !role) {
      role = `${handler.role.text} (${handler.role.file}:${handler.role.line})`;
      ordinaryRole = handler.ordinaryRole;
    }
    if (handler && !role) role = this.helperRole(f, handler);
    if (preset?.auth && preset.auth.state === 'required') {
      auth = 'required';
      evidence = `${preset.auth.evidence.text} (${preset.auth.evidence.file}:${preset.auth.evidence.line})`;
    } else if (mwAuth) {
      auth = 'required';
      evidence = mwAuth.verdict.auth!;
    } else if (handler?.auth && !(handler.authByDeref && input.middleware.some((m) => m.verdict.setsUser))) {
      auth = 'required';
      evidence = `${handler.auth.text} (${handler.auth.file}:${handler.auth.line})`;
    } else if (handler && this.helperAuth(f, handler)) {
      auth = 'required';
      evidence = `the handler ${this.helperAuth(f, handler)}`;
    } else if (preset?.auth) {
      auth = preset.auth.state;
      evidence = `${preset.auth.evidence.text} (${preset.auth.evidence.file}:${preset.auth.evidence.line})`;
    } else if (!handler) {
      auth = 'unknown';
      evidence = input.handlerName ? `handler \`${input.handlerName}\` not found in the scanned code` : 'handler not found';
    } else {
      const unknown = input.middleware.find((m) => m.verdict.unknown);
      if (unknown) {
        auth = 'unknown';
        evidence = unknown.verdict.unknown!;
      } else if (handler.optionalAuth) {
        auth = 'unknown';
        evidence = `${handler.optionalAuth.text} (${handler.optionalAuth.file}:${handler.optionalAuth.line}) but does not turn away visitors without a sign-in`;
      } else {
        const before = input.middleware.length ? `middleware ${listed(input.middleware.map((m) => m.name))} checks no sign-in` : 'no auth middleware';
        evidence = `${before}, and the handler (${handler.file}:${handler.startLine}-${handler.endLine}) checks none`;
        const unawaited = this.unawaitedCheck(f, handler);
        if (unawaited) evidence += `; ${unawaited}`;
      }
    }
    if (role && auth !== 'required' && !role.includes('judged by its name')) {
      // A role check turns away visitors without a user, too.
      auth = 'required';
      evidence = role;
    }
    const functions = handler ? this.reachable(f, handler) : [];
    // A signature checked by a helper the handler calls (`if (!verifyPayment(order, payment, signature)) return 400`).
    const signature = handler?.signature ?? (handler ? this.helperSignature(f, handler) : undefined) ?? input.middleware.find((m) => m.verdict.signature)?.verdict.signature;
    const callerBody = new Set(input.middleware.flatMap((m) => m.verdict.callerBody ?? []));
    const touches = functions.flatMap((fn) => {
      const own = callerBody.size ? fn.touches.map((t) => withCallerBody(t, callerBody)) : fn.touches;
      // A role a helper read from the request, set to a fixed value by the handler after all (`data.is_admin = false`).
      return fn !== handler && handler?.fixedRoles ? own.map((t) => (t.roleWrite && handler.fixedRoles!.some((key) => new RegExp(`\\.${key}\\s*=[^=]`).test(t.code)) ? { ...t, roleWrite: false } : t)) : own;
    });
    const entry: RouteEntry = {
      method: input.method,
      path: input.path,
      file: f.file,
      line: input.line,
      framework: input.framework,
      handler: handler ? { file: handler.file, startLine: handler.startLine, endLine: handler.endLine, name: handler.name } : { file: f.file, startLine: input.line, endLine: input.line },
      middleware: input.middleware.map((m) => m.name),
      auth,
      evidence,
      touches,
    };
    if (role) entry.roleCheck = role;
    if (ordinaryRole) entry.ordinaryRole = ordinaryRole;
    const memberOf = [...(input.memberOf ?? []), ...input.middleware.flatMap((m) => membershipKeys(m.facts))];
    if (memberOf.length) entry.memberOf = memberOf;
    if (preset?.adminGuard) entry.adminGuard = `\`${preset.adminGuard.name}\` (${preset.adminGuard.file}:${preset.adminGuard.line})`;
    // A sign-in check named for admins whose definition checks no role (`adminAuthenticated` that only asks who is signed in).
    const adminMw = !role && !preset?.adminGuard ? input.middleware.find((m) => m.facts && m.verdict.auth && !m.verdict.role && /admin/i.test(m.name)) : undefined;
    if (adminMw) entry.adminGuard = `\`${adminMw.name}\` (${adminMw.facts!.file}:${adminMw.facts!.startLine})`;
    if (preset?.unreadRoles) entry.unreadRoles = `${preset.unreadRoles.text} (${preset.unreadRoles.file}:${preset.unreadRoles.line})`;
    const limiter = input.middleware.find((m) => RATE_LIMIT.test(m.name))?.name ?? handler?.calls.find((c) => RATE_LIMIT.test(c));
    if (limiter) entry.rateLimit = `\`${limiter}\``;
    if (signature) entry.callerProof = 'signature';
    else if (handler?.tokenCheck) entry.callerProof = 'token';
    if (preset?.trigger) entry.trigger = true;
    const paymentCredit = paymentCreditOf(functions, input.path, isWebhookPath(input.path));
    if (paymentCredit) entry.paymentCredit = paymentCredit;
    const paymentGrant = paymentGrantOf(functions, input.path, isWebhookPath(input.path));
    if (paymentGrant) entry.paymentGrant = paymentGrant;
    const unpaidGrant = !role && !preset?.adminGuard && !signature && !handler?.tokenCheck && !preset?.trigger ? unpaidGrantOf(functions, input.path, isWebhookPath(input.path), `${input.path} ${handler?.name ?? ''}`) : undefined;
    if (unpaidGrant) entry.unpaidGrant = unpaidGrant;
    const clientDebit = !role && !preset?.adminGuard && !signature && !preset?.trigger ? clientDebitOf(functions, input.middleware.map((m) => m.name)) : undefined;
    if (clientDebit) entry.clientDebit = clientDebit;
    const clientAmount = functions.find((fn) => fn.clientAmount)?.clientAmount ?? this.chargedThroughHelper(functions);
    if (clientAmount) entry.clientAmount = clientAmount;
    const signInByName = functions.find((fn) => fn.signInByName)?.signInByName;
    if (signInByName) entry.signInByName = signInByName;
    if (auth !== 'required') {
      const reason = preset?.publicBy ?? publicReason(input.method, input.path, handler && signature && !handler.signature ? { ...handler, signature } : handler, touches);
      if (reason) entry.public = reason;
    } else if (preset?.publicBy) entry.public = preset.publicBy;
    if (auth === 'none' && !entry.public && isWebhookPath(input.path)) entry.evidence += '; a webhook must check its signature instead';
    this.out.push(entry);
  }

  private linkDirect(): void {
    const nextMw = [...this.facts.values()].map((f) => f.nextMiddleware).filter((m): m is NextMiddleware => !!m);
    const dirOf = (file: string) => this.model.fileByPath.get(file)?.package?.dir ?? '';
    const globalGuards = [...this.facts.values()].flatMap((f) => f.globalGuards.map((g) => ({ ...g, file: f.file, dir: dirOf(f.file) })));
    const composed = [...this.facts.values()].flatMap((f) => (f.composedDecorators ?? []).map((c) => ({ ...c, dir: dirOf(f.file) })));
    const graphqlServers = [...this.facts.values()].flatMap((f) => (f.graphqlServers ?? []).map((g) => ({ ...g, dir: dirOf(f.file) })));
    for (const f of this.facts.values()) {
      const dir = this.model.fileByPath.get(f.file)?.package?.dir ?? '';
      for (const e of f.entries) {
        const mws: Mw[] = e.middleware.filter(() => e.framework === 'nextjs' || e.framework === 'convex' || e.framework === 'nuxt').map((name) => ({ ...this.judge(f, { kind: 'ref', name, line: e.line }), scope: '' }));
        let preset: DirectEntry = e;
        if (e.framework === 'nextjs' || e.framework === 'sveltekit' || e.framework === 'astro') {
          const own = e.framework === 'nextjs' ? undefined : e.framework;
          const mw = nextMw.find((m) => m.dir === dir && m.framework === own);
          const verdict = mw ? this.nextMiddlewareVerdict(mw, e.method === 'ACTION' ? '/' : e.path) : undefined;
          if (verdict) mws.unshift({ name: `${own === 'sveltekit' ? 'handle hook' : 'middleware'} (${mw!.file})`, verdict, scope: '' });
        }
        // Every Nuxt server middleware runs before every route, a Pages Functions `_middleware` before those of its
        // folder: the first that decides counts.
        if (e.framework === 'nuxt' || e.framework === 'cloudflare-pages' || e.framework === 'fresh') {
          for (const mw of nextMw.filter((m) => m.dir === dir && m.framework === e.framework && middlewareCovers(m.file, f.file, e.framework))) {
            const verdict = this.nextMiddlewareVerdict(mw, e.path);
            if (verdict) {
              mws.unshift({ name: `${e.framework === 'nuxt' ? 'server middleware' : '_middleware'} (${mw.file})`, verdict, scope: '' });
              if (verdict.auth) break;
            }
          }
        }
        if ((e.framework === 'socket.io' || e.framework === 'ws') && !e.auth) {
          const socket = this.socketServer(f, dir, e.framework, e.handler);
          mws.push(...socket.middleware);
          preset = { ...e, auth: socket.auth };
        }
        if (e.framework === 'nestjs' && e.decorators && (!e.auth || !e.role)) {
          // `@Auth()` made with `applyDecorators(…, UseGuards(JwtAuthGuard))` in the same package.
          const made = e.decorators.map((name) => composed.find((c) => c.name === name && c.dir === dir)).filter((c) => c !== undefined);
          const guarded = made.find((c) => c.auth);
          const roles = made.find((c) => c.role);
          if (guarded && !e.auth) preset = { ...preset, auth: { state: 'required', evidence: { text: `\`@${guarded.name}()\` applies \`UseGuards(${guarded.auth!.name})\``, file: guarded.file, line: guarded.auth!.line } } };
          if (roles && !e.role) preset = { ...preset, role: roles.role };
        }
        if (e.framework === 'graphql' && !e.auth) {
          // A server whose context turns away visitors guards every resolver of its package; one behind middleware or
          // an authorization layer vibeaudit does not read leaves them undecided.
          const servers = graphqlServers.filter((g) => g.dir === dir);
          const guarded = servers.find((g) => g.auth);
          const other = servers.find((g) => g.unknown);
          if (guarded) preset = { ...preset, auth: { state: 'required', evidence: guarded.auth! } };
          else if (other) preset = { ...preset, auth: { state: 'unknown', evidence: other.unknown! } };
        }
        if (e.framework === 'nestjs' && !preset.auth) {
          // A roles guard alone (`RolesGuard`, as NestJS's docs write it) lets through every route that declares no roles.
          const global = globalGuards.find((g) => g.dir === dir && (GUARD_AUTH.test(g.name) || (GUARD_ROLE.test(g.name) && (e.role || preset.role))));
          if (global && !e.publicBy) preset = { ...preset, auth: { state: 'required', evidence: { text: `global guard \`${global.name}\``, file: global.file, line: global.line } } };
        }
        if (e.framework === 'nestjs' && e.rolesDeclaredOnly && preset.role === e.role) preset = this.unreadRoles(f, preset, dir, globalGuards, composed);
        if (e.framework === 'hapi' && !preset.auth) {
          const byDefault = [...this.facts.values()].find((g) => g.hapiDefaultAuth && dirOf(g.file) === dir)?.hapiDefaultAuth;
          if (byDefault) preset = { ...preset, auth: { state: 'required', evidence: byDefault } };
        }
        if (e.framework === 'trpc') preset = this.trpcAdminGuard(f, preset);
        const handler = (e.handlerRef && (e.handlerRef.startsWith('adonis:') ? this.adonisController(dir, e.handlerRef.slice(7)) : this.resolveFunction(f, e.handlerRef))) || e.handler;
        // A NestJS guard that finds the caller's membership of what the route names (`WorkspaceGuard`).
        const memberOf = e.framework === 'nestjs' ? e.middleware.flatMap((g) => membershipKeys(this.resolveFunction(f, `${g}.canActivate`))) : undefined;
        this.emit({ f, method: e.method, path: e.path, line: e.line, framework: e.framework, middleware: mws, handler, preset, memberOf });
      }
    }
  }

  /**
   * AdonisJS names a route's controller by a string (`'Admin/UserController.store'`): the class of that name in the
   * package's `app/Controllers/Http` folder, and its method.
   */
  private adonisController(dir: string, ref: string): FunctionFacts | undefined {
    const at = ref.lastIndexOf('.');
    const path = ref.slice(0, at);
    const cls = path.split('/').pop()!;
    const suffix = new RegExp(`(?:^|/)app/Controllers/Http/${escapeRegExp(path)}\\.[cm]?[jt]s$`, 'i');
    for (const g of this.facts.values()) {
      if ((this.model.fileByPath.get(g.file)?.package?.dir ?? '') === dir && suffix.test(g.file)) return this.resolveFunction(g, `${cls}.${ref.slice(at + 1)}`);
    }
    return undefined;
  }

  /**
   * NestJS roles declared by a decorator (`@Roles('ADMIN')`) are metadata: a guard must read them. Unread when no
   * guard is global in the package, none comes with a composed decorator, and the route's own (authentication)
   * guards check no role where their code is found here. Roles every user has (`'user'`) restrict nothing anyway.
   */
  private unreadRoles(f: FileRouteFacts, e: DirectEntry, dir: string, globalGuards: readonly { dir: string }[], composed: readonly { name: string; dir: string }[]): DirectEntry {
    if (globalGuards.some((g) => g.dir === dir) || e.decorators?.some((name) => composed.some((c) => c.name === name && c.dir === dir))) return e;
    // A guard that checks a role, or reads the metadata roles decorators set (`this.reflector.getAllAndOverride(ROLES_KEY, …)`).
    const readsRoles = (guard: string) => {
      const facts = this.resolveFunction(f, `${guard}.canActivate`);
      return !!facts && (!!facts.role || facts.calls.some((c) => /(?:^|\.)reflector\.get/i.test(c)));
    };
    if (e.middleware.some(readsRoles)) return e;
    const names = [...(e.role?.text ?? '').matchAll(/['"`]([\w-]+)['"`]|\b[A-Z]\w*\.([A-Za-z_]\w*)/g)].map((m) => m[1] ?? m[2]);
    if (!names.some((n) => !/^(?:users?|customers?|members?|guests?|any|all|authenticated)$/i.test(n))) return e;
    return { ...e, role: undefined, unreadRoles: e.role };
  }

  /**
   * A tRPC procedure behind a middleware or procedure named for admins (`adminProcedure`, `.use(adminAuth)`): an admin
   * procedure. Its name alone was taken as its role check; where its definition is found here, what it checks decides.
   */
  private trpcAdminGuard(f: FileRouteFacts, e: DirectEntry): DirectEntry {
    for (const name of e.middleware) {
      if (!/admin/i.test(name)) continue;
      const facts = this.resolveFunction(f, name);
      if (!facts) continue;
      const { verdict } = this.judge(f, { kind: 'ref', name, line: e.line });
      const guard = { name, file: facts.file, line: facts.startLine };
      return verdict.role ? { ...e, adminGuard: guard, role: { text: `\`${name}\`: ${verdict.role}`, file: facts.file, line: facts.startLine } } : { ...e, adminGuard: guard, role: undefined };
    }
    return e;
  }

  /**
   * Who may connect to the socket server an event handler's socket comes from: the server set up in the same file,
   * else one in the same package. A middleware or connection check that verifies the client decides for every
   * event; middleware passed by name is judged as route middleware is, in the server's file.
   */
  private socketServer(f: FileRouteFacts, dir: string, kind: SocketKind, handler: FunctionFacts): { auth?: DirectEntry['auth']; middleware: Mw[] } {
    const serversOf = (g: FileRouteFacts) => g.socketServers?.filter((s) => s.kind === kind) ?? [];
    const inPackage = [...this.facts.values()].filter((g) => serversOf(g).length && (this.model.fileByPath.get(g.file)?.package?.dir ?? '') === dir);
    const owner = serversOf(f).length ? f : inPackage.find((g) => serversOf(g).some((s) => s.auth)) ?? inPackage[0];
    const name = kind === 'ws' ? 'WebSocket' : 'Socket.IO';
    if (!owner) return { auth: { state: 'unknown', evidence: { text: `the ${name} server its sockets come from is set up in code that was not scanned`, file: f.file, line: handler.startLine } }, middleware: [] };
    const servers = serversOf(owner);
    const verified = servers.find((s) => s.auth)?.auth;
    if (verified) return { auth: { state: 'required', evidence: verified }, middleware: [] };
    const middleware = servers.flatMap((s) => s.middleware.map((ref) => ({ ...this.judge(owner, { kind: 'ref', name: ref, line: s.line }), scope: '' })));
    // Middleware by name and a handler that reads a session without requiring one are judged as for any route.
    if (middleware.length || handler.optionalAuth) return { middleware };
    const checks = kind === 'ws' ? '`verifyClient` option, `upgrade` handler' : '`io.use` middleware';
    const text = `no ${checks} or check in the connection callback verifies the client, and the handler (${handler.file}:${handler.startLine}-${handler.endLine}) checks none`;
    return { auth: { state: 'none', evidence: { text, file: owner.file, line: servers[0].line || 1 } }, middleware };
  }

  /** Attach each admin- or password-gated browser call to the routes its path and method match. */
  private linkClientCalls(): void {
    for (const f of this.facts.values()) {
      for (const call of f.clientCalls ?? []) {
        const matches = this.out.filter((r) => methodMatches(r.method, call.method) && clientPathMatches(call.url, r.path));
        // One route path can be listed by several mounts; a call that matches many routes is too vague to judge.
        if (matches.length === 0 || new Set(matches.map((m) => m.path)).size > 1) continue;
        for (const r of matches) (r.clientGuards ??= []).push({ ...call, file: f.file });
      }
    }
  }

  private nextMiddlewareVerdict(mw: NextMiddleware, path: string): MiddlewareVerdict | undefined {
    if (mw.matchers && !mw.matchers.some((m) => matcherCovers(m, path))) return undefined;
    const where = (line: number) => `${mw.file}:${line}`;
    const label = mw.framework === 'sveltekit' ? 'SvelteKit `handle` hook' : mw.framework === 'nuxt' ? 'Nuxt server middleware' : mw.framework === 'astro' ? 'Astro middleware' : mw.framework === 'cloudflare-pages' ? 'Pages Functions `_middleware`' : mw.framework === 'fresh' ? 'Fresh `_middleware`' : 'Next.js middleware';
    if (mw.only && !mw.only.some((m) => matcherCovers(m, path))) return undefined;
    if (mw.except && mw.except.some((m) => matcherCovers(m, path))) return undefined;
    if (mw.auth) return { auth: `${label}: ${mw.auth.text} (${where(mw.auth.line)})` };
    const owner = this.facts.get(mw.file);
    const check = (facts: FunctionFacts | undefined): string | undefined => {
      if (!facts?.auth) return undefined;
      if (!withinPathScope(facts.pathScope, path)) return undefined;
      return `${label}: ${facts.auth.text} (${facts.auth.file}:${facts.auth.line})`;
    };
    // A header compared with a secret of the server's (`x-admin-token` against `env.ADMIN_TOKEN`): only its holders get through.
    const secret = !mw.facts?.auth && mw.facts?.signature && withinPathScope(mw.facts.pathScope, path) ? mw.facts.signature : undefined;
    if (secret) return { auth: `${label}: ${secret.text} (${secret.file}:${secret.line})`, signature: secret };
    const own = check(mw.facts);
    // A role the hook checks for the paths it names (`/admin…`), beside the sign-in check. (One it checks on every
    // path, `if (user.role === 'banned') throw error(403)`, is no admin check of any route.)
    // (A Pages Functions `_middleware` runs only for its folder: its role check is that folder's, `functions/admin/`.)
    const scoped = mw.facts?.role && (mw.framework === 'cloudflare-pages' || mw.framework === 'fresh' || (mw.facts.rolePathScope?.only.length && withinPathScope(mw.facts.rolePathScope, path)));
    const role = scoped ? `${label}: ${mw.facts!.role!.text} (${mw.facts!.role!.file}:${mw.facts!.role!.line})` : undefined;
    if (own) return role ? { auth: own, role } : { auth: own };
    if (owner && mw.facts) {
      for (const call of mw.facts.calls) {
        const helper = check(this.resolveFunction(owner, call));
        if (helper) return { auth: helper };
      }
    }
    if (mw.unknown) return { unknown: `${mw.unknown.text} (${where(mw.unknown.line)})` };
    return undefined;
  }
}

/**
 * The request's values a middleware or guard finds the caller's membership by: a lookup keyed by one of them and by
 * the signed-in user (`userWorkspace.findUnique({ where: { userId, workspaceId: req.params.workspaceId } })`), or
 * one whose record's owner it then checks (`if (req.userId != listing.userId) return 401` after finding the listing
 * by `req.params.listingId`).
 */
function membershipKeys(facts: FunctionFacts | undefined): FilterKey[] {
  return (facts?.touches ?? []).flatMap((t) => (t.kind === 'read' && (t.filters?.some((k) => k.from === 'session') || t.ownerCheck) ? (t.filters ?? []).filter((k) => k.from === 'request') : []));
}

function unawaitedAsync(caller: FunctionFacts, call: string, helper: FunctionFacts): boolean {
  return !!helper.async && !!caller.unawaited?.includes(call);
}

/**
 * Whether a folder middleware runs before a route file: a Fresh or Pages Functions `_middleware` for the files of its
 * folder and below (a Fresh `(group)` folder adds nothing to the path but still bounds its middleware); a Nuxt server
 * middleware for every route of its project.
 */
function middlewareCovers(middleware: string, route: string, framework: string): boolean {
  if (framework === 'fresh' || framework === 'cloudflare-pages') {
    const folder = middleware.slice(0, middleware.lastIndexOf('/') + 1);
    return route.startsWith(folder);
  }
  const root = (path: string) => /^(.*?)(?:^|\/)server\//.exec(path)?.[1];
  return root(middleware) === root(route);
}

function methodMatches(route: string, call: string): boolean {
  return route === call || route === 'ALL' || route === 'ANY' || route.split('|').includes(call);
}

/** `/api/users/:param/ban` (from the browser) and `/api/users/:id/ban` (the route); a base URL may hide `/api`. */
export function clientPathMatches(url: string, route: string): boolean {
  const norm = (p: string) => p.split('/').filter(Boolean).map((s) => (s.startsWith(':') ? ':' : s));
  const u = norm(url);
  const r = norm(route);
  if (r.includes('*') || u.length === 0 || u.length > r.length || !u.some((s) => s !== ':')) return false;
  // A shorter path from the browser is the route without the client's base URL (`axios.create({ baseURL: '/api' })`).
  if (u.length < r.length && u[0] === 'api') return false;
  const tail = r.slice(r.length - u.length);
  return tail.every((seg, i) => seg === u[i] || seg === ':' || u[i] === ':');
}

function joinPath(...parts: string[]): string {
  const joined = parts.map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/');
  return `/${joined}`;
}

/** A path a guard's own path tests let through to the guard (`*x` means the path contains `x`). */
function withinPathScope(scope: FunctionFacts['pathScope'], path: string): boolean {
  const covers = (p: string) => (p.startsWith('*') ? path.includes(p.slice(1)) : path.startsWith(p));
  if (scope?.only.length && !scope.only.some(covers)) return false;
  return !scope?.except.some(covers);
}

/** A `use` scope covers a route path: Express prefixes, Hono globs (`/api/*`). */
function appliesTo(scope: string, path: string): boolean {
  if (!scope || scope === '/' || scope === '/*' || scope === '*') return true;
  const s = scope.replace(/\/\*$/, '').replace(/\*$/, '');
  return path === s || path.startsWith(s.endsWith('/') ? s : `${s}/`);
}

/** Longest route path a matcher is run on; longer ones are judged by the matcher's fixed start. */
const MAX_MATCHED_PATH = 512;

/**
 * A Next.js `matcher` (path-to-regexp with regex groups) covers a path. The matcher comes from the scanned code, so
 * it is run as a regular expression only when its shape cannot make that slow (safeToRun) on a path of sensible
 * length; otherwise the text before its first pattern decides (`/api/((a+)+)` covers what starts with `/api/`).
 */
export function matcherCovers(matcher: string, path: string): boolean {
  const source = matcher
    .replace(/\/:(\w+)\*/g, '(?:/.*)?')
    .replace(/\/:(\w+)\+/g, '/.+')
    .replace(/\/:(\w+)\?/g, '(?:/[^/]+)?')
    // Not the `?:` of a group (`(?:html?|css)`), which made Clerk's default matcher an invalid pattern.
    .replace(/(?<!\?):(\w+)/g, '[^/]+');
  if (path.length > MAX_MATCHED_PATH || !safeToRun(`^${source}$`)) return path.startsWith(matcher.replace(/[(:*[?+{\\].*$/s, ''));
  try {
    return new RegExp(`^${source}$`).test(path) || new RegExp(`^${source}$`).test(path.replace(/:\w+/g, 'x'));
  } catch {
    return true;
  }
}

/** How many middleware names evidence lists: an app may register thousands, and the evidence is read by people. */
const LISTED_MIDDLEWARE = 8;

/** `` `a`, `b` ``, or the first LISTED_MIDDLEWARE names and how many more. */
function listed(names: string[]): string {
  const shown = names.slice(0, LISTED_MIDDLEWARE).map((n) => `\`${n}\``).join(', ');
  return names.length > LISTED_MIDDLEWARE ? `${shown} and ${(names.length - LISTED_MIDDLEWARE).toLocaleString('en')} more` : shown;
}

/**
 * A touch as the handler behind a sign-in middleware sees it: body fields that middleware set from the verified
 * token or session (`req.body.userId = decoded.id`) name the caller, not what the client sent. The handler's own
 * facts are shared by every route it serves, so a changed touch is a copy.
 */
function withCallerBody(touch: Touch, fields: ReadonlySet<string>): Touch {
  const set = (f: FilterKey) => f.from === 'request' && fields.has(BODY_FIELD.exec((f.source ?? f.value).replace(/\s+/g, ''))?.[1] ?? '');
  if (!touch.filters?.some(set)) return touch;
  return { ...touch, filters: touch.filters.map((f) => (set(f) ? { ...f, from: 'session' as const } : f)) };
}

/** A helper's parameter, given a value from the request or the session by the call that reaches it. */
interface BoundArgument {
  from: NonNullable<FilterKey['from']>;
  source: string;
}

/**
 * A helper's parameters given values from the request or the session by the call that reaches it
 * (`getCart(req.params.userId)` binds `userId`), directly or through the caller's own bound parameters.
 */
function boundParameters(helper: FunctionFacts, args: readonly (CallArgument | null)[] | undefined, outer: ReadonlyMap<string, BoundArgument> | undefined): Map<string, BoundArgument> | undefined {
  if (!args || (!helper.params && !helper.paramKeys)) return undefined;
  const out = new Map<string, BoundArgument>();
  const passedOf = (arg: CallArgument): BoundArgument | undefined => {
    const from = originOf(arg.source);
    return from ? { from, source: shorten(arg.source, 50) } : outer?.get(unwrapped(arg.value) ?? '');
  };
  args.forEach((arg, i) => {
    const name = helper.params?.[i];
    if (!arg) return;
    // An object of named values: `parameters.commentId` in the helper, or the key it destructures (`({ commentId })`).
    if (arg.members) {
      for (const [key, member] of Object.entries(arg.members)) {
        const passed = passedOf(member);
        const local = name ? `${name}.${key}` : helper.paramKeys?.[i]?.[key];
        if (passed && local) out.set(local, passed);
      }
      return;
    }
    const passed = name ? passedOf(arg) : undefined;
    if (passed) out.set(name!, passed);
  });
  return out.size ? out : undefined;
}

/** The variable a value is, through conversions: `userId`, `Number(id)`, `+id`, `new ObjectId(id)`, `id.toString()`. */
function unwrapped(value: string): string | undefined {
  const m = /^#?(?:(?:new\s+)?(?:Number|String|parseInt|parseFloat|BigInt|ObjectId|Types\.ObjectId|mongoose\.Types\.ObjectId)\(\s*([A-Za-z_$][\w$]*)\s*(?:,\s*10\s*)?\)|\+\s*([A-Za-z_$][\w$]*)|([A-Za-z_$][\w$]*)(?:\.toString\(\))?)$/.exec(value.trim());
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

/** `parameters.commentId`: a key of an object parameter. */
const MEMBER_OF_PARAMETER = /^[A-Za-z_$][\w$]*\.[A-Za-z_$][\w$]*$/;

/** A helper's touch with the keys it selects by its parameters traced to what the call passed. */
function withBoundParameters(touch: Touch, bound: ReadonlyMap<string, BoundArgument>): Touch {
  // A parameter is what the call passed, whatever its name suggests (a helper's `userId` is taken for the session's).
  const bind = (k: FilterKey): FilterKey => {
    const written = (k.source ?? k.value).trim();
    const arg = bound.get(unwrapped(written) ?? '') ?? (MEMBER_OF_PARAMETER.test(written) ? bound.get(written) : undefined);
    return arg && arg.from !== k.from ? { ...k, from: arg.from, source: arg.source } : k;
  };
  const filters = touch.filters?.map(bind);
  const createdFor = touch.createdFor && bind(touch.createdFor);
  if (filters?.every((k, i) => k === touch.filters![i]) !== false && createdFor === touch.createdFor) return touch;
  return { ...touch, ...(filters ? { filters } : {}), ...(createdFor ? { createdFor } : {}) };
}
