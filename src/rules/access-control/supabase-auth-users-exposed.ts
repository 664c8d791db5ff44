import { defineProjectRule } from '../../engine/rule.js';
import { apiRolesWithAccess, databasesOf, holders, isExposed, qualified, reportAt } from './supabase-model.js';

const AUTH_USERS = /\bauth\s*\.\s*"?users"?\b/i;

/** `auth.users` (emails, phone numbers, sign-in data of every user) reachable through the API. */
export const supabaseAuthUsersExposed = defineProjectRule({
  id: 'supabase-auth-users-exposed',
  messageIds: ['view', 'function'],
  check(ctx) {
    for (const db of databasesOf(ctx)) {
      for (const view of db.views.values()) {
        if (view.securityInvoker || !isExposed(db, view) || !view.reads.includes('auth.users')) continue;
        const roles = apiRolesWithAccess(view);
        if (roles.length) reportAt(ctx, view.origin, { messageId: 'view', data: { name: qualified(view), who: holders(roles) } });
      }
      for (const fn of db.functions.values()) {
        if (!fn.securityDefiner || fn.returnsTrigger || !isExposed(db, fn) || !AUTH_USERS.test(fn.body)) continue;
        const roles = ['anon', 'authenticated'].filter((r) => fn.execute.has(r) || fn.execute.has('public'));
        if (roles.length) reportAt(ctx, fn.origin, { messageId: 'function', data: { name: qualified(fn), who: holders(roles) } });
      }
    }
  },
});
