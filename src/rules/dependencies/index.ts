import type { Rule } from '../../engine/rule.js';
import { dependencyNotInLockfile } from './dependency-not-in-lockfile.js';
import { dependencyUnpinnedSource } from './dependency-unpinned-source.js';
import { dependencyUnpinnedVersion } from './dependency-unpinned-version.js';
import { lockfileMissing } from './lockfile-missing.js';
import { lockfileMissingIntegrity } from './lockfile-missing-integrity.js';
import { lockfileUntrustedSource } from './lockfile-untrusted-source.js';
import { REGISTRY_RULES } from './registry-rules.js';

/** Rules of the dependencies family, in the order they are documented. */
export const DEPENDENCIES_RULES: readonly Rule[] = [dependencyUnpinnedVersion, dependencyUnpinnedSource, lockfileMissing, dependencyNotInLockfile, lockfileUntrustedSource, lockfileMissingIntegrity, ...REGISTRY_RULES];
