import type { Rule } from '../../engine/rule.js';
import { dependencyNotInLockfile } from './dependency-not-in-lockfile.js';
import { dependencyUnpinnedSource } from './dependency-unpinned-source.js';
import { dependencyUnpinnedVersion } from './dependency-unpinned-version.js';
import { lockfileMissing } from './lockfile-missing.js';

/** Rules of the dependencies family, in the order they are documented. */
export const DEPENDENCIES_RULES: readonly Rule[] = [dependencyUnpinnedVersion, dependencyUnpinnedSource, lockfileMissing, dependencyNotInLockfile];
