import { columnsOf } from '../../database/expressions.js';
import type { DatabaseState, Table } from '../../database/types.js';
import { defineProjectRule } from '../../engine/rule.js';
import { isGrantColumn, RIGHTS } from './model-fields.js';
import { apiRolesOf, databasesOf, isExposed, qualified, reportAt } from './supabase-model.js';

/**
 * An UPDATE (or ALL) policy through which signed-in users change rows, on a table with a column that grants rights
 * or money (`role`, `is_admin`, `credits`, `plan`), when nothing keeps them from changing that column: the API roles
 * may update it, the policy's check does not mention it, and no BEFORE UPDATE trigger guards it.
 */
export const supabasePrivilegedColumnSelfUpdate = defineProjectRule({
  id: 'supabase-privileged-column-self-update',
  messageIds: ['selfUpdate'],
  check(ctx) {
    for (const db of databasesOf(ctx)) {
      for (const table of db.tables.values()) {
        if (!table.rls || !isExposed(db, table)) continue;
        const privileged = table.columns.filter(isGrantColumn);
        if (privileged.length > 0 && guardedByTrigger(db, table, privileged)) continue;
        if (privileged.length === 0) continue;
        for (const policy of table.policies) {
          const roles = apiRolesOf(policy);
          if (!policy.permissive || (policy.command !== 'update' && policy.command !== 'all') || roles.length === 0) continue;
          if (RIGHTS.test(JSON.stringify(policy.using ?? null))) continue;
          const pinned = new Set([...columnsOf(policy.withCheck), ...(policy.withCheck ? [] : columnsOf(policy.using))]);
          const open = privileged.filter((c) => !pinned.has(c) && roles.some((r) => mayUpdate(table, r, c)));
          if (open.length === 0) continue;
          reportAt(ctx, policy.origin, {
            messageId: 'selfUpdate',
            data: { policy: policy.name, table: qualified(table), name: table.name, columns: open.map((c) => `\`${c}\``).join(', '), column: open[0], gain: gainOf(open) },
            severity: open.some((c) => RIGHTS.test(c)) ? 'critical' : 'high',
          });
        }
      }
    }
  },
});

/**
 * A BEFORE UPDATE trigger that may refuse or undo the change: its function names one of the columns
 * (`new.role := old.role`, `if new.credits <> old.credits then raise …`) or raises, or is not in the migrations read.
 * The `updated_at` trigger Lovable puts on every table, or `moddatetime`, names none of them and guards nothing.
 */
function guardedByTrigger(db: DatabaseState, table: Table, columns: string[]): boolean {
  return (table.beforeUpdateTriggers ?? []).some((name) => {
    const [schema, fn] = name.includes('.') ? name.split('.', 2) : ['public', name];
    // The moddatetime extension only stamps a time column.
    if (fn === 'moddatetime') return false;
    const found = [...db.functions.values()].filter((f) => f.schema === schema && f.name === fn);
    if (found.length === 0) return true;
    return found.some((f) => /\braise\b/i.test(f.body) || columns.some((c) => new RegExp(`\\b(?:new|old)\\s*\\.\\s*"?${c}\\b`, 'i').test(f.body)));
  });
}

/** The role (or PUBLIC, which every role belongs to) may update the column: a table privilege or a column one. */
function mayUpdate(table: Table, role: string, column: string): boolean {
  return [role, 'public'].some((r) => table.privileges.get(r)?.has('update') || table.updateColumns?.get(r)?.has(column));
}

function gainOf(columns: string[]): string {
  const c = columns.join(' ');
  if (RIGHTS.test(c)) return 'admin rights';
  if (/balance|credit|quota|points|wallet/i.test(c)) return 'as many credits as they like';
  if (/plan|tier|subscri|premium|is_?pro/i.test(c)) return 'a paid plan for free';
  if (/paid|payment/i.test(c)) return 'an order marked paid without paying';
  if (/banned/i.test(c)) return 'a lifted ban';
  if (/customer/i.test(c)) return "another customer's billing account";
  return 'a verified or approved status';
}
