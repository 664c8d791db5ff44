import { defineProjectRule } from '../../engine/rule.js';
import { apiRolesWithAccess, databasesOf, isExposed, qualified, reportAt } from './supabase-model.js';

/**
 * A view runs with its owner's rights unless created `WITH (security_invoker = true)` (Postgres 15+), so the
 * RLS of the tables it reads is checked against the owner (`postgres`), not the caller.
 */
export const supabaseViewBypassesRls = defineProjectRule({
  id: 'supabase-view-bypasses-rls',
  messageIds: ['definerView'],
  check(ctx) {
    for (const db of databasesOf(ctx)) {
      for (const view of db.views.values()) {
        if (view.securityInvoker || !isExposed(db, view) || apiRolesWithAccess(view).length === 0) continue;
        const protectedTables = view.reads.filter((r) => db.tables.get(r)?.rls);
        if (protectedTables.length === 0) continue;
        reportAt(ctx, view.origin, { messageId: 'definerView', data: { view: qualified(view), tables: protectedTables.map((t) => `\`${t}\``).join(', ') } });
      }
    }
  },
});
