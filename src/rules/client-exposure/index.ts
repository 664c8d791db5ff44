import type { Rule } from '../../engine/rule.js';

/** Rules of the client-exposure family, in the order they are documented. */
export const CLIENTEXPOSURE_RULES: readonly Rule[] = [];
