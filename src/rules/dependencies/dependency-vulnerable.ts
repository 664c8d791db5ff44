import semver from 'semver';
import type { Severity } from '../../engine/finding.js';
import { defineProjectRule } from '../../engine/rule.js';
import type { LockfileInfo } from '../../model/types.js';
import { affects, firstPatched, type Advisory } from '../../registry/advisories.js';
import { registrySession } from '../../registry/session.js';
import { locateLockEntry } from './lockfile-locator.js';
import { coverageOf, entryLocation, isProductPackage, preferredLockfiles } from './project.js';
import { skippedOffline } from './registry-checks.js';
import { lockedVersion, registryTargets, type RegistryTarget } from './registry-targets.js';

const SEVERITY: Record<Advisory['severity'], Severity> = { critical: 'critical', high: 'high', moderate: 'medium', low: 'low', info: 'info' };

/** Locked packages fetched from a registry (git, file and tarball installs have no advisories by version). */
function fromRegistry(resolved: string | undefined): boolean {
  return !resolved || (/^https?:\/\//i.test(resolved) && !/\.git(#|$)|codeload\.github|\/archive\//i.test(resolved));
}

/**
 * Locked versions with a known advisory, from the registry's bulk advisory endpoint (the one `npm audit` uses).
 * A direct dependency is reported on its package.json line, a transitive one on its lockfile entry.
 */
export const dependencyVulnerable = defineProjectRule({
  id: 'dependency-vulnerable',
  messageIds: ['direct', 'transitive', 'directNoFix', 'transitiveNoFix'],
  async check(ctx) {
    const { model } = ctx;
    if (skippedOffline(ctx)) return;
    const lockfiles = new Map<LockfileInfo, RegistryTarget[]>();
    const targets = registryTargets(model);
    for (const pkg of model.packages) {
      if (!isProductPackage(pkg, model)) continue;
      for (const lock of preferredLockfiles(coverageOf(pkg, model).lockfiles, pkg, model)) {
        if (!lock.readable) continue;
        const list = lockfiles.get(lock) ?? [];
        list.push(...targets.filter((t) => t.entry.pkg === pkg));
        lockfiles.set(lock, list);
      }
    }
    if (!lockfiles.size) return;
    const versions = new Map<string, Set<string>>();
    for (const lock of lockfiles.keys()) {
      for (const list of lock.packages.values()) {
        for (const p of list) {
          if (!p.version || !semver.valid(p.version) || !fromRegistry(p.resolved)) continue;
          (versions.get(p.name) ?? versions.set(p.name, new Set()).get(p.name)!).add(p.version);
        }
      }
    }
    if (!versions.size) return;
    const session = registrySession(ctx);
    if (!session.online()) return;
    const answer = await session.advisories(versions);
    if (!answer.ok) return;

    for (const [lock, direct] of lockfiles) {
      const lockFile = model.fileByPath.get(lock.path);
      const seen = new Set<string>();
      for (const [installName, list] of lock.packages) {
        for (const p of list) {
          if (!p.version) continue;
          for (const advisory of answer.byName.get(p.name) ?? []) {
            if (!affects(advisory, p.version)) continue;
            const targetsHere = direct.filter((t) => t.entry.name === installName && t.name === p.name && lockedVersion(t, model) === p.version);
            const key = `${p.name}@${p.version}:${advisory.id}`;
            if (seen.has(key)) continue;
            seen.add(key);
            const fix = firstPatched(advisory, p.version);
            const data = {
              name: p.name,
              version: p.version,
              title: advisory.title.replace(/\s+/g, ' ').trim(),
              advisory: String(advisory.id),
              url: advisory.url ?? `https://github.com/advisories?query=${encodeURIComponent(p.name)}`,
              range: advisory.vulnerable_versions,
              fix: fix ?? '',
              severity: advisory.severity,
              lockfile: lock.path,
            };
            const severity = SEVERITY[advisory.severity];
            if (targetsHere.length) {
              for (const t of targetsHere) {
                ctx.report(t.entry.manifest, { messageId: fix ? 'direct' : 'directNoFix', data, severity, ...entryLocation(t.entry) });
              }
            } else if (lockFile) {
              ctx.report(lockFile, { messageId: fix ? 'transitive' : 'transitiveNoFix', data, severity, ...locateLockEntry(lockFile.text, installName, p.version) });
            }
          }
        }
      }
    }
  },
});
