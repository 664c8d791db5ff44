import { defineProjectRule } from '../../engine/rule.js';
import { entryLocation } from './project.js';
import { displayName, resolvedTargets } from './registry-checks.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A package whose first version appeared fewer than `minPackageAgeDays` days ago (default 30). */
export const dependencyRecentlyPublished = defineProjectRule({
  id: 'dependency-recently-published',
  messageIds: ['recent'],
  async check(ctx) {
    const days = ctx.config.minPackageAgeDays;
    if (days <= 0) return;
    const { found } = await resolvedTargets(ctx);
    const now = Date.now();
    for (const { target, packument } of found) {
      const created = packument.created ? Date.parse(packument.created) : NaN;
      if (Number.isNaN(created)) continue;
      const age = Math.max(0, Math.floor((now - created) / DAY_MS));
      if (age >= days) continue;
      ctx.report(target.entry.manifest, {
        messageId: 'recent',
        data: { name: displayName(target), age: age === 1 ? '1 day' : `${age} days`, date: new Date(created).toISOString().slice(0, 10), days },
        ...entryLocation(target.entry),
      });
    }
  },
});
