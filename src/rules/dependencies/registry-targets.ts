import semver from 'semver';
import { splitDescriptor } from '../../model/lockfiles.js';
import type { ProjectModel } from '../../model/types.js';
import type { Packument } from '../../registry/packument.js';
import { coverageOf, installedDependencies, localPackageNames, preferredLockfiles, type DependencyEntry } from './project.js';
import { classifySpec } from './specs.js';

/** A direct dependency that npm fetches from a registry, under the name the registry knows. */
export interface RegistryTarget {
  entry: DependencyEntry;
  /** Registry name: the alias target for `"foo": "npm:bar@1"`. */
  name: string;
  request: { kind: 'range'; range: string } | { kind: 'tag'; tag: string };
}

/** Registry dependencies of the project's own packages; workspace siblings, git, URLs, files and jsr are left out. */
export function registryTargets(model: ProjectModel): RegistryTarget[] {
  const local = localPackageNames(model);
  const out: RegistryTarget[] = [];
  for (const entry of installedDependencies(model)) {
    const raw = entry.spec.trim();
    if (/^jsr:/i.test(raw)) continue;
    const spec = classifySpec(raw);
    if (spec.kind !== 'range' && spec.kind !== 'tag') continue;
    let name = entry.name;
    if (/^npm:/i.test(raw)) {
      const inner = raw.slice(4);
      const [aliased] = splitDescriptor(inner);
      if (aliased && !semver.validRange(inner, { loose: true })) name = aliased;
    }
    if (name === entry.name && local.has(name)) continue;
    out.push({ entry, name, request: spec.kind === 'range' ? { kind: 'range', range: spec.range } : { kind: 'tag', tag: spec.tag } });
  }
  return out;
}

/** The version the lockfile installs for this dependency, when a lockfile covering it records one. */
export function lockedVersion(target: RegistryTarget, model: ProjectModel): string | undefined {
  const { pkg } = target.entry;
  for (const lock of preferredLockfiles(coverageOf(pkg, model).lockfiles, pkg, model)) {
    const candidates = (lock.packages.get(target.entry.name) ?? []).filter((p) => p.name === target.name && p.version && semver.valid(p.version));
    if (!candidates.length) continue;
    const range = target.request.kind === 'range' ? target.request.range : undefined;
    const fitting = candidates.filter((p) => !range || semver.satisfies(p.version!, range, { loose: true, includePrerelease: true }));
    return (fitting[0] ?? candidates[0]).version;
  }
  return undefined;
}

/** What npm would pick today: the `latest` tag when it fits, else the highest fitting version (as npm-pick-manifest). */
export function pickVersion(target: RegistryTarget, packument: Packument): string | undefined {
  const versions = Object.keys(packument.versions).filter((v) => semver.valid(v, { loose: true }));
  if (target.request.kind === 'tag') {
    const v = packument.distTags[target.request.tag];
    return v && packument.versions[v] ? v : undefined;
  }
  const { range } = target.request;
  const latest = packument.distTags.latest;
  if (latest && packument.versions[latest] && semver.satisfies(latest, range, { loose: true })) return latest;
  return semver.maxSatisfying(versions, range, { loose: true }) ?? semver.maxSatisfying(versions, range, { loose: true, includePrerelease: true }) ?? undefined;
}

/** The version this project gets: the locked one, else today's pick. */
export function resolvedVersion(target: RegistryTarget, packument: Packument, model: ProjectModel): string | undefined {
  const locked = lockedVersion(target, model);
  if (locked && packument.versions[locked]) return locked;
  return pickVersion(target, packument);
}
