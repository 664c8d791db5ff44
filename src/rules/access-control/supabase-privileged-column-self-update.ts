import { callerColumns, columnsOf, isAlwaysFalse } from '../../database/expressions.js';
import type { DatabaseState, PgNode, Table } from '../../database/types.js';
import { defineProjectRule } from '../../engine/rule.js';
import { isGrantColumn, RIGHTS } from './model-fields.js';
import { apiRolesOf, databasesOf, isExposed, qualified, reportAt } from './supabase-model.js';
import { escapeRegExp } from '../../engine/escape-regexp.js';

/**
 * An UPDATE (or ALL) policy through which signed-in users change rows, on a table with a column that grants rights
 * or money (`role`, `is_admin`, `credits`, `plan`), when nothing keeps them from changing that column: the API roles
 * may update it, the policy's check does not mention it, and no BEFORE UPDATE trigger guards it. Likewise an
 * INSERT policy through which users add rows with that column set as they like (an order already `paid`, a team
 * membership as `owner`), unless the row is made for each user at sign-up and keyed by their id.
 */
export const supabasePrivilegedColumnSelfUpdate = defineProjectRule({
  id: 'supabase-privileged-column-self-update',
  messageIds: ['selfUpdate', 'selfInsert'],
  check(ctx) {
    for (const db of databasesOf(ctx)) {
      for (const table of db.tables.values()) {
        if (!table.rls || !isExposed(db, table)) continue;
        const reserved = reservedColumns(table);
        const privileged = table.columns.filter((c) => (grants(table, c) || reserved.includes(c) || limitKind(table, c) !== undefined || settledValue(table, c) !== undefined) && !isSpeaker(table, c));
        if (privileged.length === 0) continue;
        const updatable = unguarded(db, table.beforeUpdateTriggers, privileged);
        // A new row's usage count starts where the user likes, which costs nothing; its cap is another matter.
        const insertable = madeAtSignUp(db, table) ? [] : unguarded(db, table.beforeInsertTriggers, privileged.filter((c) => limitKind(table, c) !== 'count'));
        for (const policy of table.policies) {
          const roles = apiRolesOf(policy);
          if (!policy.permissive || roles.length === 0) continue;
          const update = policy.command === 'update' || policy.command === 'all';
          if (!update && policy.command !== 'insert') continue;
          // Rights asked of the user (`has_role(auth.uid(), 'admin')`): the policy is for admins.
          if (asksForRights((update ? policy.using : policy.withCheck) as PgNode | undefined)) continue;
          // `using (false)`: no row gets through (the table is the service role's to write).
          if (isAlwaysFalse(update ? policy.using : policy.withCheck ?? policy.using)) continue;
          // For INSERT only the check applies; an UPDATE or ALL policy without one checks new rows with its USING.
          const pinned = new Set([...columnsOf(policy.withCheck), ...(policy.withCheck ? [] : columnsOf(policy.using))]);
          // A reviewers' own policy (a manager's, beside an admin role) sets the decisions kept for them.
          const reviewers = RIGHTS.test(JSON.stringify((update ? policy.using : policy.withCheck) ?? null));
          const open = (update ? updatable : insertable).filter((c) => !pinned.has(c) && !(reviewers && reserved.includes(c)) && roles.some((r) => may(table, update ? 'update' : 'insert', r, c)));
          if (open.length === 0) continue;
          reportAt(ctx, policy.origin, {
            messageId: update ? 'selfUpdate' : 'selfInsert',
            data: { policy: policy.name, table: qualified(table), name: table.name, columns: open.map((c) => `\`${c}\``).join(', '), column: open[0], gain: gainOf(table, open) },
            severity: open.some((c) => RIGHTS.test(c)) ? 'critical' : 'high',
          });
        }
      }
    }
  },
});

/**
 * The columns no BEFORE UPDATE (or INSERT) trigger may refuse or undo a change of: a trigger function that names a
 * column (`new.role := old.role`, `if new.credits <> old.credits then raise …`) guards it; one that raises on a
 * condition about no column of the row (`if not is_admin() then raise …`), or is not in the migrations read, guards
 * them all. One that raises only over other columns (`if new.user_id <> auth.uid()`, a name's length) guards the
 * others no more than the `updated_at` trigger Lovable puts on every table, or `moddatetime`.
 */
function unguarded(db: DatabaseState, triggers: string[] | undefined, columns: string[]): string[] {
  let open = columns;
  for (const name of triggers ?? []) {
    const [schema, fn] = name.includes('.') ? name.split('.', 2) : ['public', name];
    // The moddatetime extension only stamps a time column.
    if (fn === 'moddatetime') continue;
    const found = [...db.functions.values()].filter((f) => f.schema === schema && f.name === fn);
    // One not in the migrations read whose name says it stamps the time of the change (`update_updated_at_column`,
    // Lovable's on every table, made in an earlier migration or the dashboard) guards nothing either.
    if (found.length === 0 && TIMESTAMP_TRIGGER.test(fn)) continue;
    if (found.length === 0 || found.some((f) => raisesOverNoColumn(f.body))) return [];
    open = open.filter((c) => !found.some((f) => new RegExp(`\\b(?:new|old)\\s*\\.\\s*"?${escapeRegExp(c)}\\b`, 'i').test(f.body)));
  }
  return open;
}

/** Trigger functions named for stamping the time of a change: `update_updated_at_column`, `set_updated_at`, `trigger_set_timestamp`. */
const TIMESTAMP_TRIGGER = /^(?:(?:update|set|handle|touch|trigger_set|trigger_update)_)?(?:updated_at|modified_at|update_time|timestamps?)(?:_(?:column|timestamp|trigger))?$/i;

/** `raise exception …`, or `raise '…'` (an exception too); not `raise notice`. */
const RAISES = /\braise\b(?!\s+(?:notice|warning|info|log|debug)\b)/i;

/** A `raise` whose `if` asks about no column of the row (`new.x`, `old.x`): a check of who is writing, which guards every column. */
function raisesOverNoColumn(body: string): boolean {
  if (!RAISES.test(body)) return false;
  // A trigger function is short; one too long to read in reasonable time is taken as guarding everything.
  if (body.length > 20_000) return true;
  const conditions = [...body.matchAll(/\b(?:if|elsif)\b([\s\S]*?)\bthen\b([\s\S]*?)(?=\b(?:elsif|else|end\s+if)\b)/gi)].filter((m) => RAISES.test(m[2]));
  // A raise outside any `if` we can read refuses every write.
  if (conditions.length === 0) return true;
  return conditions.some((m) => !/\b(?:new|old)\s*\.\s*"?\w/i.test(m[1]));
}

/**
 * Each user's row is made at sign-up, keyed by their id: a trigger function inserts the new user's row
 * (`insert into public.profiles (id, …) values (new.id, …)`, the `handle_new_user` of Supabase's guides), and the
 * table's primary key or a unique key is a user's id (it references `auth.users`, or the insert policy pins it to
 * the caller's). Users asking to insert a row again only meet the key: nothing they choose is ever written.
 */
function madeAtSignUp(db: DatabaseState, table: Table): boolean {
  const userKeys = new Set([...table.authUserColumns, ...table.policies.flatMap((p) => (p.command === 'insert' ? callerColumns(p.withCheck) : []))]);
  if (!(table.uniqueKeys ?? []).some((key) => key.length === 1 && userKeys.has(key[0]))) return false;
  const inserts = new RegExp(`\\binsert\\s+into\\s+(?:"?${escapeRegExp(table.schema)}"?\\s*\\.\\s*)?"?${escapeRegExp(table.name)}"?[\\s(]`, 'i');
  return [...db.functions.values()].some((f) => f.returnsTrigger && inserts.test(f.body) && /\bnew\s*\.\s*"?id\b/i.test(f.body));
}

/** Who said a chat message (`role in ('user', 'assistant')`, or `role` beside the content of a messages table): not a right. */
function isSpeaker(table: Table, column: string): boolean {
  const allowed = table.allowedValues?.get(column);
  if (allowed) return allowed.every((v) => SPEAKERS.has(v.toLowerCase()));
  return /^role$/i.test(column) && /(?:^|_)(?:messages?|chats?|conversations?|turns?)$/i.test(table.name) && table.columns.some((c) => /^(?:content|message|text|body)$/i.test(c));
}

const SPEAKERS = new Set(['user', 'assistant', 'system', 'tool', 'function', 'model', 'human', 'ai', 'bot']);

/**
 * The condition lets through only users with rights (`has_role(auth.uid(), 'admin')`): every way of meeting it asks
 * for them. `auth.uid() = user_id OR has_role(…)` lets each owner through too.
 */
function asksForRights(expr: PgNode | undefined): boolean {
  const bool = expr?.BoolExpr as { boolop?: string; args?: PgNode[] } | undefined;
  if (bool?.boolop === 'OR_EXPR') return (bool.args ?? []).every(asksForRights);
  if (bool?.boolop === 'AND_EXPR') return (bool.args ?? []).some(asksForRights);
  return RIGHTS.test(JSON.stringify(expr ?? null));
}

/** The role (or PUBLIC, which every role belongs to) may update or insert the column: a table privilege or a column one. */
function may(table: Table, privilege: 'update' | 'insert', role: string, column: string): boolean {
  const columns = privilege === 'update' ? table.updateColumns : table.insertColumns;
  return [role, 'public'].some((r) => table.privileges.get(r)?.has(privilege) || columns?.get(r)?.has(column));
}

/** Statuses that say a payment went through; on tables of orders, bookings or subscriptions also those that say it is done. */
const PAID_VALUE = /^(?:paid|succeeded|captured|settled|payment_?(?:received|confirmed|completed))$/i;
const SETTLED_VALUE = /^(?:completed?|confirmed|success(?:ful)?|approved|active)$/i;
const PAYABLE_TABLE = /order|payment|transaction|purchase|invoice|booking|reservation|subscription|enrol?ment|checkout/i;

/**
 * The value of a status column (by its CHECK list or enum type) that marks a record paid, as users could set it
 * themselves: `status text check (status in ('pending', 'paid'))` on `orders`.
 */
function settledValue(table: Table, column: string): string | undefined {
  const values = table.allowedValues?.get(column);
  if (!/status|state/i.test(column)) return undefined;
  if (!values) return pendingStatus(table, column) !== undefined ? PAID_ANY : undefined;
  return values.find((v) => PAID_VALUE.test(v)) ?? (PAYABLE_TABLE.test(table.name) ? values.find((v) => SETTLED_VALUE.test(v)) : undefined);
}

/** Stands for "paid" where no list says how the table spells it. */
const PAID_ANY = '';
/** Defaults of a payment's status before it is paid: `status text default 'pending'` on `plan_purchases`. */
const PENDING_VALUE = /^(?:pending|unpaid|awaiting[_ ]?payment|initiated|requires_payment\w*|not_?paid)$/i;
/** Tables whose rows a user makes as the one who pays (not invoices, which the user issues to someone else). */
const BOUGHT_TABLE = /order|payment|transaction|purchase|booking|reservation|subscription|enrol?ment|checkout/i;

/**
 * A free-text status column of a table of payments or orders that starts out unpaid (`default 'pending'`): with no
 * list of allowed values, whoever may set it may write `paid` or `completed` as the code spells them.
 */
function pendingStatus(table: Table, column: string): string | undefined {
  const text = table.textDefaults?.get(column);
  return text !== undefined && BOUGHT_TABLE.test(table.name) && PENDING_VALUE.test(text) ? text : undefined;
}

/**
 * A usage count or cap that enforces a limit: counts (`current_usage`, and on a table kept for usage or limits such
 * as `usage_tracking`, `generation_count`, `requests_used`), which a user who may update them resets, and caps
 * (`max_usage`, `daily_limit`, `monthly_quota`), which a user who may write them raises, on a new row too.
 */
function limitKind(table: Table, column: string): 'count' | 'cap' | undefined {
  if (/(?:^|_)(?:notes?|text|description|type|reason|at|date|period)$/i.test(column)) return undefined;
  if (/(?:^|_)(?:limit|limits|quota|allowance|max)(?:_|$)/i.test(column) && (/(?:^|_)(?:limit|limits|quota|allowance)(?:_|$)/i.test(column) || /usage|limit|quota|plan|subscri|credit/i.test(`${table.name} ${column}`))) return 'cap';
  if (/(?:^|_)usage(?:_|$)/i.test(column)) return 'count';
  return /usage|limit|quota/i.test(table.name) && /(?:^|_)(?:count|used)(?:_|$)/i.test(column) ? 'count' : undefined;
}

/** `points` are a user's own only on an account or reward table; a quiz question's or a task's points grant nothing. */
function grants(table: Table, column: string): boolean {
  if (!isGrantColumn(column)) return false;
  // A kind of account the user picks, by the values it may hold (`check (user_type in ('USER', 'ORGANIZATION'))`).
  const values = table.allowedValues?.get(column);
  if (ACCOUNT_TYPE.test(column) && values?.length && !values.some((v) => PRIVILEGED_VALUE.test(v))) return false;
  return !/^points$/i.test(column) || /^(?:profiles?|users?|accounts?|members?|customers?|wallets?|user_\w+|\w*(?:reward|loyalty|point)\w*)$/i.test(table.name);
}

/** A kind of account (not a role, whose values may all be rights: a `seller` lists goods a `customer` cannot). */
const ACCOUNT_TYPE = /^(?:user|account|profile|member)_?type$/i;
/** Values of an account type that grant more than the others. */
const PRIVILEGED_VALUE = /admin|staff|moder|super|owner|manager|premium|\bpro\b|paid|vip|verified|enterprise|partner|editor|root/i;

/** A grade or an approval: decided by a reviewer, not by the person whose work or request it is. */
const DECISION_COLUMN = /^(?:score|grade|grades|marks?|approved|is_?approved|approved_?by)$/i;
/** A status is one when the values it may hold say so (`check (status in ('pending', 'approved', 'rejected'))`). */
const STATUS_COLUMN = /^(?:status|approval_?status|review_?status|state)$/i;
const APPROVAL_VALUE = /approv|reject|verif|den(?:y|ied)|aprob|rechaz/i;

function isDecision(table: Table, column: string): boolean {
  if (DECISION_COLUMN.test(column)) return true;
  return STATUS_COLUMN.test(column) && (table.allowedValues?.get(column) ?? []).some((v) => APPROVAL_VALUE.test(v));
}

/**
 * Columns a table keeps for reviewers: when a policy lets only some roles update its rows (`has_role(auth.uid(),
 * 'teacher')`, a manager's role), its grades and approvals are theirs to set, not the owner's (a student's own score,
 * an employee's own leave request marked approved).
 */
function reservedColumns(table: Table): string[] {
  // (A reviewer's way in may sit beside another: `manager_id = auth.uid() or get_user_role(auth.uid()) = 'admin'`.)
  const reviewed = table.policies.some((p) => p.permissive && (p.command === 'update' || p.command === 'all') && RIGHTS.test(JSON.stringify(p.using ?? null)));
  return reviewed ? table.columns.filter((c) => isDecision(table, c)) : [];
}

function gainOf(table: Table, columns: string[]): string {
  const settled = columns.map((c) => settledValue(table, c)).find((v) => v !== undefined);
  if (settled === PAID_ANY && !columns.some(isGrantColumn)) {
    const column = columns.find((c) => pendingStatus(table, c) !== undefined)!;
    return `a row of \`${table.name}\` marked paid without paying (\`${column}\` starts as \`${pendingStatus(table, column)}\`, and nothing limits what it becomes)`;
  }
  if (settled && !columns.some(isGrantColumn)) return `a row of \`${table.name}\` marked \`${settled}\` without paying`;
  const reserved = reservedColumns(table);
  if (!columns.some(isGrantColumn) && columns.some((c) => reserved.includes(c))) return 'a decision these rules keep for reviewers (a grade, an approval) made by the person it is about';
  const c = columns.join(' ');
  if (RIGHTS.test(c)) return 'admin rights';
  if (/balance|credit|quota|points|wallet|\bxp\b|\bcoins?\b|\bgems?\b/i.test(c)) return 'as many credits as they like';
  if (/plan|tier|subscri|premium|is_?pro/i.test(c)) return 'a paid plan for free';
  if (columns.some((col) => limitKind(table, col))) return 'their usage reset or their own limit raised, for as much use as they like';
  if (/paid|payment/i.test(c)) return 'an order marked paid without paying';
  if (/banned/i.test(c)) return 'a lifted ban';
  if (/customer/i.test(c)) return "another customer's billing account";
  return 'a verified or approved status';
}
