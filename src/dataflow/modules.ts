import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineProjectFact } from '../model/facts.js';
import type { ProjectModel, SourceFile } from '../model/types.js';
import type { AstNode } from '../parse/types.js';
import { staticString } from '../engine/ast-utils.js';
import { nodeMemo } from '../parse/node-memo.js';

/** What a local name stands for: a module (`*`), its default export, or one named export. */
export interface ImportBinding {
  source: string;
  imported: string;
}

const importsOf = nodeMemo<TSESTree.Program, ReadonlyMap<string, ImportBinding>>('imports');

/**
 * Top-level imports and requires of a file, by local name: read once per file and shared by the route inventory,
 * the data-flow pass and every rule that asks.
 */
export function collectImports(ast: TSESTree.Program): ReadonlyMap<string, ImportBinding> {
  return importsOf.get(ast) ?? importsOf.set(ast, readImports(ast));
}

/** The module specifiers a file imports or requires at top level, each once. */
export function importSpecifiers(ast: TSESTree.Program): string[] {
  return [...new Set([...collectImports(ast).values()].map((b) => b.source))];
}

function readImports(ast: TSESTree.Program): Map<string, ImportBinding> {
  const out = new Map<string, ImportBinding>();
  for (const stmt of ast.body) {
    if (stmt.type === 'ImportDeclaration') {
      const source = String(stmt.source.value);
      for (const s of stmt.specifiers) {
        if (s.type === 'ImportNamespaceSpecifier') out.set(s.local.name, { source, imported: '*' });
        else if (s.type === 'ImportDefaultSpecifier') out.set(s.local.name, { source, imported: 'default' });
        else out.set(s.local.name, { source, imported: s.imported.type === 'Identifier' ? s.imported.name : String(s.imported.value) });
      }
      continue;
    }
    const decls = stmt.type === 'VariableDeclaration' ? stmt.declarations : [];
    for (const d of decls) {
      const req = requireOf(d.init);
      if (!req) continue;
      if (d.id.type === 'Identifier') out.set(d.id.name, { source: req.source, imported: req.member ?? '*' });
      else if (d.id.type === 'ObjectPattern' && !req.member) {
        for (const p of d.id.properties) {
          if (p.type !== 'Property' || p.value.type !== 'Identifier') continue;
          const key = p.key.type === 'Identifier' ? p.key.name : staticString(p.key as AstNode);
          if (key) out.set(p.value.name, { source: req.source, imported: key });
        }
      }
    }
  }
  return out;
}

/** `require('x')`, `require('x').y`, `await import('x')`. */
export function requireOf(node: TSESTree.Node | null | undefined): { source: string; member?: string } | undefined {
  if (!node) return undefined;
  if (node.type === 'AwaitExpression') return requireOf(node.argument);
  if (node.type === 'ImportExpression') {
    const source = staticString(node.source as AstNode);
    return source ? { source } : undefined;
  }
  if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require') {
    const source = staticString(node.arguments[0] as AstNode);
    return source ? { source } : undefined;
  }
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') {
    const inner = requireOf(node.object);
    if (inner && !inner.member) return { source: inner.source, member: node.property.name };
  }
  return undefined;
}

/** Node built-ins and well-known packages under one name: `node:fs/promises` → `fs.promises`. */
export function canonicalModule(source: string): string {
  let s = source.startsWith('node:') ? source.slice(5) : source;
  if (s === 'fs/promises') s = 'fs.promises';
  if (s === 'fs-extra' || s === 'graceful-fs') s = 'fs';
  if (s === 'child_process' || s === 'node:child_process') s = 'child_process';
  return s;
}

const EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];

const ALIAS_CONFIGS = ['tsconfig.json', 'jsconfig.json'];

/** A tsconfig/jsconfig file: its `paths` decide what imports name in its package. */
export function isAliasConfig(path: string): boolean {
  return ALIAS_CONFIGS.includes(path.slice(path.lastIndexOf('/') + 1));
}

/** Path aliases of a package, from tsconfig/jsconfig `paths` (the common `@/*` and `~/*` forms by default). */
interface AliasTable {
  /** `exact`: the specifier is the prefix itself (`#db`, `@models`), not a path under it. */
  entries: { prefix: string; targets: string[]; exact?: boolean }[];
  /** Resolutions made with this table in this scan, by importing folder and specifier. */
  resolved: Map<string, string | undefined>;
}

/** Alias tables of each scan's model, by package folder. */
const aliasTables = new WeakMap<ProjectModel, Map<string, AliasTable>>();

function aliasesFor(file: SourceFile, model: ProjectModel): AliasTable {
  const dir = file.package?.dir ?? '';
  let tables = aliasTables.get(model);
  if (!tables) aliasTables.set(model, (tables = new Map()));
  let table = tables.get(dir);
  if (table) return table;
  table = { entries: [], resolved: new Map() };
  for (const name of ALIAS_CONFIGS) {
    const config = model.fileByPath.get(join(dir, name))?.json as { compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> } } | undefined;
    const options = config?.compilerOptions;
    if (!options?.paths) continue;
    const base = join(dir, options.baseUrl ?? '.');
    for (const [pattern, targets] of Object.entries(options.paths)) {
      if (!Array.isArray(targets)) continue;
      const wildcard = pattern.endsWith('*');
      const resolved = targets.map((t) => {
        const target = join(base, String(t).replace(/\*$/, ''));
        return wildcard && target ? `${target}/` : target;
      });
      table.entries.push({ prefix: pattern.replace(/\*$/, ''), targets: resolved });
    }
  }
  // package.json: module-alias's `_moduleAliases` (`"@controllers": "server/controllers"`) and Node's subpath
  // `imports` (`"#lib/*": "./src/lib/*.js"`, a condition object's `node`/`default` target).
  const manifest = model.fileByPath.get(join(dir, 'package.json'))?.json as { _moduleAliases?: Record<string, unknown>; imports?: Record<string, unknown> } | undefined;
  for (const [alias, target] of Object.entries(manifest?._moduleAliases ?? {})) {
    if (typeof target !== 'string') continue;
    table.entries.push({ prefix: `${alias}/`, targets: [`${join(dir, target)}/`] }, { prefix: alias, targets: [join(dir, target)], exact: true });
  }
  for (const [pattern, value] of Object.entries(manifest?.imports ?? {})) {
    const target = subpathTarget(value);
    if (!pattern.startsWith('#') || !target) continue;
    const wildcard = pattern.endsWith('*');
    table.entries.push({ prefix: pattern.replace(/\*$/, ''), targets: [join(dir, target.replace(/\*.*$/, '')) + (wildcard ? '/' : '')], exact: !wildcard });
  }
  // Remix's templates point `~/*` at `app/`.
  for (const prefix of ['@/', '~/']) {
    if (!table.entries.some((e) => e.prefix === prefix)) table.entries.push({ prefix, targets: [join(dir, 'src') + '/', ...(prefix === '~/' ? [join(dir, 'app') + '/'] : []), dir ? `${dir}/` : ''] });
  }
  // SvelteKit's own alias (`import { db } from '$lib/server/db'`), defined in the config it generates, not in the repository.
  if (!table.entries.some((e) => e.prefix.startsWith('$lib'))) table.entries.push({ prefix: '$lib', targets: [join(dir, 'src/lib')] });
  tables.set(dir, table);
  return table;
}

/** The file a package.json `imports` entry points at: a path, or the `node` / `require` / `import` / `default` branch of a condition object. */
function subpathTarget(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (!value || typeof value !== 'object') return undefined;
  const branches = value as Record<string, unknown>;
  for (const key of ['node', 'require', 'import', 'default']) {
    const found = key in branches ? subpathTarget(branches[key]) : undefined;
    if (found) return found;
  }
  return undefined;
}

/**
 * The project file an import specifier names, from the file at path `from`; undefined for packages and unknown
 * paths. A project fact depended on by its answer: a file's kept results are redone when a file added or removed
 * changes what one of its imports names, and only then (the list of files is not part of what they are kept by).
 */
export function resolveImport(model: ProjectModel, from: string, spec: string): string | undefined {
  return importTarget(model, `${from}\0${spec}`);
}

const importTarget = defineProjectFact(
  'import target',
  (model, arg) => {
    const at = arg.indexOf('\0');
    const from = model.fileByPath.get(arg.slice(0, at));
    return from ? resolveSpecifier(from.path, arg.slice(at + 1), model, aliasesFor(from, model)) : undefined;
  },
  // Answered again from the file list in a few lookups: cheaper than keeping every import of the project.
  { digest: (target) => target ?? '', kept: false, fromPaths: true },
);

function resolveSpecifier(from: string, spec: string, model: ProjectModel, aliases: AliasTable): string | undefined {
  // The same few specifiers from the same folders, each a dozen path operations and lookups.
  const dir = from.slice(0, Math.max(0, from.lastIndexOf('/')));
  const key = `${dir}\0${spec}`;
  if (aliases.resolved.has(key)) return aliases.resolved.get(key);
  const hit = resolveUncached(dir, spec, model, aliases);
  aliases.resolved.set(key, hit);
  return hit;
}

function resolveUncached(dir: string, spec: string, model: ProjectModel, aliases: AliasTable): string | undefined {
  const bases: string[] = [];
  if (spec.startsWith('./') || spec.startsWith('../') || spec === '.' || spec === '..') {
    bases.push(join(dir, spec));
  } else {
    for (const { prefix, targets, exact } of aliases.entries) {
      if (exact ? spec === prefix : spec.startsWith(prefix)) for (const t of targets) bases.push(normalise(t + spec.slice(prefix.length)));
    }
  }
  for (const base of bases) {
    const hit = probe(base, model);
    if (hit) return hit;
  }
  return undefined;
}

function probe(base: string, model: ProjectModel): string | undefined {
  const has = (p: string) => model.fileByPath.has(p);
  if (EXTENSIONS.some((e) => base.endsWith(e)) && has(base)) return base;
  // ESM TypeScript imports name the emitted `.js` file.
  const stem = base.replace(/\.(m|c)?js$/, '');
  for (const ext of EXTENSIONS) if (has(stem + ext)) return stem + ext;
  for (const ext of EXTENSIONS) if (has(`${base}/index${ext}`)) return `${base}/index${ext}`;
  return undefined;
}

function join(a: string, b: string): string {
  return normalise(a ? `${a}/${b}` : b);
}

function normalise(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}
