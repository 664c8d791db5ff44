import { isSignedInOnly } from '../../database/expressions.js';
import { defineProjectRule } from '../../engine/rule.js';
import { apiRolesOf, databasesOf, isExposed, ownerColumns, qualified, reportAt, usingOf } from './supabase-model.js';

/**
 * A policy that only asks "is someone signed in?" on a table whose rows belong to users: every account
 * (and sign-up is usually open) reaches every other user's rows.
 */
export const supabasePolicyMissingOwnerCheck = defineProjectRule({
  id: 'supabase-policy-missing-owner-check',
  messageIds: ['signedInOnly'],
  check(ctx) {
    for (const db of databasesOf(ctx)) {
      for (const table of db.tables.values()) {
        if (!table.rls || !isExposed(db, table)) continue;
        const owners = ownerColumns(table);
        if (owners.length === 0) continue;
        for (const policy of table.policies) {
          if (!policy.permissive || apiRolesOf(policy).length === 0 || !isSignedInOnly(usingOf(policy))) continue;
          const command = policy.command === 'all' ? 'read and change' : policy.command === 'select' ? 'read' : policy.command;
          reportAt(ctx, policy.origin, { messageId: 'signedInOnly', data: { policy: policy.name, table: qualified(table), command, column: owners[0] } });
        }
      }
    }
  },
});
