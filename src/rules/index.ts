import type { Rule } from '../engine/rule.js';
import { suppressionWithoutReason } from './pipeline/suppression-without-reason.js';

/** Every rule implementation; each must have rules/<id>.yaml and vice versa (checked at start). */
export const ALL_RULES: readonly Rule[] = [
  suppressionWithoutReason,
];
