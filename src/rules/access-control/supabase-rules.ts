import type { Rule } from '../../engine/rule.js';
import { clientQueryAllowedByPolicy } from './client-query-allowed-by-policy.js';
import { supabaseAuthUsersExposed } from './supabase-auth-users-exposed.js';
import { supabaseEdgeFunctionWithoutJwt } from './supabase-edge-function-without-jwt.js';
import { supabasePermissivePolicy } from './supabase-permissive-policy.js';
import { supabasePolicyMissingOwnerCheck } from './supabase-policy-missing-owner-check.js';
import { supabasePolicyTrustsUserMetadata } from './supabase-policy-trusts-user-metadata.js';
import { supabasePrivilegedColumnSelfUpdate } from './supabase-privileged-column-self-update.js';
import { supabaseRlsWithoutPolicy } from './supabase-rls-without-policy.js';
import { supabaseSecurityDefinerExposed } from './supabase-security-definer-exposed.js';
import { supabaseSignupRoleFromMetadata } from './supabase-signup-role-from-metadata.js';
import { supabaseStoragePolicyTooBroad } from './supabase-storage-policy-too-broad.js';
import { supabaseTableWithoutRls } from './supabase-table-without-rls.js';
import { supabaseViewBypassesRls } from './supabase-view-bypasses-rls.js';

/** Rules on the database computed from Supabase migrations, and on supabase/config.toml. */
export const SUPABASE_RULES: readonly Rule[] = [
  supabaseTableWithoutRls,
  supabaseRlsWithoutPolicy,
  supabasePermissivePolicy,
  supabasePolicyMissingOwnerCheck,
  supabasePolicyTrustsUserMetadata,
  supabasePrivilegedColumnSelfUpdate,
  supabaseSignupRoleFromMetadata,
  supabaseSecurityDefinerExposed,
  supabaseViewBypassesRls,
  supabaseAuthUsersExposed,
  supabaseStoragePolicyTooBroad,
  supabaseEdgeFunctionWithoutJwt,
  clientQueryAllowedByPolicy,
];
