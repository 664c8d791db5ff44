import type { Rule } from '../../engine/rule.js';

/** Rules of the dependencies family, in the order they are documented. */
export const DEPENDENCIES_RULES: readonly Rule[] = [];
