import type { Rule } from '../../engine/rule.js';
import { sqlInjection } from './sql-injection.js';

/** Injection rules answered by the data-flow pass (src/dataflow). */
export const TAINT_RULES: readonly Rule[] = [sqlInjection];
