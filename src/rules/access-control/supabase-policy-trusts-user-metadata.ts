import { readsUserMetadata } from '../../database/expressions.js';
import { defineProjectRule } from '../../engine/rule.js';
import { databasesOf, qualified, reportAt } from './supabase-model.js';

/** `auth.jwt() -> 'user_metadata'` in a policy: every user can set it with `supabase.auth.updateUser()`. */
export const supabasePolicyTrustsUserMetadata = defineProjectRule({
  id: 'supabase-policy-trusts-user-metadata',
  messageIds: ['userMetadata'],
  check(ctx) {
    for (const db of databasesOf(ctx)) {
      const policies = [...[...db.tables.values()].flatMap((t) => t.policies.map((p) => ({ p, table: qualified(t) }))), ...db.storagePolicies.map((p) => ({ p, table: 'storage.objects' }))];
      for (const { p, table } of policies) {
        if (readsUserMetadata(p.using) || readsUserMetadata(p.withCheck)) reportAt(ctx, p.origin, { messageId: 'userMetadata', data: { policy: p.name, table } });
      }
    }
  },
});
