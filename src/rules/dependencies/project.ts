import type { Range } from '../../engine/finding.js';
import type { DependencyKind, LockfileInfo, PackageInfo, ProjectModel, SourceFile } from '../../model/types.js';
import { splitDescriptor } from '../../model/lockfiles.js';
import { locateEntry } from './manifest-locator.js';

/** Dependency blocks that are installed; peerDependencies are the consumer's to choose and are left out. */
export const INSTALLED_KINDS = ['dependencies', 'optionalDependencies', 'devDependencies'] as const satisfies readonly DependencyKind[];
export type InstalledKind = (typeof INSTALLED_KINDS)[number];

export interface DependencyEntry {
  pkg: PackageInfo;
  manifest: SourceFile;
  kind: InstalledKind;
  name: string;
  spec: string;
  runtime: boolean;
}

/**
 * Folders whose package.json is not the product: tests, fixtures, examples and templates (scaffolding copied
 * into other projects). Their manifests are samples, not what gets deployed.
 */
const NOT_PRODUCT = /(^|\/)(__tests__|__mocks__|__fixtures__|fixtures?|test-fixtures|examples?|templates?|boilerplates?|samples?|starters?)(\/|$)/i;

export function isProductPackage(pkg: PackageInfo, model: ProjectModel): boolean {
  if (NOT_PRODUCT.test(pkg.dir)) return false;
  const manifest = model.fileByPath.get(pkg.manifestPath);
  return !!manifest && manifest.role !== 'test' && !manifest.buildOutput;
}

/** Installed dependencies of the project's own packages, with their manifest file. */
export function* installedDependencies(model: ProjectModel): Generator<DependencyEntry> {
  for (const pkg of model.packages) {
    if (!isProductPackage(pkg, model)) continue;
    const manifest = model.fileByPath.get(pkg.manifestPath)!;
    for (const kind of INSTALLED_KINDS) {
      for (const [name, spec] of Object.entries(pkg[kind])) yield { pkg, manifest, kind, name, spec, runtime: kind !== 'devDependencies' };
    }
  }
}

/** Names of the project's own packages: a dependency on one of them is satisfied by the workspace. */
export function localPackageNames(model: ProjectModel): Set<string> {
  return new Set(model.packages.map((p) => p.name).filter((n): n is string => !!n));
}

/** Where to report a dependency: its `"name": "spec"` entry, or line 1 when the text cannot be matched. */
export function entryLocation(entry: DependencyEntry): { offsets: { start: number; end: number } } | { range: Range } {
  const at = locateEntry(entry.manifest, entry.kind, entry.name);
  return at ? { offsets: at } : { range: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 } };
}

// ---- workspaces and lockfile coverage ----

function parentDir(dir: string): string | undefined {
  if (dir === '') return undefined;
  return dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '';
}

function relativeTo(base: string, dir: string): string | undefined {
  if (base === '') return dir;
  if (dir === base) return '';
  return dir.startsWith(`${base}/`) ? dir.slice(base.length + 1) : undefined;
}

/**
 * Whether a workspace glob (`packages/*`, `apps/**`, `tools/?-cli`) matches a package folder: `*` and `?` within a
 * segment, `**` across segments (a `/` after it is part of it). Matched by dynamic programming over the glob and the
 * path rather than as a regular expression: the glob comes from the scanned repository, and as a backtracking
 * pattern `*a*a*a*a*a*a*a*a*a*a*a*a*b` took 30 s on a folder named with 40 letters.
 */
export function workspaceGlobMatches(glob: string, path: string): boolean {
  const pattern = glob.replace(/^\.\//, '').replace(/\/package\.json$/, '').replace(/\/+$/, '');
  const n = path.length;
  // next[j]: the rest of the pattern from the position after the current one matches path.slice(j).
  let next = new Uint8Array(n + 1);
  next[n] = 1;
  // Rows kept for `**/`, whose continuation starts two or three positions on.
  const rows: Uint8Array[] = [];
  rows[pattern.length] = next;
  for (let i = pattern.length - 1; i >= 0; i--) {
    const row = new Uint8Array(n + 1);
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      // `**`, and the `/` after it: any characters, slashes included, then the rest.
      const rest = rows[pattern[i + 2] === '/' ? i + 3 : i + 2];
      for (let j = n; j >= 0; j--) row[j] = rest[j] || (j < n && row[j + 1]) ? 1 : 0;
    } else if (c === '*' && pattern[i - 1] === '*') {
      // The second star of a `**`: reached only from the first.
      row.set(rows[i + 1]);
    } else if (c === '*') {
      for (let j = n; j >= 0; j--) row[j] = next[j] || (j < n && path[j] !== '/' && row[j + 1]) ? 1 : 0;
    } else {
      for (let j = 0; j < n; j++) row[j] = next[j + 1] && (c === '?' ? path[j] !== '/' : path[j] === c) ? 1 : 0;
    }
    rows[i] = row;
    next = row;
  }
  return next[0] === 1;
}

const globCache = new WeakMap<ProjectModel, Map<string, string[]>>();

/** Workspace globs declared in `dir`: package.json `workspaces` and pnpm-workspace.yaml `packages`. */
export function workspaceGlobs(dir: string, model: ProjectModel): string[] {
  let byDir = globCache.get(model);
  if (!byDir) globCache.set(model, (byDir = new Map()));
  const cached = byDir.get(dir);
  if (cached) return cached;
  const globs = [...(model.packages.find((p) => p.dir === dir)?.workspaces ?? [])];
  const pnpm = model.fileByPath.get(dir ? `${dir}/pnpm-workspace.yaml` : 'pnpm-workspace.yaml');
  const listed = pnpm?.yaml?.toJS() as { packages?: unknown } | undefined;
  if (listed && Array.isArray(listed.packages)) globs.push(...listed.packages.filter((g): g is string => typeof g === 'string'));
  byDir.set(dir, globs);
  return globs;
}

/** Whether the workspace root in `rootDir` includes the package folder `dir`. */
export function isWorkspaceMember(rootDir: string, dir: string, model: ProjectModel): boolean {
  const rel = relativeTo(rootDir, dir);
  if (rel === undefined || rel === '') return false;
  const globs = workspaceGlobs(rootDir, model);
  const positive = globs.filter((g) => !g.startsWith('!'));
  const negative = globs.filter((g) => g.startsWith('!')).map((g) => g.slice(1));
  return positive.some((g) => workspaceGlobMatches(g, rel)) && !negative.some((g) => workspaceGlobMatches(g, rel));
}

/** The workspace root that installs `pkg` (the nearest ancestor declaring it as a member), else its own folder. */
export function installRootOf(pkg: PackageInfo, model: ProjectModel): string {
  for (let dir = parentDir(pkg.dir); dir !== undefined; dir = parentDir(dir)) {
    if (isWorkspaceMember(dir, pkg.dir, model)) return dir;
  }
  return pkg.dir;
}

export interface Coverage {
  /** Lockfiles that install the package: in its own folder, or in the workspace root that includes it. */
  lockfiles: LockfileInfo[];
  /** True when a covering lockfile records importers but none for this package (it was added after the install). */
  importerMissing: boolean;
}

/** Which lockfiles lock `pkg`. */
export function coverageOf(pkg: PackageInfo, model: ProjectModel): Coverage {
  const own = model.lockfiles.filter((l) => l.dir === pkg.dir);
  if (own.length) return { lockfiles: own, importerMissing: false };
  for (let dir = parentDir(pkg.dir); dir !== undefined; dir = parentDir(dir)) {
    const here = model.lockfiles.filter((l) => l.dir === dir);
    if (!here.length) continue;
    const recorded = here.some((l) => l.importers?.has(pkg.dir));
    const member = isWorkspaceMember(dir, pkg.dir, model);
    if (recorded || member) {
      const knowsImporters = here.every((l) => l.readable && l.importers);
      return { lockfiles: here, importerMissing: !recorded && knowsImporters };
    }
  }
  return { lockfiles: [], importerMissing: false };
}

/** Keep the lockfiles of the package manager the project declares in `packageManager`, when it has one. */
export function preferredLockfiles(lockfiles: LockfileInfo[], pkg: PackageInfo, model: ProjectModel): LockfileInfo[] {
  if (lockfiles.length < 2) return lockfiles;
  for (const dir of [pkg.dir, installRootOf(pkg, model)]) {
    const manifest = model.packages.find((p) => p.dir === dir);
    const json = manifest ? (model.fileByPath.get(manifest.manifestPath)?.json as { packageManager?: unknown } | undefined) : undefined;
    const pm = typeof json?.packageManager === 'string' ? json.packageManager.split('@')[0] : undefined;
    const chosen = lockfiles.filter((l) => l.kind === pm);
    if (chosen.length) return chosen;
  }
  return lockfiles;
}

export function installCommand(kind: LockfileInfo['kind']): string {
  return { npm: 'npm ci', yarn: 'yarn install --frozen-lockfile', pnpm: 'pnpm install --frozen-lockfile', bun: 'bun install --frozen-lockfile' }[kind];
}

export function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

// The package an override key applies to: `bar>foo@2` (pnpm), `**/foo` or `parent/@scope/foo` (yarn), `foo@1`.
function overrideTarget(key: string): string {
  const last = key.slice(key.lastIndexOf('>') + 1);
  const segs = last.split('/');
  const name = segs.length > 1 && segs[segs.length - 2].startsWith('@') ? segs.slice(-2).join('/') : segs[segs.length - 1];
  return splitDescriptor(name)[0];
}

function collectKeys(value: unknown, into: Set<string>): void {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return;
  for (const [key, inner] of Object.entries(value)) {
    if (key !== '.') into.add(overrideTarget(key));
    collectKeys(inner, into);
  }
}

/**
 * Packages whose version is forced by `overrides` (npm, bun), `resolutions` (yarn), `pnpm.overrides` or
 * pnpm-workspace.yaml `overrides`: some package managers write the forced range into the lockfile.
 */
export function overriddenNames(pkg: PackageInfo, model: ProjectModel): Set<string> {
  const names = new Set<string>();
  for (const dir of new Set([pkg.dir, installRootOf(pkg, model)])) {
    const manifest = model.packages.find((p) => p.dir === dir);
    const json = manifest ? (model.fileByPath.get(manifest.manifestPath)?.json as Record<string, unknown> | undefined) : undefined;
    if (json) {
      collectKeys(json.overrides, names);
      collectKeys(json.resolutions, names);
      collectKeys((json.pnpm as { overrides?: unknown } | undefined)?.overrides, names);
    }
    const workspace = model.fileByPath.get(dir ? `${dir}/pnpm-workspace.yaml` : 'pnpm-workspace.yaml');
    collectKeys((workspace?.yaml?.toJS() as { overrides?: unknown } | undefined)?.overrides, names);
  }
  return names;
}
