import { defineProjectRule } from '../../engine/rule.js';
import { entryLocation } from './project.js';
import { registryTargets } from './registry-targets.js';
import { lookAlikeOf } from './typosquat.js';

/**
 * A dependency whose name is a near miss of a popular package: one or two letters off, separators moved,
 * a scope flattened, look-alike characters. Works offline from data/popular-packages.json.
 */
export const dependencyTyposquat = defineProjectRule({
  id: 'dependency-typosquat',
  messageIds: ['typo', 'separator', 'scope', 'homoglyph'],
  check({ model, report }) {
    for (const target of registryTargets(model)) {
      const hit = lookAlikeOf(target.name);
      if (!hit) continue;
      report(target.entry.manifest, {
        messageId: hit.kind,
        data: { name: target.name, popular: hit.popular, manifest: target.entry.manifest.path },
        ...entryLocation(target.entry),
      });
    }
  },
});
