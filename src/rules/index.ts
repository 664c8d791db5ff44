import type { Rule } from '../engine/rule.js';
import { AUTH_RULES } from './access-control/auth-rules.js';
import { PLATFORM_ACCESS_RULES } from './access-control/platform-rules.js';
import { ROUTE_RULES } from './access-control/route-rules.js';
import { SUPABASE_RULES } from './access-control/supabase-rules.js';
import { CLIENT_EXPOSURE_RULES } from './client-exposure/index.js';
import { DEPENDENCIES_RULES } from './dependencies/index.js';
import { INJECTION_RULES } from './injection/index.js';
import { TAINT_RULES } from './injection/taint-rules.js';
import { PIPELINE_RULES } from './pipeline/index.js';
import { READINESS_RULES } from './readiness/index.js';
import { suppressionWithoutReason } from './pipeline/suppression-without-reason.js';
import { SECRETS_RULES } from './secrets/index.js';

/** Every rule implementation; each must have rules/<id>.yaml and vice versa (checked at start). */
export const ALL_RULES: readonly Rule[] = [
  ...SECRETS_RULES,
  ...CLIENT_EXPOSURE_RULES,
  ...DEPENDENCIES_RULES,
  ...TAINT_RULES,
  ...INJECTION_RULES,
  ...AUTH_RULES,
  ...PLATFORM_ACCESS_RULES,
  ...ROUTE_RULES,
  ...SUPABASE_RULES,
  ...READINESS_RULES,
  ...PIPELINE_RULES,
  suppressionWithoutReason,
];
