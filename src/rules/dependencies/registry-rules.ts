import type { Rule } from '../../engine/rule.js';
import { dependencyDeprecated } from './dependency-deprecated.js';
import { dependencyInstallScripts } from './dependency-install-scripts.js';
import { dependencyNotOnRegistry } from './dependency-not-on-registry.js';
import { dependencyRecentlyPublished } from './dependency-recently-published.js';
import { dependencyTyposquat } from './dependency-typosquat.js';
import { dependencyVulnerable } from './dependency-vulnerable.js';

/** Supply-chain rules backed by registry data: the typosquat check reads a shipped list, the others ask the registry. */
export const REGISTRY_RULES: readonly Rule[] = [
  dependencyNotOnRegistry,
  dependencyTyposquat,
  dependencyVulnerable,
  dependencyDeprecated,
  dependencyRecentlyPublished,
  dependencyInstallScripts,
];
