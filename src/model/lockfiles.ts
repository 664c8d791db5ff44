import { isMap, isScalar, parseAllDocuments, type Document, type Node as YamlNode, type YAMLMap } from 'yaml';
import { yamlBeyond } from '../parse/data-nesting.js';
import { parseJson } from '../parse/structured.js';
import type { LockedPackage, LockfileInfo, SourceFile } from './types.js';

export type LockfileKind = LockfileInfo['kind'];

const LOCKFILE_KINDS: Record<string, LockfileKind> = {
  'package-lock.json': 'npm',
  'npm-shrinkwrap.json': 'npm',
  'yarn.lock': 'yarn',
  'pnpm-lock.yaml': 'pnpm',
  'bun.lock': 'bun',
  'bun.lockb': 'bun',
};

/** The kind of lockfile a path names, or undefined when it is not one. */
export function lockfileKind(path: string): LockfileKind | undefined {
  return LOCKFILE_KINDS[path.slice(path.lastIndexOf('/') + 1)];
}

/** Lockfiles of the project, read from their parsed forms (npm: `file.json`, pnpm: `file.yaml`) or text. */
export function readLockfiles(files: readonly SourceFile[]): LockfileInfo[] {
  const out: LockfileInfo[] = [];
  for (const file of files) {
    const kind = lockfileKind(file.path);
    if (!kind || file.buildOutput) continue;
    const dir = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/')) : '';
    const info: LockfileInfo = { path: file.path, kind, dir, readable: false, names: new Set(), packages: new Map() };
    try {
      if (kind === 'npm') readNpm(file, info);
      else if (kind === 'yarn') readYarn(file.text, info);
      else if (kind === 'pnpm') readPnpm(file, info);
      else if (!file.path.endsWith('.lockb')) readBun(file.text, info);
    } catch {
      // A lockfile of an unexpected shape counts as present but unreadable; the rules then only check presence.
      Object.assign(info, { readable: false, importers: undefined, importerRanges: undefined, requests: undefined });
    }
    out.push(info);
  }
  return out;
}

/** Import folder of a lockfile-relative path, relative to the scan root ('' for the root). */
export function joinDir(base: string, rel: string): string {
  const parts = base ? base.split('/') : [];
  for (const seg of rel.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

/** `name@range` → [name, range]; scoped names keep their `@`. */
export function splitDescriptor(descriptor: string): [string, string] {
  const at = descriptor.indexOf('@', 1);
  return at === -1 ? [descriptor, ''] : [descriptor.slice(0, at), descriptor.slice(at + 1)];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const DEP_KINDS = ['dependencies', 'devDependencies', 'optionalDependencies'] as const;

function addPackage(info: LockfileInfo, installName: string, pkg: LockedPackage): void {
  info.names.add(installName);
  const list = info.packages.get(installName);
  if (list) list.push(pkg);
  else info.packages.set(installName, [pkg]);
}

function setImporter(info: LockfileInfo, dir: string, ranges: Map<string, string>): void {
  info.importerRanges ??= new Map();
  info.importers ??= new Map();
  const prev = info.importerRanges.get(dir);
  const merged = prev ? new Map([...prev, ...ranges]) : ranges;
  info.importerRanges.set(dir, merged);
  info.importers.set(dir, new Set(merged.keys()));
}

/** Direct dependency ranges of a manifest-like object (`{ dependencies, devDependencies, optionalDependencies }`). */
function manifestRanges(entry: Json): Map<string, string> {
  const ranges = new Map<string, string>();
  for (const kind of DEP_KINDS) {
    const deps = entry[kind];
    if (!isObject(deps)) continue;
    for (const [name, range] of Object.entries(deps)) ranges.set(name, typeof range === 'string' ? range : '');
  }
  return ranges;
}

// ---- npm: package-lock.json / npm-shrinkwrap.json ----

function readNpm(file: SourceFile, info: LockfileInfo): void {
  const json = file.json;
  if (!isObject(json) || file.parseError) return;
  info.readable = true;
  info.version = String(json.lockfileVersion ?? 1);
  if (isObject(json.packages)) {
    // v2/v3: `""` and workspace folders are importers holding their manifest's ranges; the rest are installs.
    for (const [key, entry] of Object.entries(json.packages)) {
      if (!isObject(entry)) continue;
      const nm = key.lastIndexOf('node_modules/');
      if (nm === -1) {
        setImporter(info, joinDir(info.dir, key), manifestRanges(entry));
        continue;
      }
      const installName = key.slice(nm + 'node_modules/'.length);
      if (entry.link === true) {
        info.names.add(installName);
        continue;
      }
      addPackage(info, installName, {
        name: str(entry.name) ?? installName,
        version: str(entry.version),
        resolved: str(entry.resolved),
        integrity: str(entry.integrity),
      });
    }
    return;
  }
  // v1: a tree of `dependencies`; direct dependencies are always at its top level, but ranges are not kept.
  const walk = (deps: unknown) => {
    if (!isObject(deps)) return;
    for (const [installName, entry] of Object.entries(deps)) {
      if (!isObject(entry)) continue;
      let name = installName;
      let version = str(entry.version);
      let resolved = str(entry.resolved);
      if (version?.startsWith('npm:')) [name, version] = splitDescriptor(version.slice(4));
      else if (version && /^[a-z+]+:/i.test(version)) {
        resolved ??= version;
        version = undefined;
      }
      addPackage(info, installName, { name, version, resolved, integrity: str(entry.integrity) });
      walk(entry.dependencies);
    }
  };
  walk(json.dependencies);
}

// ---- yarn.lock: classic (v1) and berry (v2+, `__metadata`) share a line shape ----

function unquote(s: string): string {
  const t = s.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
}

/** Berry writes registry ranges as `npm:^1.2.3`; package.json has `^1.2.3`. */
export function stripNpmProtocol(range: string): string {
  if (!range.startsWith('npm:')) return range;
  const inner = range.slice(4);
  // `npm:name@range` is an alias and stays as written; `npm:^1.2.3` is a plain range.
  return /^(@[^/@]+\/)?[a-z0-9][^@/]*@/i.test(inner) ? range : inner;
}

/** A berry workspace dependency as package.json wrote it: `npm:` dropped, built-in patches unwrapped. */
function berryRange(range: string): string {
  const patch = /^patch:(.+?)(#|$)/.exec(range);
  if (patch) {
    let inner = patch[1];
    try {
      inner = decodeURIComponent(inner);
    } catch {
      /* keep as written */
    }
    return stripNpmProtocol(splitDescriptor(inner)[1]);
  }
  return stripNpmProtocol(range);
}

function readYarn(text: string, info: LockfileInfo): void {
  const berry = /^__metadata:/m.test(text);
  info.readable = true;
  info.requests = new Map();
  let berryVersion: string | undefined;
  let entry: { descriptors: [string, string][]; fields: Map<string, string>; workspace: boolean; deps?: Map<string, string>; section?: string } | undefined;
  let inMetadata = false;

  const finish = () => {
    if (!entry) return;
    const { descriptors, fields, deps } = entry;
    entry = undefined;
    const workspace = descriptors.find(([, range]) => range.startsWith('workspace:'));
    if (workspace) {
      // Berry's workspace entries list the manifest's dependencies and devDependencies with their ranges.
      if (berry) setImporter(info, joinDir(info.dir, workspace[1].slice('workspace:'.length)), deps ?? new Map());
      return;
    }
    const [firstName, firstRange] = descriptors[0];
    // An alias (`foo@npm:bar@^1`) installs `bar` under the name `foo`.
    let name = firstRange.startsWith('npm:') && firstRange.includes('@', 5) ? splitDescriptor(firstRange.slice(4))[0] : firstName;
    let resolved = fields.get('resolved');
    const resolution = fields.get('resolution');
    if (resolution) {
      const [resName, resRange] = splitDescriptor(resolution);
      name = resName;
      if (!resRange.startsWith('npm:')) resolved ??= resRange;
    }
    const installNames = new Set(descriptors.map(([n]) => n));
    for (const installName of installNames) {
      addPackage(info, installName, { name, version: fields.get('version'), resolved, integrity: fields.get('integrity') ?? fields.get('checksum') });
    }
  };

  for (const rawLine of text.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line === '' || line.startsWith('#')) continue;
    if (!line.startsWith(' ')) {
      finish();
      inMetadata = line.startsWith('__metadata:');
      if (inMetadata || !line.endsWith(':')) continue;
      const descriptors = line
        .slice(0, -1)
        .replace(/"/g, '')
        .split(/,\s*/)
        .filter(Boolean)
        .map((d): [string, string] => {
          const [name, range] = splitDescriptor(d);
          return [name, berry ? stripNpmProtocol(range) : range];
        });
      if (descriptors.length === 0) continue;
      for (const [name, range] of descriptors) {
        const set = info.requests.get(name);
        if (set) set.add(range);
        else info.requests.set(name, new Set([range]));
      }
      entry = { descriptors, fields: new Map(), workspace: berry && descriptors.some(([, r]) => r.startsWith('workspace:')) };
      continue;
    }
    const indent = line.length - line.trimStart().length;
    const body = line.trim();
    if (inMetadata) {
      const m = /^version:\s*(\S.*)$/.exec(body);
      if (m && indent === 2) berryVersion = unquote(m[1]);
      continue;
    }
    if (!entry) continue;
    if (indent === 2) {
      entry.section = undefined;
      if (body.endsWith(':')) {
        entry.section = unquote(body.slice(0, -1));
        if (entry.section === 'dependencies' && entry.workspace) entry.deps ??= new Map();
        continue;
      }
      const m = /^("[^"]+"|[^\s:"]+):?\s+(\S.*)$/.exec(body);
      if (m) entry.fields.set(unquote(m[1]), unquote(m[2]));
    } else if (indent === 4 && entry.section === 'dependencies' && entry.deps) {
      const m = /^("[^"]+"|[^\s"]+?):?\s+(\S.*)$/.exec(body);
      if (m) entry.deps.set(unquote(m[1]), berryRange(unquote(m[2])));
    }
  }
  finish();
  info.version = berry ? berryVersion : '1';
}

// ---- pnpm-lock.yaml: v5 (`/name/1.0.0`), v6 (`/name@1.0.0`), v9 (`name@1.0.0`, always `importers`) ----

function mapGet(map: YAMLMap | undefined, key: string): unknown {
  if (!map) return undefined;
  for (const pair of map.items) {
    const k = isScalar(pair.key) ? pair.key.value : pair.key;
    if (String(k) === key) return pair.value;
  }
  return undefined;
}

function readPnpm(file: SourceFile, info: LockfileInfo): void {
  const rootOf = (d: Document | undefined) => (d && isMap(d.contents) ? d.contents : undefined);
  const hasLockData = (m: YAMLMap | undefined) => !!m && mapGet(m, 'lockfileVersion') !== undefined;
  let doc: Document | undefined = file.yaml;
  if (file.parseError || !hasLockData(rootOf(doc))) {
    // pnpm 10 may write an environment lockfile and the project lockfile as two YAML documents: take the last.
    if (!/^---/m.test(file.text) || yamlBeyond(file.text)) return;
    const docs = ([...parseAllDocuments(file.text)] as Document[]).filter((d) => d.errors.length === 0 && hasLockData(rootOf(d)));
    doc = docs[docs.length - 1];
  }
  const root = rootOf(doc);
  if (!doc || !root) return;
  info.readable = true;
  const plain = (node: unknown): unknown => (node && typeof node === 'object' && 'toJS' in node ? (node as YamlNode).toJS(doc!) : isScalar(node) ? node.value : node);
  const versionNode = mapGet(root, 'lockfileVersion');
  info.version = versionNode === undefined ? undefined : String(plain(versionNode));
  const v5 = info.version !== undefined && Number.parseFloat(info.version) < 6;

  const readImporter = (rel: string, importer: Json) => {
    const specifiers = isObject(importer.specifiers) ? importer.specifiers : {};
    const ranges = new Map<string, string>();
    for (const kind of DEP_KINDS) {
      const deps = importer[kind];
      if (!isObject(deps)) continue;
      for (const [name, value] of Object.entries(deps)) {
        // v6+: `{ specifier, version }`; v5: the version, with ranges in `specifiers`.
        const range = isObject(value) ? value.specifier : specifiers[name];
        ranges.set(name, typeof range === 'string' ? range : String(range ?? ''));
      }
    }
    setImporter(info, joinDir(info.dir, rel), ranges);
  };
  const importers = mapGet(root, 'importers');
  if (isMap(importers)) {
    for (const pair of importers.items) {
      const value = plain(pair.value);
      if (isObject(value)) readImporter(String(plain(pair.key)), value);
    }
  } else {
    const top: Json = {};
    for (const key of ['specifiers', ...DEP_KINDS]) top[key] = plain(mapGet(root, key));
    readImporter('.', top);
  }

  const packages = mapGet(root, 'packages');
  if (!isMap(packages)) return;
  for (const pair of packages.items) {
    const key = String(plain(pair.key));
    const value = plain(pair.value);
    const entry = isObject(value) ? value : {};
    const parsed = pnpmPackageKey(key, v5);
    const name = str(entry.name) ?? parsed?.name;
    if (!name) continue;
    const resolution = isObject(entry.resolution) ? entry.resolution : {};
    const tarball = str(resolution.tarball);
    const gitRepo = str(resolution.repo);
    const resolved = tarball ?? (gitRepo ? `${gitRepo}#${str(resolution.commit) ?? ''}` : parsed?.remote);
    addPackage(info, name, { name, version: str(entry.version) ?? parsed?.version, resolved, integrity: str(resolution.integrity) });
  }
}

/** Name and version from a pnpm `packages` key; `remote` when the "version" is a URL (tarball or git). */
export function pnpmPackageKey(key: string, v5: boolean): { name: string; version?: string; remote?: string } | undefined {
  if (v5) {
    if (!key.startsWith('/')) return undefined;
    const parts = key.slice(1).split('/');
    const scoped = parts[0].startsWith('@');
    const name = scoped ? `${parts[0]}/${parts[1]}` : parts[0];
    const version = (scoped ? parts[2] : parts[1])?.split('_')[0];
    return name ? { name, version } : undefined;
  }
  const k = key.startsWith('/') ? key.slice(1) : key;
  const [name, rest] = splitDescriptor(k);
  if (!name || !rest) return undefined;
  // Keys of non-registry packages before v9 are host paths (`github.com/user/repo/sha`); they carry `name`.
  if (!key.startsWith('/') && /^[^@/.]+\.[^@/]+\//.test(k)) return undefined;
  const version = rest.replace(/\(.*$/, '');
  return /^[a-z+]+:/i.test(version) ? { name, remote: version } : { name, version };
}

// ---- bun.lock: JSONC with trailing commas ----

function installNameOfPath(path: string): string {
  const segs = path.split('/');
  const last = segs[segs.length - 1];
  const before = segs[segs.length - 2];
  return before?.startsWith('@') ? `${before}/${last}` : last;
}

function readBun(text: string, info: LockfileInfo): void {
  const { value } = parseJson(text);
  if (!isObject(value)) return;
  info.readable = true;
  info.version = value.lockfileVersion === undefined ? undefined : String(value.lockfileVersion);
  if (isObject(value.workspaces)) {
    for (const [rel, ws] of Object.entries(value.workspaces)) if (isObject(ws)) setImporter(info, joinDir(info.dir, rel), manifestRanges(ws));
  }
  if (!isObject(value.packages)) return;
  for (const [key, entry] of Object.entries(value.packages)) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string') continue;
    const installName = installNameOfPath(key);
    const [name, spec] = splitDescriptor(entry[0]);
    if (spec.startsWith('workspace:') || spec.startsWith('link:') || spec.startsWith('file:')) {
      info.names.add(installName);
      continue;
    }
    // npm packages: [ident, registry or '', info, integrity]; git and tarball ones: [ident, info, hash?].
    const registryForm = typeof entry[1] === 'string';
    const last = registryForm ? entry[3] : entry[2];
    const integrity = typeof last === 'string' && /^sha\d+-/.test(last) ? last : undefined;
    const remote = /^[a-z+]+:/i.test(spec) && !spec.startsWith('npm:');
    addPackage(info, installName, {
      name,
      version: remote ? undefined : spec.replace(/^npm:/, ''),
      resolved: remote ? spec : registryForm ? str(entry[1]) : undefined,
      integrity,
    });
  }
}
