import { detectFrameworks } from '../frameworks/index.js';
import type { PackageInfo } from './types.js';

function stringRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** A package.json's facts; undefined when it is not an object. */
export function packageFromManifest(manifestPath: string, json: unknown): PackageInfo | undefined {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return undefined;
  const m = json as Record<string, unknown>;
  const dir = manifestPath.includes('/') ? manifestPath.slice(0, manifestPath.lastIndexOf('/')) : '';
  const ws = m.workspaces;
  const workspaces = Array.isArray(ws)
    ? ws.filter((w): w is string => typeof w === 'string')
    : ws && typeof ws === 'object' && Array.isArray((ws as { packages?: unknown }).packages)
      ? ((ws as { packages: unknown[] }).packages.filter((w): w is string => typeof w === 'string'))
      : [];
  const pkg: PackageInfo = {
    dir,
    manifestPath,
    name: typeof m.name === 'string' ? m.name : undefined,
    private: m.private === true,
    dependencies: stringRecord(m.dependencies),
    devDependencies: stringRecord(m.devDependencies),
    optionalDependencies: stringRecord(m.optionalDependencies),
    peerDependencies: stringRecord(m.peerDependencies),
    workspaces,
    scripts: stringRecord(m.scripts),
    frameworks: [],
  };
  pkg.frameworks = detectFrameworks(pkg);
  return pkg;
}

/** The deepest package whose folder holds `path`. Packages must be sorted deepest first. */
export function packageOf(path: string, packagesDeepestFirst: readonly PackageInfo[]): PackageInfo | undefined {
  return packagesDeepestFirst.find((p) => p.dir === '' || path === p.dir || path.startsWith(`${p.dir}/`));
}

export function sortDeepestFirst(packages: PackageInfo[]): PackageInfo[] {
  return [...packages].sort((a, b) => b.dir.split('/').length - a.dir.split('/').length || (b.dir.length - a.dir.length));
}
