import { defineProjectRule } from '../../engine/rule.js';
import { entryLocation } from './project.js';
import { registryTargets } from './registry-targets.js';
import { lookAlikeOf, splitScope } from './typosquat.js';

/**
 * A dependency whose name is a near miss of a popular package: one or two letters off, separators moved,
 * a scope flattened, look-alike characters. Works offline from data/popular-packages.json.
 */
export const dependencyTyposquat = defineProjectRule({
  id: 'dependency-typosquat',
  messageIds: ['typo', 'separator', 'scope', 'homoglyph'],
  check({ model, report }) {
    for (const target of registryTargets(model)) {
      if (fromOwnAuthors(target.name, target.entry.pkg.name)) continue;
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

/**
 * Published by the authors of the package that depends on it: in that package's scope (only a scope's owner
 * publishes there), or named after it, or after its scope, and a separator (`strapi` or `@strapi/admin`
 * depending on `strapi-utils`): the sibling packages a project publishes. Such a name is what its authors chose,
 * whatever popular name it happens to sit near. A scoped package's own name (`admin`, `core`) says too little.
 */
export function fromOwnAuthors(dependency: string, owner: string | undefined): boolean {
  if (!owner) return false;
  const own = splitScope(owner);
  const dep = splitScope(dependency);
  if (dep.scope) return dep.scope === own.scope;
  const prefix = own.scope ?? own.bare;
  return prefix.length >= 3 && dependency.length > prefix.length + 1 && dependency.startsWith(prefix) && '-_.'.includes(dependency[prefix.length]);
}
