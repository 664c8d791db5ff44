import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { calleePath, memberPath, propertyName, staticString } from '../engine/ast-utils.js';
import { mergeListeners, traverse, type Visitor } from '../engine/traverse.js';
import { ALL_PUBLIC_ENV_PREFIXES } from '../frameworks/index.js';
import type { AstNode } from '../parse/types.js';
import { defineProjectFact } from './facts.js';
import type { BundlerExposure, ProjectModel, SourceFile } from './types.js';

/*
 * Bundler configuration is code, and vibeaudit never runs scanned code: these functions read the config's syntax
 * tree and follow only what is plain to see (object literals, `const` bindings in the same file, `defineConfig`
 * and `withX(config)` wrappers, config functions' returned objects).
 */

type ConfigKind = 'vite' | 'framework' | 'next' | 'webpack' | 'app';

function configKind(path: string): ConfigKind | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (/^(?:electron\.)?vite\.config\.[cm]?[jt]s$/.test(base)) return 'vite';
  if (/^(?:astro|nuxt|remix|quasar)\.config\.[cm]?[jt]s$/.test(base)) return 'framework';
  if (/^next\.config\.[cm]?[jt]s$/.test(base)) return 'next';
  if (/^app\.config\.[cm]?[jt]s$/.test(base)) return 'app';
  if (/^(?:webpack(?:\.[\w-]+)*|craco|vue|rspack|rsbuild)\.config\.[cm]?[jt]s$/.test(base)) return 'webpack';
  return undefined;
}

/** A config file whose settings readBundlerExposures reads (Vite, Next.js, webpack, Expo and the like). */
export function isBundlerConfig(path: string): boolean {
  return configKind(path) !== undefined;
}

type Binding = { init: AstNode } | { fn: AstNode } | { envName: string };

interface FileScan {
  file: SourceFile;
  kind: ConfigKind;
  bindings: Map<string, Binding>;
  /** `export default …`, `module.exports = …`. */
  roots: AstNode[];
  /** `new DefinePlugin(…)`, `EnvironmentPlugin(…)` anywhere in the file. */
  plugins: (TSESTree.NewExpression | TSESTree.CallExpression)[];
  out: BundlerExposure[];
}

/*
 * Per-file rules ask what the bundler configs do as project facts, depended on by their answers: editing a config
 * redoes only the files whose answers it changes (src/cache/reuse.ts).
 */
const viteEnvPrefixes = defineProjectFact('vite env prefixes', (model, dir) =>
  model.bundlerExposures
    .filter((e) => e.via === 'vite-envPrefix' && e.prefix && !ALL_PUBLIC_ENV_PREFIXES.includes(e.prefix) && (model.fileByPath.get(e.file)?.package?.dir ?? '') === dir)
    .map((e) => ({ prefix: e.prefix!, file: e.file })),
);

/** Prefixes beyond the frameworks' own that Vite config in the package at `dir` adds with `envPrefix`, and where. */
export function viteExtraPrefixes(model: ProjectModel, dir: string): { prefix: string; file: string }[] {
  return viteEnvPrefixes(model, dir);
}

const envFill = defineProjectFact('bundler env fill', (model, name) => {
  const filled = model.bundlerExposures.find((e) => e.envName && (e.key === `process.env.${name}` || e.key === `import.meta.env.${name}`));
  return filled && { file: filled.file, envName: filled.envName! };
});

/** The bundler config that gives browser code `process.env.NAME` / `import.meta.env.NAME`, and from which variable. */
export function bundlerEnvFill(model: ProjectModel, name: string): { file: string; envName: string } | undefined {
  return envFill(model, name);
}

/** Where bundler configuration (Vite, Next.js, webpack, Expo) puts env values into the client bundle. Read statically. */
export function readBundlerExposures(files: readonly SourceFile[]): BundlerExposure[] {
  const out: BundlerExposure[] = [];
  for (const file of files) {
    if (file.role !== 'config' || !file.ast) continue;
    const kind = configKind(file.path);
    if (!kind) continue;
    out.push(...exposuresOf(file, kind));
  }
  return out;
}

function exposuresOf(file: SourceFile, kind: ConfigKind): BundlerExposure[] {
  const scan: FileScan = { file, kind, bindings: new Map(), roots: [], plugins: [], out: [] };
  const listeners: Record<string, Visitor> = {
    VariableDeclarator: (n) => bind(scan, n as TSESTree.VariableDeclarator),
    FunctionDeclaration: (n) => {
      const f = n as TSESTree.FunctionDeclaration;
      if (f.id && !scan.bindings.has(f.id.name)) scan.bindings.set(f.id.name, { fn: f });
    },
    ExportDefaultDeclaration: (n) => scan.roots.push((n as TSESTree.ExportDefaultDeclaration).declaration),
    AssignmentExpression: (n) => {
      const a = n as TSESTree.AssignmentExpression;
      const target = memberPath(a.left);
      if (target === 'module.exports' || target === 'exports.default') scan.roots.push(a.right);
    },
    NewExpression: (n) => collectPlugin(scan, n as TSESTree.NewExpression),
    CallExpression: (n) => collectPlugin(scan, n as TSESTree.CallExpression),
  };
  traverse(file.ast!, mergeListeners([listeners]));

  const seen = new Set<AstNode>();
  for (const root of scan.roots) {
    for (const config of configObjects(scan, root, seen, 0)) readConfigObject(scan, config);
  }
  for (const plugin of scan.plugins) readPlugin(scan, plugin);
  return scan.out;
}

function bind(scan: FileScan, v: TSESTree.VariableDeclarator): void {
  if (v.id.type === 'Identifier') {
    if (v.init && !scan.bindings.has(v.id.name)) scan.bindings.set(v.id.name, { init: v.init });
    return;
  }
  // `const { STRIPE_SECRET_KEY } = process.env` / `= loadEnv(mode, cwd, '')`
  if (v.id.type === 'ObjectPattern' && v.init && envObjectOf(scan, v.init, 0)) {
    for (const p of v.id.properties) {
      if (p.type !== 'Property') continue;
      const name = propertyName(p);
      const target = p.value.type === 'AssignmentPattern' ? p.value.left : p.value;
      if (name && target.type === 'Identifier' && !scan.bindings.has(target.name)) scan.bindings.set(target.name, { envName: name });
    }
  }
}

function collectPlugin(scan: FileScan, node: TSESTree.NewExpression | TSESTree.CallExpression): void {
  const callee = calleePath(node);
  if (!callee) return;
  const last = callee.slice(callee.lastIndexOf('.') + 1);
  if (last === 'DefinePlugin' || last === 'EnvironmentPlugin') scan.plugins.push(node);
}

function unwrap(node: AstNode | null | undefined): AstNode | undefined {
  let cur = node ?? undefined;
  while (cur && (cur.type === 'TSAsExpression' || cur.type === 'TSNonNullExpression' || cur.type === 'TSSatisfiesExpression' || cur.type === 'TSTypeAssertion' || cur.type === 'AwaitExpression')) {
    cur = cur.type === 'AwaitExpression' ? cur.argument : cur.expression;
  }
  return cur;
}

/** The config objects an exported expression evaluates to, as far as can be seen without running it. */
function configObjects(scan: FileScan, node: AstNode | null | undefined, seen: Set<AstNode>, depth: number): TSESTree.ObjectExpression[] {
  const n = unwrap(node);
  if (!n || depth > 8 || seen.has(n)) return [];
  seen.add(n);
  switch (n.type) {
    case 'ObjectExpression': {
      const spreads = n.properties.filter((p): p is TSESTree.SpreadElement => p.type === 'SpreadElement');
      return [n, ...spreads.flatMap((s) => configObjects(scan, s.argument, seen, depth + 1))];
    }
    case 'Identifier': {
      const b = scan.bindings.get(n.name);
      if (!b || 'envName' in b) return [];
      return configObjects(scan, 'init' in b ? b.init : b.fn, seen, depth + 1);
    }
    case 'CallExpression':
      // defineConfig(x), withPWA(x), withSentryConfig(x, opts), mergeConfig(base, x), withPlugins([...])(x)
      return [...n.arguments, ...(n.callee.type === 'CallExpression' ? [n.callee] : [])].flatMap((a) => configObjects(scan, a as AstNode, seen, depth + 1));
    case 'ArrowFunctionExpression':
    case 'FunctionExpression':
    case 'FunctionDeclaration':
      if (n.body.type !== 'BlockStatement') return configObjects(scan, n.body, seen, depth + 1);
      return returnedExpressions(n.body).flatMap((r) => configObjects(scan, r, seen, depth + 1));
    case 'ConditionalExpression':
      return [...configObjects(scan, n.consequent, seen, depth + 1), ...configObjects(scan, n.alternate, seen, depth + 1)];
    case 'LogicalExpression':
      return [...configObjects(scan, n.left, seen, depth + 1), ...configObjects(scan, n.right, seen, depth + 1)];
    default:
      return [];
  }
}

/** Arguments of the `return` statements of a function body, not those of nested functions. */
function returnedExpressions(body: TSESTree.BlockStatement): AstNode[] {
  const out: AstNode[] = [];
  const stack: AstNode[] = [...body.body];
  while (stack.length) {
    const s = stack.pop()!;
    if (s.type === 'ReturnStatement') {
      if (s.argument) out.push(s.argument);
    } else if (s.type === 'BlockStatement') stack.push(...s.body);
    else if (s.type === 'IfStatement') stack.push(s.consequent, ...(s.alternate ? [s.alternate] : []));
    else if (s.type === 'TryStatement') stack.push(s.block, ...(s.handler ? [s.handler.body] : []), ...(s.finalizer ? [s.finalizer] : []));
    else if (s.type === 'SwitchStatement') for (const c of s.cases) stack.push(...c.consequent);
  }
  return out;
}

function objectOf(scan: FileScan, node: AstNode | null | undefined, depth = 0): TSESTree.ObjectExpression | undefined {
  const n = unwrap(node);
  if (!n || depth > 4) return undefined;
  if (n.type === 'ObjectExpression') return n;
  if (n.type === 'Identifier') {
    const b = scan.bindings.get(n.name);
    return b && 'init' in b ? objectOf(scan, b.init, depth + 1) : undefined;
  }
  return undefined;
}

function readConfigObject(scan: FileScan, config: TSESTree.ObjectExpression): void {
  const { kind } = scan;
  for (const p of config.properties) {
    if (p.type !== 'Property') continue;
    const name = propertyName(p);
    if (name === 'define' && (kind === 'vite' || kind === 'framework' || kind === 'app')) readDefine(scan, p.value as AstNode, 'vite-define', p);
    else if (name === 'envPrefix' && (kind === 'vite' || kind === 'framework' || kind === 'app')) readEnvPrefix(scan, p.value as AstNode);
    else if (name === 'vite' && kind !== 'vite') {
      const inner = objectOf(scan, p.value as AstNode);
      if (inner) readConfigObject({ ...scan, kind: 'vite' }, inner);
    } else if (name === 'env' && kind === 'next') readEnvBlock(scan, p, 'next-config-env', 'process.env');
    else if (name === 'publicRuntimeConfig' && kind === 'next') readEnvBlock(scan, p, 'next-public-runtime-config', 'publicRuntimeConfig');
    else if (name === 'extra' && kind === 'app') readEnvBlock(scan, p, 'expo-config-extra', 'extra');
    // Nuxt: `runtimeConfig: { apiSecret: '', public: { apiBase: '' } }`: only what is under `public` reaches the browser.
    else if (name === 'runtimeConfig' && kind === 'framework' && /(?:^|\/)nuxt\.config\.[cm]?[jt]s$/.test(scan.file.path)) {
      const publicConfig = objectOf(scan, p.value as AstNode)?.properties.find((q): q is TSESTree.Property => q.type === 'Property' && propertyName(q) === 'public');
      if (publicConfig) readEnvBlock(scan, publicConfig, 'nuxt-runtime-config-public', 'runtimeConfig.public');
    }
    else if (name === 'expo' && kind === 'app') {
      const inner = objectOf(scan, p.value as AstNode);
      if (inner) readConfigObject(scan, inner);
    }
  }
}

/** Vite `define` / webpack `DefinePlugin`: keys are replaced in client code by the given expressions. */
function readDefine(scan: FileScan, value: AstNode, via: BundlerExposure['via'], at: AstNode): void {
  const object = objectOf(scan, value);
  if (!object) {
    for (const s of valueSources(scan, value)) push(scan, via, 'process.env', s, at);
    return;
  }
  readDefineEntries(scan, object, '', via);
}

function readDefineEntries(scan: FileScan, object: TSESTree.ObjectExpression, keyPrefix: string, via: BundlerExposure['via']): void {
  for (const p of object.properties) {
    if (p.type === 'SpreadElement') {
      for (const s of valueSources(scan, p.argument)) push(scan, via, keyPrefix || 'process.env', s, p);
      continue;
    }
    const name = propertyName(p);
    if (name === undefined) continue;
    const key = keyPrefix ? `${keyPrefix}.${name}` : name;
    // `'process.env': { STRIPE_KEY: JSON.stringify(process.env.STRIPE_KEY) }` nests keys.
    const nested = objectOf(scan, p.value as AstNode);
    if (nested) {
      readDefineEntries(scan, nested, key, via);
      continue;
    }
    for (const s of valueSources(scan, p.value as AstNode)) push(scan, via, key, s, p);
  }
}

/** next.config `env` / `publicRuntimeConfig`, Expo `extra`: every entry ends up readable in the client. */
function readEnvBlock(scan: FileScan, prop: TSESTree.Property, via: BundlerExposure['via'], keyPrefix: string): void {
  const object = objectOf(scan, prop.value as AstNode);
  if (!object) {
    for (const s of valueSources(scan, prop.value as AstNode)) push(scan, via, keyPrefix, s, prop);
    return;
  }
  readDefineEntries(scan, object, keyPrefix, via);
}

function readEnvPrefix(scan: FileScan, value: AstNode): void {
  const n = unwrap(value);
  const items = n?.type === 'ArrayExpression' ? n.elements : [n];
  for (const item of items) {
    const prefix = staticString(item as AstNode);
    if (prefix === undefined || !item) continue;
    scan.out.push({ ...loc(scan.file, item as AstNode), via: 'vite-envPrefix', key: prefix, prefix });
  }
}

function readPlugin(scan: FileScan, node: TSESTree.NewExpression | TSESTree.CallExpression): void {
  const callee = calleePath(node)!;
  const via: BundlerExposure['via'] = scan.kind === 'vite' || scan.kind === 'framework' ? 'vite-define' : 'webpack-define';
  const [first] = node.arguments as AstNode[];
  if (!first) return;
  if (callee.endsWith('DefinePlugin')) {
    readDefine(scan, first, 'webpack-define', node);
    return;
  }
  // EnvironmentPlugin(['A', 'B']) / ({ A: 'default' }) / ('all') (vite-plugin-environment)
  const arg = unwrap(first);
  if (!arg) return;
  const all = staticString(arg);
  if (all === 'all') {
    scan.out.push({ ...loc(scan.file, node), via, key: 'process.env', allEnv: true, envSource: `${callee}('all')` });
    return;
  }
  const names: [string, AstNode][] = [];
  if (all !== undefined) names.push([all, arg]);
  if (arg.type === 'ArrayExpression') {
    for (const e of arg.elements) {
      const s = staticString(e as AstNode);
      if (s !== undefined && e) names.push([s, e as AstNode]);
    }
  } else if (arg.type === 'ObjectExpression') {
    for (const p of arg.properties) {
      const s = p.type === 'Property' ? propertyName(p) : undefined;
      if (s !== undefined) names.push([s, p]);
    }
  }
  for (const [name, at] of names) scan.out.push({ ...loc(scan.file, at), via, key: `process.env.${name}`, envName: name });
}

/** A whole-environment object: `process.env`, `loadEnv(mode, cwd, '')`, `dotenv.config().parsed`, `{ ...process.env }`. */
interface EnvObject {
  /** undefined: every variable; otherwise only those starting with one of these. */
  prefixes?: string[];
  source: string;
}

function envObjectOf(scan: FileScan, node: AstNode | null | undefined, depth: number): EnvObject | undefined {
  const n = unwrap(node);
  if (!n || depth > 4) return undefined;
  const path = memberPath(n);
  if (path === 'process.env' || path === 'Bun.env') return { source: path };
  if (n.type === 'Identifier') {
    const b = scan.bindings.get(n.name);
    return b && 'init' in b ? envObjectOf(scan, b.init, depth + 1) : undefined;
  }
  if (n.type === 'CallExpression') {
    const callee = calleePath(n) ?? '';
    if (callee === 'loadEnv' || callee.endsWith('.loadEnv')) return loadEnvObject(n);
    if (/(^|\.)parse$/.test(callee) && /dotenv/i.test(callee)) return { source: 'dotenv' };
    if (callee === 'Object.assign') {
      for (const a of n.arguments) {
        const inner = envObjectOf(scan, a as AstNode, depth + 1);
        if (inner) return inner;
      }
    }
    return undefined;
  }
  if (n.type === 'MemberExpression' && propertyName(n) === 'parsed' && n.object.type === 'CallExpression') {
    // dotenv.config().parsed, require('dotenv').config().parsed, expand(config()).parsed
    const callee = calleePath(n.object) ?? (n.object.callee.type === 'MemberExpression' ? propertyName(n.object.callee) : undefined) ?? '';
    if (/(^|\.)(config|expand|configDotenv)$/.test(callee)) return { source: 'dotenv' };
  }
  if (n.type === 'ObjectExpression' && n.properties.length > 0 && n.properties.some((p) => p.type === 'SpreadElement')) {
    for (const p of n.properties) {
      if (p.type === 'SpreadElement') {
        const inner = envObjectOf(scan, p.argument, depth + 1);
        if (inner) return inner;
      }
    }
  }
  return undefined;
}

/** `loadEnv(mode, dir, prefixes)`: the third argument decides which variables it returns (default `VITE_`). */
function loadEnvObject(call: TSESTree.CallExpression): EnvObject | undefined {
  const arg = unwrap(call.arguments[2] as AstNode | undefined);
  if (!arg) return { prefixes: ['VITE_'], source: 'loadEnv(…)' };
  const list = arg.type === 'ArrayExpression' ? arg.elements.map((e) => staticString(e as AstNode)) : [staticString(arg)];
  if (list.some((p) => p === undefined)) return undefined;
  const prefixes = list as string[];
  const source = `loadEnv(…, ${prefixes.map((p) => `'${p}'`).join(', ')})`;
  return prefixes.includes('') ? { source } : { prefixes, source };
}

interface Source {
  envName?: string;
  literal?: string;
  allEnv?: EnvObject;
  node: AstNode;
}

/** What ends up in the bundle for a value expression: env variables, literals, or a whole environment. */
function valueSources(scan: FileScan, node: AstNode | null | undefined, depth = 0): Source[] {
  const n = unwrap(node);
  if (!n || depth > 5) return [];
  if (n.type === 'CallExpression' && ['JSON.stringify', 'String'].includes(calleePath(n) ?? '') && n.arguments[0]) {
    return valueSources(scan, n.arguments[0] as AstNode, depth + 1);
  }
  const literal = staticString(n);
  if (literal !== undefined) return [{ literal: /^(["'])(.*)\1$/s.exec(literal)?.[2] ?? literal, node: n }];
  const envObject = envObjectOf(scan, n, 0);
  if (envObject) return [{ allEnv: envObject, node: n }];
  if (n.type === 'Identifier') {
    const b = scan.bindings.get(n.name);
    if (!b) return [];
    if ('envName' in b) return [{ envName: b.envName, node: n }];
    return 'init' in b ? valueSources(scan, b.init, depth + 1).map((s) => ({ ...s, node: n })) : [];
  }
  const read = envMemberRead(scan, n);
  if (read) return read.name ? [{ envName: read.name, node: n }] : [{ allEnv: read.object, node: n }];
  // Anything else (objects, templates, conditionals, `Object.keys(env).reduce(…)`): what it is built from.
  return sourcesInside(scan, n);
}

/** `process.env.X`, `env.X` (env from loadEnv/dotenv), `env[key]`: the variable, or the whole object when computed. */
function envMemberRead(scan: FileScan, n: AstNode): { name?: string; object: EnvObject } | undefined {
  if (n.type !== 'MemberExpression') return undefined;
  const object = envObjectOf(scan, n.object, 0);
  if (!object) return undefined;
  const name = propertyName(n);
  if (name === undefined) return { object };
  // A variable the env object does not hold (loadEnv's default prefix) is undefined in the bundle.
  if (object.prefixes && !object.prefixes.some((p) => name.startsWith(p))) return { object: { ...object, prefixes: [] } };
  return { name, object };
}

function sourcesInside(scan: FileScan, root: AstNode): Source[] {
  const out: Source[] = [];
  let filteredToPublic = false;
  const stack: AstNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    const s = staticString(n);
    if (s !== undefined) {
      // Literals deep inside an expression are names and options, not values placed in the bundle.
      if (ALL_PUBLIC_ENV_PREFIXES.some((p) => s === p || s.startsWith(p))) filteredToPublic = true;
      continue;
    }
    const read = envMemberRead(scan, n);
    if (read) {
      out.push(read.name ? { envName: read.name, node: n } : { allEnv: read.object, node: n });
      continue;
    }
    const envObject = envObjectOf(scan, n, 0);
    if (envObject) {
      out.push({ allEnv: envObject, node: n });
      continue;
    }
    if (n.type === 'Identifier') {
      const b = scan.bindings.get(n.name);
      if (b && 'envName' in b) out.push({ envName: b.envName, node: n });
      continue;
    }
    for (const child of childNodes(n)) stack.push(child);
  }
  // `Object.entries(env).filter(([k]) => k.startsWith('VITE_'))` only passes public variables on.
  return filteredToPublic ? out.filter((s) => !s.allEnv) : out;
}

function childNodes(n: AstNode): AstNode[] {
  const out: AstNode[] = [];
  for (const [key, value] of Object.entries(n)) {
    if (key === 'parent' || key === 'loc' || key === 'range') continue;
    if (Array.isArray(value)) {
      for (const v of value) if (v && typeof v === 'object' && typeof (v as { type?: unknown }).type === 'string') out.push(v as AstNode);
    } else if (value && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string') out.push(value as AstNode);
  }
  return out;
}

function push(scan: FileScan, via: BundlerExposure['via'], key: string, s: Source, at: AstNode): void {
  const where = loc(scan.file, s.envName || s.allEnv ? s.node : at);
  const add = (e: BundlerExposure) => {
    const same = scan.out.some((o) => o.via === e.via && o.key === e.key && o.envName === e.envName && o.literal === e.literal && o.allEnv === e.allEnv && o.prefix === e.prefix);
    if (!same) scan.out.push(e);
  };
  if (s.envName) add({ ...where, via, key, envName: s.envName });
  else if (s.literal !== undefined) add({ ...loc(scan.file, at), via, key, literal: s.literal });
  else if (s.allEnv) {
    const prefixes = s.allEnv.prefixes;
    if (!prefixes) add({ ...where, via, key, allEnv: true, envSource: s.allEnv.source });
    else {
      for (const prefix of prefixes) {
        if (!ALL_PUBLIC_ENV_PREFIXES.includes(prefix)) add({ ...where, via, key, allEnv: true, prefix, envSource: s.allEnv.source });
      }
    }
  }
}

function loc(file: SourceFile, node: AstNode): Pick<BundlerExposure, 'file' | 'line' | 'column' | 'endLine' | 'endColumn'> {
  return {
    file: file.path,
    line: node.loc.start.line,
    column: node.loc.start.column + 1,
    endLine: node.loc.end.line,
    endColumn: node.loc.end.column + 1,
  };
}
