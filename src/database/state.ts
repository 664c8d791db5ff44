import type { SourceFile } from '../model/types.js';
import { listedValues } from './expressions.js';
import { defValue, keyOf, names, relationKey, relationsRead, roleName, str, unwrap } from './nodes.js';
import { EACH_TABLE } from './do-blocks.js';
import type { Command, DatabaseState, Origin, PgNode, Policy, SqlFunction, SqlStatement, Table, View } from './types.js';

const TABLE_PRIVILEGES = ['select', 'insert', 'update', 'delete', 'truncate', 'references', 'trigger'];
/** Supabase's default privileges: objects made in `public` are granted to the API roles. */
const SUPABASE_DEFAULT_GRANTEES = ['anon', 'authenticated'];

/** Default privileges per schema and object kind, changed by ALTER DEFAULT PRIVILEGES. */
type Defaults = Map<string, { tables: Map<string, Set<string>>; functions: Set<string> }>;

export function emptyState(projectDir: string, exposedSchemas: string[]): DatabaseState {
  return { projectDir, exposedSchemas, tables: new Map(), functions: new Map(), views: new Map(), buckets: new Map(), storagePolicies: [] };
}

/** Apply every statement of the files, in the order given (the caller sorts migrations by name). */
export function applyFiles(state: DatabaseState, files: SourceFile[]): DatabaseState {
  const defaults: Defaults = new Map();
  for (const file of files) {
    for (const statement of file.sql ?? []) {
      if (statement.eachTableIn === undefined) applyStatement(state, defaults, { file, statement });
      else for (const each of forEachTable(state, statement, statement.eachTableIn)) applyStatement(state, defaults, { file, statement: each });
    }
  }
  return state;
}

/** A DO block's statement for every table of `schema` there is when it runs, naming the table where it names EACH_TABLE. */
function forEachTable(state: DatabaseState, statement: SqlStatement, schema: string): SqlStatement[] {
  const json = JSON.stringify(statement.node);
  const tables = [...state.tables.values()].filter((t) => t.schema === schema && !statement.except?.includes(t.name));
  return tables.map((t) => ({ ...statement, eachTableIn: undefined, except: undefined, node: JSON.parse(json.replaceAll(EACH_TABLE, JSON.stringify(t.name).slice(1, -1))) as PgNode }));
}

function defaultsOf(defaults: Defaults, schema: string) {
  let d = defaults.get(schema);
  if (!d) {
    const grantees = schema === 'public' ? SUPABASE_DEFAULT_GRANTEES : [];
    d = { tables: new Map(grantees.map((r) => [r, new Set(TABLE_PRIVILEGES)])), functions: new Set(['public', ...grantees]) };
    defaults.set(schema, d);
  }
  return d;
}

function copyPrivileges(from: Map<string, Set<string>>): Map<string, Set<string>> {
  return new Map([...from].map(([r, p]) => [r, new Set(p)]));
}

function applyStatement(state: DatabaseState, defaults: Defaults, origin: Origin): void {
  const u = unwrap(origin.statement.node);
  if (!u) return;
  const [kind, s] = u;
  switch (kind) {
    case 'CreateStmt':
      return createTable(state, defaults, s, origin);
    case 'CreateTableAsStmt':
      if (s.objtype === 'OBJECT_TABLE') return createTable(state, defaults, { relation: s.into?.rel, tableElts: [] }, origin);
      return;
    case 'AlterTableStmt':
      return alterTable(state, s, origin);
    case 'RenameStmt':
      return rename(state, s);
    case 'DropStmt':
      return drop(state, s);
    case 'CreatePolicyStmt':
      return createPolicy(state, s, origin);
    case 'AlterPolicyStmt':
      return alterPolicy(state, s, origin);
    case 'CreateFunctionStmt':
      return createFunction(state, defaults, s, origin);
    case 'AlterFunctionStmt':
      return alterFunction(state, s);
    case 'GrantStmt':
      return grant(state, s);
    case 'CreateTrigStmt':
      return createTrigger(state, s);
    case 'IndexStmt':
      return createIndex(state, s);
    case 'CreateEnumStmt':
      (state.enums ??= new Map()).set(typeKey(s.typeName), names(s.vals));
      return;
    case 'AlterEnumStmt': {
      // Changed in place: the columns of the type share its list.
      const values = state.enums?.get(typeKey(s.typeName));
      if (!values || !s.newVal) return;
      if (!s.oldVal) values.push(s.newVal);
      else if (values.includes(s.oldVal)) values[values.indexOf(s.oldVal)] = s.newVal;
      return;
    }
    case 'AlterDefaultPrivilegesStmt':
      return alterDefaults(defaults, s);
    case 'ViewStmt':
      return createView(state, defaults, s, origin);
    case 'InsertStmt':
      return insertBucket(state, s, origin);
    case 'UpdateStmt':
      return updateBucket(state, s, origin);
    default:
      return;
  }
}

function createTable(state: DatabaseState, defaults: Defaults, s: PgNode, origin: Origin): void {
  const rel = relationKey(s.relation);
  if (!rel || s.relation.relpersistence === 't') return;
  const key = keyOf(rel.schema, rel.name);
  if (state.tables.has(key) && s.if_not_exists) return;
  const table: Table = {
    ...rel,
    columns: [],
    authUserColumns: [],
    rls: false,
    forced: false,
    created: origin,
    policies: [],
    privileges: copyPrivileges(defaultsOf(defaults, rel.schema).tables),
  };
  for (const el of s.tableElts ?? []) addTableElement(state, table, el);
  state.tables.set(key, table);
}

/** An enum type's key: its name without the schema (`public.order_status` → `order_status`). */
function typeKey(typeName: PgNode[] | undefined): string {
  return names(typeName ?? []).pop()?.toLowerCase() ?? '';
}

function addTableElement(state: DatabaseState, table: Table, el: PgNode): void {
  const u = unwrap(el);
  if (u?.[0] === 'ColumnDef') {
    const col = u[1].colname as string;
    table.columns.push(col);
    // The enum's own list: values added to the type later are added to the column too.
    const values = state.enums?.get(typeKey(u[1].typeName?.names));
    if (values) (table.allowedValues ??= new Map()).set(col, values);
    for (const c of u[1].constraints ?? []) {
      if (referencesAuthUsers(c.Constraint)) table.authUserColumns.push(col);
      if (isUniqueConstraint(c.Constraint)) (table.uniqueKeys ??= []).push([col]);
      addAllowedValues(table, c.Constraint);
      const text = c.Constraint?.contype === 'CONSTR_DEFAULT' ? textConstant(c.Constraint.raw_expr) : undefined;
      if (text !== undefined) (table.textDefaults ??= new Map()).set(col, text);
    }
  } else if (u?.[0] === 'Constraint') {
    if (referencesAuthUsers(u[1])) table.authUserColumns.push(...names(u[1].fk_attrs));
    if (isUniqueConstraint(u[1]) && u[1].keys?.length) (table.uniqueKeys ??= []).push(names(u[1].keys));
    addAllowedValues(table, u[1]);
  }
}

/** A string constant, cast or not: `'pending'`, `'pending'::text`. */
function textConstant(expr: PgNode | undefined): string | undefined {
  const u = expr && unwrap(expr);
  if (u?.[0] === 'TypeCast') return textConstant(u[1].arg);
  return u?.[0] === 'A_Const' && u[1].sval ? (u[1].sval.sval ?? '') : undefined;
}

function addAllowedValues(table: Table, c: PgNode): void {
  const listed = c?.contype === 'CONSTR_CHECK' ? listedValues(c.raw_expr) : undefined;
  if (listed) (table.allowedValues ??= new Map()).set(listed.column, listed.values);
}

function isUniqueConstraint(c: PgNode): boolean {
  return c?.contype === 'CONSTR_PRIMARY' || c?.contype === 'CONSTR_UNIQUE';
}

/** `create unique index … on t (user_id)`: a key like a unique constraint (expression indexes name no column). */
function createIndex(state: DatabaseState, s: PgNode): void {
  const rel = relationKey(s.relation);
  const table = rel && state.tables.get(keyOf(rel.schema, rel.name));
  if (!table || !s.unique || s.whereClause) return;
  const columns: string[] = (s.indexParams ?? []).map((p: PgNode) => p.IndexElem?.name);
  if (columns.length > 0 && columns.every((c) => typeof c === 'string' && c !== '')) (table.uniqueKeys ??= []).push(columns);
}

function referencesAuthUsers(c: PgNode): boolean {
  return c?.contype === 'CONSTR_FOREIGN' && c.pktable?.schemaname === 'auth' && c.pktable?.relname === 'users';
}

function alterTable(state: DatabaseState, s: PgNode, origin: Origin): void {
  const rel = relationKey(s.relation);
  if (!rel) return;
  const key = keyOf(rel.schema, rel.name);
  if (s.objtype === 'OBJECT_VIEW' || state.views.has(key)) {
    const view = state.views.get(key);
    for (const c of s.cmds ?? []) {
      const cmd = c.AlterTableCmd;
      const options: PgNode[] = cmd?.def?.List?.items ?? [];
      for (const o of options) {
        if (o.DefElem?.defname !== 'security_invoker' || !view) continue;
        view.securityInvoker = cmd.subtype === 'AT_SetRelOptions' && isOn(o.DefElem.arg);
      }
    }
    return;
  }
  const table = state.tables.get(key);
  if (!table) return;
  for (const c of s.cmds ?? []) {
    const cmd = c.AlterTableCmd;
    switch (cmd?.subtype) {
      case 'AT_EnableRowSecurity':
        table.rls = true;
        table.rlsChanged = origin;
        break;
      case 'AT_DisableRowSecurity':
        table.rls = false;
        table.rlsChanged = origin;
        break;
      case 'AT_ForceRowSecurity':
        table.forced = true;
        break;
      case 'AT_NoForceRowSecurity':
        table.forced = false;
        break;
      case 'AT_AddColumn':
        addTableElement(state, table, cmd.def);
        break;
      case 'AT_AddConstraint':
        addTableElement(state, table, cmd.def);
        break;
      case 'AT_DropColumn':
        table.columns = table.columns.filter((col) => col !== cmd.name);
        table.authUserColumns = table.authUserColumns.filter((col) => col !== cmd.name);
        table.uniqueKeys = table.uniqueKeys?.filter((key) => !key.includes(cmd.name));
        table.allowedValues?.delete(cmd.name);
        table.textDefaults?.delete(cmd.name);
        break;
    }
  }
}

/** `security_invoker = true`, `= on`, `= 1`, or the bare option. */
function isOn(arg: PgNode): boolean {
  if (arg === undefined) return true;
  return ['true', 'on', '1', 'yes'].includes(String(defValue(arg) ?? '').toLowerCase());
}

function rename(state: DatabaseState, s: PgNode): void {
  const rel = relationKey(s.relation);
  if (!rel || !s.newname) return;
  const key = keyOf(rel.schema, rel.name);
  if (s.renameType === 'OBJECT_TABLE' || s.renameType === 'OBJECT_VIEW') {
    const table = state.tables.get(key);
    if (table) {
      state.tables.delete(key);
      table.name = s.newname;
      state.tables.set(keyOf(table.schema, table.name), table);
    }
    const view = state.views.get(key);
    if (view) {
      state.views.delete(key);
      view.name = s.newname;
      state.views.set(keyOf(view.schema, view.name), view);
    }
  } else if (s.renameType === 'OBJECT_COLUMN') {
    const table = state.tables.get(key);
    if (!table) return;
    table.columns = table.columns.map((c) => (c === s.subname ? s.newname : c));
    table.authUserColumns = table.authUserColumns.map((c) => (c === s.subname ? s.newname : c));
    table.uniqueKeys = table.uniqueKeys?.map((key) => key.map((c) => (c === s.subname ? s.newname : c)));
    const allowed = table.allowedValues?.get(s.subname);
    if (allowed) {
      table.allowedValues!.delete(s.subname);
      table.allowedValues!.set(s.newname, allowed);
    }
    const text = table.textDefaults?.get(s.subname);
    if (text !== undefined) {
      table.textDefaults!.delete(s.subname);
      table.textDefaults!.set(s.newname, text);
    }
  } else if (s.renameType === 'OBJECT_POLICY') {
    const policy = policiesOf(state, key)?.find((p) => p.name === s.subname);
    if (policy) policy.name = s.newname;
  }
}

function policiesOf(state: DatabaseState, key: string): Policy[] | undefined {
  if (key === 'storage.objects') return state.storagePolicies;
  return state.tables.get(key)?.policies;
}

function drop(state: DatabaseState, s: PgNode): void {
  for (const obj of s.objects ?? []) {
    const parts = obj.List ? names(obj.List.items) : obj.ObjectWithArgs ? names(obj.ObjectWithArgs.objname) : [str(obj) ?? ''];
    if (s.removeType === 'OBJECT_TABLE' || s.removeType === 'OBJECT_VIEW') {
      const key = parts.length > 1 ? keyOf(parts[0], parts[1]) : keyOf('public', parts[0]);
      state.tables.delete(key);
      state.views.delete(key);
    } else if (s.removeType === 'OBJECT_POLICY') {
      // [schema?, table, policy]
      const policy = parts[parts.length - 1];
      const key = parts.length > 2 ? keyOf(parts[0], parts[1]) : keyOf('public', parts[0]);
      const list = policiesOf(state, key);
      if (list) list.splice(0, list.length, ...list.filter((p) => p.name !== policy));
    } else if (s.removeType === 'OBJECT_FUNCTION' || s.removeType === 'OBJECT_ROUTINE' || s.removeType === 'OBJECT_PROCEDURE') {
      const name = parts.length > 1 ? keyOf(parts[0], parts[1]) : keyOf('public', parts[0]);
      const args = obj.ObjectWithArgs?.args_unspecified ? undefined : argsOf(obj.ObjectWithArgs?.objargs);
      for (const [key, fn] of state.functions) if (keyOf(fn.schema, fn.name) === name && (args === undefined || fn.args === args)) state.functions.delete(key);
    } else if (s.removeType === 'OBJECT_SCHEMA') {
      for (const map of [state.tables, state.views, state.functions] as Map<string, { schema: string }>[]) {
        for (const [key, v] of map) if (v.schema === parts[0]) map.delete(key);
      }
    }
  }
}

function command(name: string | undefined): Command {
  const c = (name ?? 'all').toLowerCase();
  return c === 'select' || c === 'insert' || c === 'update' || c === 'delete' ? c : 'all';
}

function createPolicy(state: DatabaseState, s: PgNode, origin: Origin): void {
  const rel = relationKey(s.table);
  if (!rel) return;
  const list = policiesOf(state, keyOf(rel.schema, rel.name));
  if (!list) return;
  const roles = (s.roles ?? []).map(roleName);
  list.push({
    name: s.policy_name,
    command: command(s.cmd_name),
    roles: roles.length ? roles : ['public'],
    permissive: s.permissive !== false,
    using: s.qual,
    withCheck: s.with_check,
    origin,
  });
}

function alterPolicy(state: DatabaseState, s: PgNode, origin: Origin): void {
  const rel = relationKey(s.table);
  if (!rel) return;
  const policy = policiesOf(state, keyOf(rel.schema, rel.name))?.find((p) => p.name === s.policy_name);
  if (!policy) return;
  if (s.roles?.length) policy.roles = s.roles.map(roleName);
  if (s.qual) policy.using = s.qual;
  if (s.with_check) policy.withCheck = s.with_check;
  policy.origin = origin;
}

function argsOf(list: PgNode[] | undefined): string {
  return (list ?? [])
    .map((a) => {
      const type = a.FunctionParameter?.argType ?? a.TypeName ?? unwrap(a)?.[1];
      if (a.FunctionParameter && (a.FunctionParameter.mode === 'FUNC_PARAM_OUT' || a.FunctionParameter.mode === 'FUNC_PARAM_TABLE')) return '';
      return names(type?.names).filter((n) => n !== 'pg_catalog').join('.');
    })
    .filter(Boolean)
    .join(',');
}

function inputNames(list: PgNode[] | undefined): string[] {
  return (list ?? []).flatMap((a) => {
    const p = a.FunctionParameter;
    return p?.name && p.mode !== 'FUNC_PARAM_OUT' && p.mode !== 'FUNC_PARAM_TABLE' ? [String(p.name)] : [];
  });
}

function createFunction(state: DatabaseState, defaults: Defaults, s: PgNode, origin: Origin): void {
  const parts = names(s.funcname);
  const schema = parts.length > 1 ? parts[0] : 'public';
  const name = parts[parts.length - 1];
  const args = argsOf(s.parameters);
  const key = `${keyOf(schema, name)}(${args})`;
  const previous = state.functions.get(key);
  const fn: SqlFunction = {
    schema,
    name,
    args,
    params: inputNames(s.parameters),
    securityDefiner: false,
    searchPathSet: false,
    returnsTrigger: ['trigger', 'event_trigger'].includes(names(s.returnType?.names).pop() ?? ''),
    returnsBoolean: ['bool', 'boolean'].includes(names(s.returnType?.names).pop() ?? '') && !s.returnType?.setof && !s.returnType?.arrayBounds?.length,
    readOnly: false,
    body: '',
    // CREATE OR REPLACE keeps the privileges of the function it replaces.
    execute: previous ? previous.execute : new Set(defaultsOf(defaults, schema).functions),
    origin,
  };
  applyFunctionOptions(fn, s.options);
  state.functions.set(key, fn);
}

function applyFunctionOptions(fn: SqlFunction, options: PgNode[] | undefined): void {
  for (const o of options ?? []) {
    const d = o.DefElem;
    if (!d) continue;
    if (d.defname === 'security') fn.securityDefiner = defValue(d.arg) === 'true';
    else if (d.defname === 'set' && d.arg?.VariableSetStmt?.name === 'search_path') fn.searchPathSet = d.arg.VariableSetStmt.kind !== 'VAR_RESET';
    else if (d.defname === 'as') fn.body = names(d.arg?.List?.items).join('\n');
    else if (d.defname === 'volatility') fn.readOnly = ['stable', 'immutable'].includes(String(defValue(d.arg) ?? '').toLowerCase());
  }
}

function alterFunction(state: DatabaseState, s: PgNode): void {
  const parts = names(s.func?.objname);
  const name = parts.length > 1 ? keyOf(parts[0], parts[1]) : keyOf('public', parts[0]);
  for (const fn of state.functions.values()) if (keyOf(fn.schema, fn.name) === name) applyFunctionOptions(fn, s.actions);
}

function grant(state: DatabaseState, s: PgNode): void {
  const roles: string[] = (s.grantees ?? []).map(roleName);
  const privileges: string[] = s.privileges?.length ? s.privileges.map((p: PgNode) => String(p.AccessPriv?.priv_name ?? '').toLowerCase()) : ['all'];
  if (s.objtype === 'OBJECT_TABLE') {
    const targets: (Table | View)[] = [];
    if (s.targtype === 'ACL_TARGET_ALL_IN_SCHEMA') {
      const schemas = names(s.objects);
      for (const t of [...state.tables.values(), ...state.views.values()]) if (schemas.includes(t.schema)) targets.push(t);
    } else {
      for (const o of s.objects ?? []) {
        const rel = relationKey(o.RangeVar);
        if (!rel) continue;
        const key = keyOf(rel.schema, rel.name);
        const t = state.tables.get(key) ?? state.views.get(key);
        if (t) targets.push(t);
      }
    }
    // `grant update (full_name, avatar_url) on profiles`, `grant insert (title) on posts`: column privileges, kept
    // apart from the table's. Other column privileges (`grant select (name) …`) count for the whole table.
    const columnWise = (i: number) => (s.privileges?.[i]?.AccessPriv?.cols?.length ? COLUMN_PRIVILEGES[privileges[i]] : undefined);
    const tableWide = privileges.filter((_, i) => !columnWise(i));
    for (const t of targets) {
      if (tableWide.length) changePrivileges(t.privileges, roles, tableWide, Boolean(s.is_grant));
      if (!('columns' in t)) continue;
      // Revoking a table privilege revokes it on every column too.
      for (const [privilege, field] of Object.entries(COLUMN_PRIVILEGES)) {
        if (!s.is_grant && (tableWide.includes(privilege) || tableWide.includes('all'))) for (const r of roles) t[field]?.delete(r);
      }
      privileges.forEach((_, i) => {
        const field = columnWise(i);
        if (!field) return;
        const cols: string[] = names(s.privileges[i].AccessPriv.cols);
        const byRole = (t[field] ??= new Map());
        for (const r of roles) {
          const set = byRole.get(r) ?? new Set<string>();
          for (const c of cols) (s.is_grant ? set.add(c) : set.delete(c));
          byRole.set(r, set);
        }
      });
    }
  } else if (s.objtype === 'OBJECT_FUNCTION' || s.objtype === 'OBJECT_ROUTINE') {
    const matches: SqlFunction[] = [];
    if (s.targtype === 'ACL_TARGET_ALL_IN_SCHEMA') {
      const schemas = names(s.objects);
      for (const fn of state.functions.values()) if (schemas.includes(fn.schema)) matches.push(fn);
    } else {
      for (const o of s.objects ?? []) {
        const parts = names(o.ObjectWithArgs?.objname);
        const name = parts.length > 1 ? keyOf(parts[0], parts[1]) : keyOf('public', parts[0]);
        for (const fn of state.functions.values()) if (keyOf(fn.schema, fn.name) === name) matches.push(fn);
      }
    }
    for (const fn of matches) for (const r of roles) (s.is_grant ? fn.execute.add(r) : fn.execute.delete(r));
  }
}

/** TRIGGER_TYPE_BEFORE, _INSERT and _UPDATE of Postgres's trigger.h, as libpg_query reports `timing` and `events`. */
const TRIGGER_BEFORE = 2;
const TRIGGER_INSERT = 4;
const TRIGGER_UPDATE = 16;

function createTrigger(state: DatabaseState, s: PgNode): void {
  const rel = relationKey(s.relation);
  if (!rel || !s.row || !(s.timing & TRIGGER_BEFORE)) return;
  const table = state.tables.get(keyOf(rel.schema, rel.name));
  if (!table) return;
  const fn = names(s.funcname).join('.');
  if (s.events & TRIGGER_UPDATE) (table.beforeUpdateTriggers ??= []).push(fn);
  if (s.events & TRIGGER_INSERT) (table.beforeInsertTriggers ??= []).push(fn);
}

/** Column-level privileges kept apart from the table's, and where a table keeps them. */
const COLUMN_PRIVILEGES: Record<string, 'updateColumns' | 'insertColumns'> = { update: 'updateColumns', insert: 'insertColumns' };

function changePrivileges(target: Map<string, Set<string>>, roles: string[], privileges: string[], isGrant: boolean): void {
  const expanded = privileges.includes('all') ? TABLE_PRIVILEGES : privileges;
  for (const role of roles) {
    const set = target.get(role) ?? new Set<string>();
    for (const p of expanded) (isGrant ? set.add(p) : set.delete(p));
    if (set.size) target.set(role, set);
    else target.delete(role);
  }
}

function alterDefaults(defaults: Defaults, s: PgNode): void {
  const schemas = (s.options ?? []).flatMap((o: PgNode) => (o.DefElem?.defname === 'schemas' ? names(o.DefElem.arg?.List?.items) : []));
  const action = s.action;
  if (!action) return;
  const roles: string[] = (action.grantees ?? []).map(roleName);
  const privileges: string[] = action.privileges?.length ? action.privileges.map((p: PgNode) => String(p.AccessPriv?.priv_name ?? '').toLowerCase()) : ['all'];
  for (const schema of schemas.length ? schemas : ['public']) {
    const d = defaultsOf(defaults, schema);
    if (action.objtype === 'OBJECT_TABLE') changePrivileges(d.tables, roles, privileges, Boolean(action.is_grant));
    else if (action.objtype === 'OBJECT_FUNCTION' || action.objtype === 'OBJECT_ROUTINE') for (const r of roles) (action.is_grant ? d.functions.add(r) : d.functions.delete(r));
  }
}

function createView(state: DatabaseState, defaults: Defaults, s: PgNode, origin: Origin): void {
  const rel = relationKey(s.view);
  if (!rel) return;
  const key = keyOf(rel.schema, rel.name);
  const previous = state.views.get(key);
  const invoker = (s.options ?? []).some((o: PgNode) => o.DefElem?.defname === 'security_invoker' && isOn(o.DefElem.arg));
  state.views.set(key, {
    ...rel,
    securityInvoker: invoker,
    reads: relationsRead(s.query),
    privileges: previous ? previous.privileges : copyPrivileges(defaultsOf(defaults, rel.schema).tables),
    origin,
  });
}

function isBuckets(rel: PgNode): boolean {
  return rel?.schemaname === 'storage' && rel?.relname === 'buckets';
}

function insertBucket(state: DatabaseState, s: PgNode, origin: Origin): void {
  if (!isBuckets(s.relation)) return;
  const cols: string[] = (s.cols ?? []).map((c: PgNode) => c.ResTarget?.name);
  for (const row of s.selectStmt?.SelectStmt?.valuesLists ?? []) {
    const values: PgNode[] = row.List?.items ?? [];
    const get = (col: string) => {
      const i = cols.indexOf(col);
      const v = i >= 0 ? unwrap(values[i]) : undefined;
      return v?.[0] === 'A_Const' ? v[1] : v?.[0] === 'TypeCast' ? unwrap(v[1].arg)?.[1] : undefined;
    };
    const id = get('id')?.sval?.sval ?? get('name')?.sval?.sval;
    if (!id) continue;
    const pub = get('public');
    state.buckets.set(id, { id, public: pub?.boolval?.boolval === true || pub?.sval?.sval === 'true', origin });
  }
}

function updateBucket(state: DatabaseState, s: PgNode, origin: Origin): void {
  if (!isBuckets(s.relation)) return;
  const set = (s.targetList ?? []).find((t: PgNode) => t.ResTarget?.name === 'public');
  if (!set) return;
  const value = unwrap(set.ResTarget.val);
  const isPublic = value?.[0] === 'A_Const' && value[1].boolval?.boolval === true;
  // `where id = 'avatars'`; without a recognisable filter every bucket changes.
  const where = unwrap(s.whereClause);
  const id = where?.[0] === 'A_Expr' ? unwrap(where[1].rexpr)?.[1]?.sval?.sval : undefined;
  for (const bucket of state.buckets.values()) {
    if (id === undefined || bucket.id === id) {
      bucket.public = isPublic;
      bucket.origin = origin;
    }
  }
}

