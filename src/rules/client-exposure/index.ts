import type { Rule } from '../../engine/rule.js';

/** Rules of the client-exposure family, in the order they are documented. */
export const CLIENT_EXPOSURE_RULES: readonly Rule[] = [];
