import { defineProjectRule } from '../../engine/rule.js';
import { databasesOf, isExposed, qualified, reportAt } from './supabase-model.js';

/**
 * SECURITY DEFINER functions run with their owner's rights (usually `postgres`, which bypasses RLS). In an
 * exposed schema anyone holding EXECUTE can call them at `/rest/v1/rpc/<name>`; Postgres grants EXECUTE to
 * PUBLIC and Supabase to `anon` unless revoked. Without a fixed `search_path` a caller's objects can shadow
 * the ones the function means. Trigger functions cannot be called through the API.
 */
export const supabaseSecurityDefinerExposed = defineProjectRule({
  id: 'supabase-security-definer-exposed',
  messageIds: ['callableByAnon', 'callablePredicate', 'mutableSearchPath'],
  check(ctx) {
    for (const db of databasesOf(ctx)) {
      for (const fn of db.functions.values()) {
        if (!fn.securityDefiner) continue;
        const name = qualified(fn);
        if (!fn.returnsTrigger && isExposed(db, fn) && (fn.execute.has('public') || fn.execute.has('anon'))) {
          // A read-only yes-or-no check (`has_role(user, role)`, the RLS helper Supabase's docs show) tells
          // something about the rows or users it is asked about, and can change nothing.
          if (fn.returnsBoolean && fn.readOnly) reportAt(ctx, fn.origin, { messageId: 'callablePredicate', data: { name, rpc: fn.name }, severity: 'low' });
          else reportAt(ctx, fn.origin, { messageId: 'callableByAnon', data: { name, rpc: fn.name } });
        }
        if (!fn.searchPathSet) reportAt(ctx, fn.origin, { messageId: 'mutableSearchPath', data: { name }, severity: 'medium' });
      }
    }
  },
});
