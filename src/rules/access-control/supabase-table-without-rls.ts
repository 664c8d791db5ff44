import { defineProjectRule } from '../../engine/rule.js';
import { apiRolesWithAccess, databasesOf, holders, isExposed, qualified, reportAt } from './supabase-model.js';

/** A table the API serves whose row-level security is off after the last migration. */
export const supabaseTableWithoutRls = defineProjectRule({
  id: 'supabase-table-without-rls',
  messageIds: ['never', 'disabled'],
  check(ctx) {
    for (const db of databasesOf(ctx)) {
      for (const table of db.tables.values()) {
        if (table.rls || !isExposed(db, table)) continue;
        const roles = apiRolesWithAccess(table);
        if (roles.length === 0) continue;
        const data = { table: qualified(table), who: holders(roles) };
        if (table.rlsChanged) reportAt(ctx, table.rlsChanged, { messageId: 'disabled', data });
        else reportAt(ctx, table.created, { messageId: 'never', data });
      }
    }
  },
});
