import type { LockedPackage, LockfileInfo, ProjectModel, SourceFile } from '../../model/types.js';

/** Hosts that serve the public npm registry's tarballs. */
const PUBLIC_REGISTRIES = new Set(['registry.npmjs.org', 'registry.yarnpkg.com', 'registry.npmjs.com']);
/** Entries that are not downloaded at all: workspace members, links, local folders and tarballs. */
const LOCAL = /^(?:file:|link:|portal:|workspace:|patch:|\.{0,2}\/)/;
/** Git sources: pinned or not, dependency-unpinned-source judges them where they are declared. */
const GIT = /^(?:git\+|git:|github:|gitlab:|bitbucket:|ssh:)|\.git(?:#|$)|^https:\/\/codeload\.github\.com\//;

export interface Entry {
  installName: string;
  pkg: LockedPackage;
}

/** Every resolved package of a lockfile, in the order the file lists them. */
export function entriesOf(lock: LockfileInfo): Entry[] {
  return [...lock.packages].flatMap(([installName, list]) => list.map((pkg) => ({ installName, pkg })));
}

export function isLocal(pkg: LockedPackage): boolean {
  return !!pkg.resolved && LOCAL.test(pkg.resolved);
}

export function isGit(pkg: LockedPackage): boolean {
  return !!pkg.resolved && GIT.test(pkg.resolved);
}

/**
 * Registries this project installs from: the public ones and those its `.npmrc` / `.yarnrc.yml` files name
 * (`registry=`, `@scope:registry=`, `npmRegistryServer:`), by host.
 */
export function configuredRegistryHosts(model: ProjectModel): Set<string> {
  const hosts = new Set(PUBLIC_REGISTRIES);
  for (const f of model.files) {
    if (!/(?:^|\/)(?:\.npmrc|\.yarnrc\.yml|\.yarnrc)$/.test(f.path)) continue;
    for (const m of f.text.matchAll(/(?:registry|npmRegistryServer)\s*[=:]\s*["']?(https?:\/\/[^\s"'/]+)/g)) hosts.add(new URL(m[1]).host);
  }
  return hosts;
}

export function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

/** The 1-based line where a lockfile mentions `needle` first (its URL or its name), or 1. */
export function lineOfEntry(file: SourceFile | undefined, needles: string[]): number {
  if (!file) return 1;
  for (const needle of needles) {
    const at = file.text.indexOf(needle);
    if (at >= 0) return file.text.slice(0, at).split('\n').length;
  }
  return 1;
}

/** `a`, `b`, `c` and 4 more. */
export function listNames(names: string[], max = 5): string {
  const shown = names.slice(0, max).map((n) => `\`${n}\``).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}
