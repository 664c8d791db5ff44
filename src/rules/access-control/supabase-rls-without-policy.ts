import { defineProjectRule } from '../../engine/rule.js';
import { apiRolesWithAccess, databasesOf, isExposed, qualified, reportAt } from './supabase-model.js';

/** RLS on and no policy at all: the API returns nothing, which is rarely what the app expects. */
export const supabaseRlsWithoutPolicy = defineProjectRule({
  id: 'supabase-rls-without-policy',
  messageIds: ['noPolicy'],
  check(ctx) {
    for (const db of databasesOf(ctx)) {
      for (const table of db.tables.values()) {
        if (!table.rls || table.policies.length > 0 || !isExposed(db, table)) continue;
        if (apiRolesWithAccess(table).length === 0) continue;
        reportAt(ctx, table.rlsChanged ?? table.created, { messageId: 'noPolicy', data: { table: qualified(table) } });
      }
    }
  },
});
