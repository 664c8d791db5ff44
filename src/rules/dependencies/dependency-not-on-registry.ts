import { defineProjectRule } from '../../engine/rule.js';
import { registrySession } from '../../registry/session.js';
import { entryLocation } from './project.js';
import { displayName, resolvedTargets } from './registry-checks.js';

/**
 * A direct dependency the registry does not have (404), or whose range or tag matches no published version.
 * A missing name is what slopsquatters register: the next install may fetch whatever they publish.
 */
export const dependencyNotOnRegistry = defineProjectRule({
  id: 'dependency-not-on-registry',
  messageIds: ['missing', 'missingScoped', 'noMatchingVersion', 'noSuchTag'],
  async check(ctx) {
    const { found, missing } = await resolvedTargets(ctx);
    for (const target of missing) {
      const registry = registrySession(ctx).client.registryOf(target.name);
      ctx.report(target.entry.manifest, {
        // A private scoped package answers 404 without a token, so a scoped miss is less certain.
        messageId: target.name.startsWith('@') ? 'missingScoped' : 'missing',
        data: { name: displayName(target), manifest: target.entry.manifest.path, registry },
        confidence: target.name.startsWith('@') ? 'medium' : 'high',
        ...entryLocation(target.entry),
      });
    }
    for (const { target, packument, version } of found) {
      if (version) continue;
      const published = Object.keys(packument.versions);
      if (target.request.kind === 'tag') {
        ctx.report(target.entry.manifest, {
          messageId: 'noSuchTag',
          data: { name: displayName(target), tag: target.request.tag, tags: Object.keys(packument.distTags).join('`, `') || 'none' },
          severity: 'high',
          ...entryLocation(target.entry),
        });
      } else {
        const latest = packument.distTags.latest ?? published[published.length - 1];
        ctx.report(target.entry.manifest, {
          messageId: 'noMatchingVersion',
          data: { name: displayName(target), range: target.request.range, latest: latest ?? 'none', count: published.length },
          severity: 'high',
          ...entryLocation(target.entry),
        });
      }
    }
  },
});
