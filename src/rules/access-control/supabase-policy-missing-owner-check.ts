import { isSignedInOnly } from '../../database/expressions.js';
import { defineProjectRule } from '../../engine/rule.js';
import type { SourceFile } from '../../model/types.js';
import { apiRolesOf, isExposed, ownerColumns, privateDataEvidence, qualified, reportAt, sharedContent, usingOf } from './supabase-model.js';
import { databaseOf } from '../../database/index.js';

/** `[auth] enable_signup = false` in supabase/config.toml: accounts are made by the team, not by whoever signs up. */
function signUpClosed(config: SourceFile | undefined): boolean {
  const auth = config?.toml?.auth as Record<string, unknown> | undefined;
  return auth?.enable_signup === false;
}

/**
 * A policy that only asks "is someone signed in?" on a table whose rows belong to users: every account
 * (and sign-up is usually open) reaches every other user's rows.
 */
export const supabasePolicyMissingOwnerCheck = defineProjectRule({
  id: 'supabase-policy-missing-owner-check',
  messageIds: ['signedInOnly', 'signedInReadsPrivate'],
  check(ctx) {
    for (const { database: db, config } of databaseOf(ctx.model).projects) {
      for (const table of db.tables.values()) {
        if (!table.rls || !isExposed(db, table)) continue;
        const owners = ownerColumns(table);
        // A table of private records with no owner column (orders by customer e-mail, leads): every signed-up user reads them all.
        const privateData = owners.length === 0 && !signUpClosed(config) ? privateDataEvidence(table) : undefined;
        if (owners.length === 0 && !privateData) continue;
        for (const policy of table.policies) {
          if (!policy.permissive || apiRolesOf(policy).length === 0 || !isSignedInOnly(usingOf(policy))) continue;
          // Profiles, posts, game rooms: signed-in users reading each other's rows is what they are for (as
          // supabase-permissive-policy leaves reads of such tables by anyone).
          if (policy.command === 'select' && sharedContent(table)) continue;
          const command = policy.command === 'all' ? 'read and change' : policy.command === 'select' ? 'read' : policy.command;
          if (owners.length) reportAt(ctx, policy.origin, { messageId: 'signedInOnly', data: { policy: policy.name, table: qualified(table), command, column: owners[0] } });
          else if (policy.command === 'select' || policy.command === 'all') reportAt(ctx, policy.origin, { messageId: 'signedInReadsPrivate', data: { policy: policy.name, table: qualified(table), command, evidence: privateData! } });
        }
      }
    }
  },
});
