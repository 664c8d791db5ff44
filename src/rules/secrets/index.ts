import type { Rule } from '../../engine/rule.js';

/** Rules of the secrets family, in the order they are documented. */
export const SECRETS_RULES: readonly Rule[] = [];
