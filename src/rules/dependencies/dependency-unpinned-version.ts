import { defineProjectRule } from '../../engine/rule.js';
import type { PackageInfo } from '../../model/types.js';
import { coverageOf, entryLocation, installedDependencies, localPackageNames } from './project.js';
import { classifySpec, rangeOpenness } from './specs.js';

/**
 * Registry dependencies that accept any version (`*`, `x`, `""`), a moving dist-tag (`latest`, `next`) or
 * every future major (`>=1.0.0`). Runtime ones weigh more, and most when no lockfile holds them still.
 * peerDependencies are left out (wide peer ranges are normal for libraries), as are workspace siblings.
 */
export const dependencyUnpinnedVersion = defineProjectRule({
  id: 'dependency-unpinned-version',
  messageIds: ['anyVersion', 'distTag', 'noUpperBound'],
  check({ model, report }) {
    const local = localPackageNames(model);
    const locked = new Map<PackageInfo, boolean>();
    for (const dep of installedDependencies(model)) {
      if (local.has(dep.name)) continue;
      const spec = classifySpec(dep.spec);
      let messageId: 'anyVersion' | 'distTag' | 'noUpperBound';
      if (spec.kind === 'tag') messageId = 'distTag';
      else if (spec.kind === 'range') {
        const openness = rangeOpenness(spec.range);
        if (openness === 'bounded') continue;
        messageId = openness === 'any' ? 'anyVersion' : 'noUpperBound';
      } else continue;
      if (!locked.has(dep.pkg)) locked.set(dep.pkg, coverageOf(dep.pkg, model).lockfiles.length > 0);
      report(dep.manifest, {
        messageId,
        data: { name: dep.name, range: dep.spec === '' ? '""' : dep.spec, manifest: dep.manifest.path, block: dep.kind },
        ...entryLocation(dep),
        severity: dep.runtime ? (locked.get(dep.pkg) ? 'medium' : 'high') : 'low',
      });
    }
  },
});
