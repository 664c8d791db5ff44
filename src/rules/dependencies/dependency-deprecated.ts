import { defineProjectRule } from '../../engine/rule.js';
import { entryLocation } from './project.js';
import { displayName, resolvedTargets } from './registry-checks.js';

/** The version the project installs is marked deprecated by its publisher. */
export const dependencyDeprecated = defineProjectRule({
  id: 'dependency-deprecated',
  messageIds: ['deprecated'],
  async check(ctx) {
    const { found } = await resolvedTargets(ctx);
    for (const { target, packument, version } of found) {
      const reason = version ? packument.versions[version]?.deprecated : undefined;
      if (!reason) continue;
      ctx.report(target.entry.manifest, {
        messageId: 'deprecated',
        data: { name: displayName(target), version: version!, reason: reason.replace(/\s+/g, ' ').trim().slice(0, 300) },
        severity: target.entry.runtime ? 'medium' : 'low',
        ...entryLocation(target.entry),
      });
    }
  },
});
