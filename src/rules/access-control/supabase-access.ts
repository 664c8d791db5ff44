import { isAlwaysTrue, isSignedInOnly } from '../../database/expressions.js';
import { databaseOf } from '../../database/index.js';
import type { DatabaseState, Policy, Table } from '../../database/types.js';
import type { ProjectModel } from '../../model/types.js';
import type { Touch } from '../../routes/types.js';
import { apiRolesOf, apiRolesWithAccess, isExposed } from './supabase-model.js';

export type Operation = 'select' | 'insert' | 'update' | 'delete';

/** The table operation a data call performs, as a policy names it. */
export function operationOf(touch: Touch): Operation {
  if (touch.kind === 'read') return 'select';
  if (/delete|Delete|\.del\b|remove|Remove|destroy/.test(touch.code)) return 'delete';
  if (/\.(insert|create|add|upload|findOrCreate|bulkCreate)\b/.test(touch.code)) return 'insert';
  return 'update';
}

/**
 * Who the final migration state lets perform one operation on a table through the API:
 * `no-rls` (RLS off, the API roles hold privileges), `anyone` / `signed-in` (a permissive policy lets every
 * row through for anon / for any session), `owner` (every policy has a real condition), `denied` (no
 * policy for it), `unknown` (no migration creates the table).
 */
export type TableAccessKind = TableAccess['kind'];

export interface TableAccess {
  kind: 'no-rls' | 'anyone' | 'signed-in' | 'owner' | 'denied' | 'unknown';
  table?: Table;
  db?: DatabaseState;
  /** The policy that opens the rows, for `anyone` and `signed-in`. */
  policy?: Policy;
}

/** The exposed table a client names in `.from('name')` (unqualified names are in `public`). */
export function findTable(model: ProjectModel, name: string): { table: Table; db: DatabaseState } | undefined {
  const [schema, table] = name.includes('.') ? name.split('.', 2) : ['public', name];
  for (const p of databaseOf(model).projects) {
    for (const t of p.database.tables.values()) if (t.name === table && t.schema === schema && isExposed(p.database, t)) return { table: t, db: p.database };
  }
  return undefined;
}

function condition(policy: Policy, op: Operation): unknown {
  if (op === 'insert') return policy.withCheck;
  return policy.using ?? (op === 'update' ? policy.withCheck : undefined);
}

export function tableAccess(model: ProjectModel, name: string, op: Operation): TableAccess {
  const found = findTable(model, name);
  if (!found) return { kind: 'unknown' };
  const { table, db } = found;
  if (!table.rls) return { kind: apiRolesWithAccess(table).length ? 'no-rls' : 'denied', table, db };
  const applies = (p: Policy) => (p.command === 'all' || p.command === op) && apiRolesOf(p).length > 0;
  const restricted = table.policies.some((p) => !p.permissive && applies(p) && !isAlwaysTrue(condition(p, op)) && !isSignedInOnly(condition(p, op)));
  let best: TableAccess = { kind: 'denied', table, db };
  for (const p of table.policies.filter((x) => x.permissive && applies(x))) {
    const cond = condition(p, op);
    const open = isAlwaysTrue(cond);
    const kind = restricted ? 'owner' : open ? (apiRolesOf(p).includes('anon') ? 'anyone' : 'signed-in') : isSignedInOnly(cond) ? 'signed-in' : 'owner';
    const rank = { anyone: 3, 'signed-in': 2, owner: 1 } as const;
    if (best.kind === 'denied' || rank[kind] > rank[best.kind as keyof typeof rank]) best = { kind, table, db, policy: kind === 'owner' ? undefined : p };
  }
  return best;
}
