import { isAlwaysTrue } from '../../database/expressions.js';
import type { Policy, Table } from '../../database/types.js';
import { defineProjectRule } from '../../engine/rule.js';
import { apiRolesOf, audience, databasesOf, isExposed, letsEveryRowThrough, ownerColumns, privateDataEvidence, qualified, reportAt } from './supabase-model.js';

const COVERS: Record<Policy['command'], Policy['command'][]> = {
  all: ['all', 'select', 'insert', 'update', 'delete'],
  select: ['select'],
  insert: ['insert'],
  update: ['update'],
  delete: ['delete'],
};

/** A restrictive policy with a real condition narrows what the permissive one lets through. */
function narrowed(table: Table, policy: Policy): boolean {
  return table.policies.some(
    (p) => !p.permissive && (COVERS[p.command].includes(policy.command) || p.command === 'all') && !isAlwaysTrue(p.command === 'insert' ? p.withCheck : p.using),
  );
}

/**
 * `USING (true)` / `WITH CHECK (true)` for the API roles. Reading every row is fine for lookup and public
 * content tables, so SELECT is reported only on tables that hold personal or private data; changing or
 * deleting every row is reported on any table; inserting any row only where rows have an owner to forge.
 */
export const supabasePermissivePolicy = defineProjectRule({
  id: 'supabase-permissive-policy',
  messageIds: ['readAll', 'writeAll', 'insertAny'],
  check(ctx) {
    for (const db of databasesOf(ctx)) {
      for (const table of db.tables.values()) {
        if (!table.rls || !isExposed(db, table)) continue;
        for (const policy of table.policies) {
          const roles = apiRolesOf(policy);
          if (!policy.permissive || roles.length === 0 || !letsEveryRowThrough(policy) || narrowed(table, policy)) continue;
          const data = { policy: policy.name, table: qualified(table), who: audience(roles) };
          if (policy.command === 'update' || policy.command === 'delete' || policy.command === 'all') {
            reportAt(ctx, policy.origin, { messageId: 'writeAll', data: { ...data, command: policy.command === 'all' ? 'change or delete' : policy.command } });
          } else if (policy.command === 'insert') {
            const owners = ownerColumns(table);
            if (owners.length) reportAt(ctx, policy.origin, { messageId: 'insertAny', data: { ...data, column: owners[0] } });
          } else {
            const evidence = privateDataEvidence(table);
            if (evidence) reportAt(ctx, policy.origin, { messageId: 'readAll', data: { ...data, evidence } });
          }
        }
      }
    }
  },
});
