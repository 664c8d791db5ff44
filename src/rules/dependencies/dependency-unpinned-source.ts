import { defineProjectRule } from '../../engine/rule.js';
import { coverageOf, entryLocation, installedDependencies, preferredLockfiles } from './project.js';
import { classifySpec, isFullCommit, maskCredentials, urlPinsCommit } from './specs.js';

/**
 * Dependencies fetched from git or a URL rather than the registry: git without a full commit id (a branch or
 * tag can be moved), anything over plain HTTP, and remote tarballs that no lockfile holds an integrity hash for.
 */
export const dependencyUnpinnedSource = defineProjectRule({
  id: 'dependency-unpinned-source',
  messageIds: ['gitNoCommit', 'insecureHttp', 'tarballNoIntegrity'],
  check({ model, report }) {
    for (const dep of installedDependencies(model)) {
      const spec = classifySpec(dep.spec);
      if (spec.kind !== 'git' && spec.kind !== 'tarball') continue;
      let messageId: 'gitNoCommit' | 'insecureHttp' | 'tarballNoIntegrity';
      if (spec.kind === 'git') {
        // A full commit id is content-addressed: even an unencrypted transport cannot swap the code.
        if (isFullCommit(spec.committish)) continue;
        messageId = 'gitNoCommit';
      } else if (spec.insecure) {
        messageId = 'insecureHttp';
      } else {
        if (urlPinsCommit(spec.url)) continue;
        const coverage = coverageOf(dep.pkg, model);
        const lockfiles = preferredLockfiles(coverage.lockfiles, dep.pkg, model);
        // An unreadable lockfile (bun.lockb) may well hold the hash: say nothing rather than guess.
        if (lockfiles.some((l) => !l.readable)) continue;
        if (lockfiles.some((l) => l.packages.get(dep.name)?.some((p) => p.integrity))) continue;
        messageId = 'tarballNoIntegrity';
      }
      const { display, secrets } = maskCredentials(dep.spec);
      const severity = messageId === 'insecureHttp' ? (dep.runtime ? 'high' : 'medium') : dep.runtime ? 'medium' : 'low';
      report(dep.manifest, {
        messageId,
        data: { name: dep.name, spec: display, manifest: dep.manifest.path, block: dep.kind },
        ...entryLocation(dep),
        secrets,
        severity,
      });
    }
  },
});
