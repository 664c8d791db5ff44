import { isMap, isScalar, isSeq, type YAMLMap } from 'yaml';
import { defineTextRule } from '../../engine/rule.js';
import { get } from '../pipeline/workflow.js';
import { SECRET_FIELD } from './model-fields.js';

/** Hasura's table metadata: one file per table (`metadata/databases/default/tables/public_users.yaml`), or v2's `metadata/tables.yaml`. */
const HASURA_TABLES = /(?:^|\/)metadata\/(?:databases\/[^/]+\/tables\/[^/]+|tables)\.ya?ml$/i;
/** Roles Hasura serves requests without a token under (`HASURA_GRAPHQL_UNAUTHORIZED_ROLE`), as projects name them. */
const UNAUTHENTICATED = /^(?:anonymous|anon|public|guest|unauthenticated|unauthorized)$/i;
/** Roles for staff, who may change any row by design. (Hasura's own `admin` is never listed.) */
const STAFF = /admin|staff|moderator|manager|editor|owner|super|service|backend|server|system/i;

type Loc = { start: number; end: number };

/**
 * Hasura permissions that hand out more than the role should have: a column holding a secret (a password hash, a
 * reset token) that a role may select, and updates or deletes of every row (`filter: {}`) for a role of users.
 */
export const hasuraPermissionTooBroad = defineTextRule({
  id: 'hasura-permission-too-broad',
  messageIds: ['secretColumn', 'anyRow'],
  appliesTo: { languages: ['yaml'] },
  check({ file, report }) {
    if (!HASURA_TABLES.test(file.path) || !file.yaml || file.parseError) return;
    const root = file.yaml.contents;
    const tables = isSeq(root) ? root.items.filter(isMap) : isMap(root) ? [root] : [];
    for (const table of tables) {
      const name = tableName(table);
      if (!name) continue;
      for (const { role, permission } of permissions(table, 'select_permissions')) {
        const columns = get(permission, 'columns');
        if (!isSeq(columns)) continue;
        for (const column of columns.items) {
          if (!isScalar(column) || typeof column.value !== 'string' || !SECRET_FIELD.test(column.value) || !column.range) continue;
          const anyone = UNAUTHENTICATED.test(role.value);
          report({
            messageId: 'secretColumn',
            data: { role: role.value, column: column.value, table: name, who: anyone ? 'anyone, without signing in' : `every user with the \`${role.value}\` role` },
            offsets: { start: column.range[0], end: column.range[1] },
            severity: anyone ? 'critical' : 'high',
          });
        }
      }
      for (const [key, action] of [['update_permissions', 'change'], ['delete_permissions', 'delete']] as const) {
        for (const { role, permission, at } of permissions(table, key)) {
          const filter = get(permission, 'filter');
          if (STAFF.test(role.value) || !isMap(filter) || filter.items.length > 0) continue;
          report({ messageId: 'anyRow', data: { role: role.value, action, table: name }, offsets: at, severity: UNAUTHENTICATED.test(role.value) ? 'critical' : 'high' });
        }
      }
    }
  },
});

/** `public.users` from `table: { name: users, schema: public }`. */
function tableName(table: YAMLMap): string | undefined {
  const t = get(table, 'table');
  if (!isMap(t)) return undefined;
  const name = get(t, 'name');
  const schema = get(t, 'schema');
  if (!isScalar(name) || typeof name.value !== 'string') return undefined;
  return isScalar(schema) && typeof schema.value === 'string' ? `${schema.value}.${name.value}` : name.value;
}

/** The entries of one permissions list: each role (with where it is written) and its `permission` map. */
function permissions(table: YAMLMap, key: string): { role: { value: string }; permission: YAMLMap; at: Loc }[] {
  const list = get(table, key);
  if (!isSeq(list)) return [];
  const out: { role: { value: string }; permission: YAMLMap; at: Loc }[] = [];
  for (const entry of list.items) {
    if (!isMap(entry)) continue;
    const role = get(entry, 'role');
    const permission = get(entry, 'permission');
    if (!isScalar(role) || typeof role.value !== 'string' || !role.range || !isMap(permission)) continue;
    out.push({ role: { value: role.value }, permission, at: { start: role.range[0], end: role.range[1] } });
  }
  return out;
}
