import { defineProjectRule } from '../../engine/rule.js';
import { stripNpmProtocol } from '../../model/lockfiles.js';
import type { LockfileInfo, PackageInfo } from '../../model/types.js';
import {
  coverageOf,
  entryLocation,
  installCommand,
  installedDependencies,
  localPackageNames,
  overriddenNames,
  preferredLockfiles,
  type DependencyEntry,
} from './project.js';
import { classifySpec } from './specs.js';

type Status = { state: 'ok' } | { state: 'missing' } | { state: 'outOfSync'; locked: string };

const normalise = (range: string) => stripNpmProtocol(range.trim());

/** Does `lock` hold `dep` for the package in `dir`, with the range package.json asks for? */
function statusIn(lock: LockfileInfo, dir: string, dep: DependencyEntry, local: Set<string>, compareRange: boolean): Status {
  const spec = classifySpec(dep.spec);
  // Ranges are compared for registry requests only: git and URL specs are rewritten by some package managers.
  const comparable = compareRange && (spec.kind === 'range' || spec.kind === 'tag');
  if (lock.importerRanges) {
    const recorded = lock.importerRanges.get(dir)?.get(dep.name);
    if (recorded === undefined) return { state: 'missing' };
    if (comparable && normalise(recorded) !== normalise(dep.spec)) return { state: 'outOfSync', locked: recorded === '' ? '""' : recorded };
    return { state: 'ok' };
  }
  // yarn classic and npm v1 keep no importers; workspace siblings and links are not entries there.
  if (spec.kind === 'local' || local.has(dep.name)) return { state: 'ok' };
  if (lock.requests) {
    const requested = lock.requests.get(dep.name);
    if (!requested) return { state: 'missing' };
    if (comparable && !requested.has(dep.spec) && !requested.has(dep.spec.trim())) return { state: 'outOfSync', locked: [...requested].join('`, `') };
    return { state: 'ok' };
  }
  return lock.names.has(dep.name) ? { state: 'ok' } : { state: 'missing' };
}

/**
 * Direct dependencies of package.json that the lockfile does not hold, or holds for a different range: the
 * manifest was edited without reinstalling, so `npm ci` fails or an install resolves versions nobody reviewed.
 */
export const dependencyNotInLockfile = defineProjectRule({
  id: 'dependency-not-in-lockfile',
  messageIds: ['missing', 'outOfSync', 'importerMissing'],
  check({ model, report }) {
    const local = localPackageNames(model);
    const byPackage = new Map<PackageInfo, DependencyEntry[]>();
    for (const dep of installedDependencies(model)) {
      const list = byPackage.get(dep.pkg);
      if (list) list.push(dep);
      else byPackage.set(dep.pkg, [dep]);
    }
    for (const [pkg, deps] of byPackage) {
      const coverage = coverageOf(pkg, model);
      const lockfiles = preferredLockfiles(coverage.lockfiles, pkg, model);
      if (lockfiles.length === 0 || lockfiles.some((l) => !l.readable)) continue;
      const lock = lockfiles[0];
      if (coverage.importerMissing) {
        report(deps[0].manifest, {
          messageId: 'importerMissing',
          data: { manifest: pkg.manifestPath, lockfile: lock.path, command: installCommand(lock.kind) },
          range: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
          severity: deps.some((d) => d.runtime) ? 'medium' : 'low',
        });
        continue;
      }
      // A forced version, or a name listed in two blocks, makes the recorded range legitimately differ.
      const overridden = overriddenNames(pkg, model);
      const seen = new Map<string, number>();
      for (const dep of deps) seen.set(dep.name, (seen.get(dep.name) ?? 0) + 1);
      for (const dep of deps) {
        const compareRange = !overridden.has(dep.name) && seen.get(dep.name) === 1;
        // With two lockfiles and no `packageManager` to choose, only what neither holds is reported.
        const statuses = lockfiles.map((l) => ({ lock: l, status: statusIn(l, pkg.dir, dep, local, compareRange) }));
        if (statuses.some((s) => s.status.state === 'ok')) continue;
        const outOfSync = statuses.find((s) => s.status.state === 'outOfSync');
        const base = { name: dep.name, range: dep.spec === '' ? '""' : dep.spec, manifest: pkg.manifestPath, block: dep.kind };
        const where = { ...entryLocation(dep), severity: dep.runtime ? ('medium' as const) : ('low' as const) };
        if (outOfSync && outOfSync.status.state === 'outOfSync') {
          report(dep.manifest, {
            messageId: 'outOfSync',
            data: { ...base, lockfile: outOfSync.lock.path, locked: outOfSync.status.locked, command: installCommand(outOfSync.lock.kind) },
            ...where,
          });
        } else {
          report(dep.manifest, { messageId: 'missing', data: { ...base, lockfile: lock.path, command: installCommand(lock.kind) }, ...where });
        }
      }
    }
  },
});
