import { escapeRegExp } from '../../engine/escape-regexp.js';
import { defineProjectRule } from '../../engine/rule.js';
import { databasesOf, isExposed, qualified, reportAt } from './supabase-model.js';

/**
 * SECURITY DEFINER functions run with their owner's rights (usually `postgres`, which bypasses RLS). In an
 * exposed schema anyone holding EXECUTE can call them at `/rest/v1/rpc/<name>`; Postgres grants EXECUTE to
 * PUBLIC and Supabase to `anon` unless revoked. Without a fixed `search_path` a caller's objects can shadow
 * the ones the function means. Trigger functions cannot be called through the API.
 */
export const supabaseSecurityDefinerExposed = defineProjectRule({
  id: 'supabase-security-definer-exposed',
  messageIds: ['callableByAnon', 'callablePredicate', 'mutableSearchPath'],
  check(ctx) {
    for (const db of databasesOf(ctx)) {
      for (const fn of db.functions.values()) {
        if (!fn.securityDefiner) continue;
        const name = qualified(fn);
        if (!fn.returnsTrigger && isExposed(db, fn) && (fn.execute.has('public') || fn.execute.has('anon')) && !checksCaller(fn.body) && !findsBySecret(fn.params, fn.body)) {
          // A read-only yes-or-no check (`has_role(user, role)`, the RLS helper Supabase's docs show) tells
          // something about the rows or users it is asked about, and can change nothing.
          if (fn.returnsBoolean && (fn.readOnly || readsOnly(fn.body))) reportAt(ctx, fn.origin, { messageId: 'callablePredicate', data: { name, rpc: fn.name }, severity: 'low' });
          else reportAt(ctx, fn.origin, { messageId: 'callableByAnon', data: { name, rpc: fn.name } });
        }
        if (!fn.searchPathSet) reportAt(ctx, fn.origin, { messageId: 'mutableSearchPath', data: { name }, severity: 'medium' });
      }
    }
  },
});

/** The caller's id or claims: `auth.uid()`, `(select auth.uid())`, `auth.jwt()`, `auth.role()`. */
const CALLER = String.raw`\bauth\s*\.\s*(?:uid|jwt|role)\s*\(\s*\)`;
/** `IF … THEN RAISE EXCEPTION` / `… THEN RETURN`: the condition under which the function turns the caller away. */
const REFUSAL = /(?<!\bend\s{1,10})\bif\b((?:(?!\bthen\b|;)[\s\S]){1,600})\bthen\s+(?:raise\s+exception|return\b)/gi;
const CALLER_RE = new RegExp(CALLER, 'i');
/** `auth.uid() IS NULL`: only whether someone is signed in, which any visitor can be. */
const SIGNED_IN_ONLY = new RegExp(String.raw`\(?\s*(?:select\s+)?${CALLER}\s*\)?\s+is\s+(?:not\s+)?null`, 'gi');
/** `WHERE user_id = auth.uid()`: it only reaches the caller's own rows. */
const OWN_ROWS = new RegExp(String.raw`\bwhere\b[^;]*?(?:=\s*\(?\s*(?:select\s+)?${CALLER}|${CALLER}\s*\)?\s*=)`, 'i');

/**
 * The body checks who calls, beyond being signed in, before it does anything (the way Supabase's guides and Lovable
 * write admin RPCs), or limits every statement to the caller's rows: then calling it through the API gives nobody more than RLS would.
 */
function checksCaller(body: string): boolean {
  const code = body.replace(/--[^\n]*/g, '');
  const vars = callerVariables(code);
  const mentionsCaller = (cond: string) => CALLER_RE.test(cond) || [...vars].some((v) => new RegExp(`\\b${v}\\b`, 'i').test(cond));
  // `IF NOT is_org_admin(auth.uid(), _org) THEN RAISE EXCEPTION`, `IF _owner <> auth.uid() THEN …`, and through
  // variables: `v_uid uuid := auth.uid(); SELECT role INTO v_role FROM profiles WHERE id = v_uid; IF v_role <> 'admin' THEN …`.
  for (const m of code.matchAll(REFUSAL)) {
    const cond = m[1].replace(SIGNED_IN_ONLY, '').replace(/\b(\w+)\s+is\s+(?:not\s+)?null\b/gi, (all, v: string) => (vars.has(v.toLowerCase()) ? '' : all));
    if (mentionsCaller(cond)) return true;
  }
  // A `select` of values alone (`return query select used, lim`) reads no table.
  const statements = code.split(';').filter((st) => /\b(?:select|insert|update|delete)\b/i.test(st) && !/\braise\b/i.test(st) && !/^\s*(?:return\s+query\s+)?select\b(?![\s\S]*\b(?:from|into)\b)/i.test(st));
  // Through a variable holding the caller's id (`uid uuid := auth.uid()`) as well as directly.
  const names = [...vars].map(escapeRegExp).join('|');
  const viaVariable = names ? new RegExp(`\\b(?:${names})\\b`, 'i') : undefined;
  const ownViaVariable = names ? new RegExp(`\\bwhere\\b[^;]*?(?:=\\s*(?:${names})\\b|\\b(?:${names})\\s*=)`, 'i') : undefined;
  // `delete from profiles where id = auth.uid()`, `insert into logs (user_id) values (auth.uid())`.
  return statements.length > 0 && statements.every((st) => (CALLER_RE.test(st) || !!viaVariable?.test(st)) && (!/\b(?:update|delete)\b/i.test(st) || OWN_ROWS.test(st) || !!ownViaVariable?.test(st)));
}

/** Words of SQL that a `word type = auth.uid()` pattern can start at inside a statement (`where user_id = …`). */
const SQL_WORDS = new Set(['where', 'and', 'or', 'on', 'set', 'when', 'then', 'else', 'not', 'select', 'having', 'using', 'check', 'return', 'returns', 'if']);

/**
 * Variables that hold the caller's id or what is read about the caller: `v_uid uuid := auth.uid()`,
 * `v_uid := (select auth.uid())`, `SELECT role INTO v_role FROM profiles WHERE id = v_uid`. Lower-cased.
 */
function callerVariables(code: string): Set<string> {
  const vars = new Set<string>();
  // A declaration with its type (`v_uid uuid := …`, `= …`, `default …`) or an assignment (`v_uid := …`); not a
  // comparison in a WHERE clause (`where user_id = auth.uid()`).
  for (const m of code.matchAll(new RegExp(String.raw`\b(\w+)(?:\s+[\w.%]+(?:\s*\(\s*\d+\s*\))?\s*(?::=|=|\bdefault\b)|\s*:=)\s*\(?\s*(?:select\s+)?${CALLER}`, 'gi'))) {
    if (!SQL_WORDS.has(m[1].toLowerCase())) vars.add(m[1].toLowerCase());
  }
  // Two rounds: a record read by the caller's id, then one read by what that record holds.
  for (let round = 0; round < 2; round++) {
    for (const m of code.matchAll(/\bselect\b((?:(?!;)[\s\S]){0,400}?)\binto\s+(?:strict\s+)?(\w+)((?:(?!;)[\s\S]){0,600})/gi)) {
      const where = /\bwhere\b([\s\S]*)/i.exec(m[3])?.[1] ?? '';
      if (CALLER_RE.test(where) || [...vars].some((v) => new RegExp(`\\b${v}\\b`, 'i').test(where))) vars.add(m[2].toLowerCase());
    }
  }
  return vars;
}

/** A column that holds a secret link or code: `token`, `invite_token`, `invitation_code`, `share_code`, `secret`. */
const LINK_SECRET_COLUMN = /^(?:\w+_)?(?:token|secret)$|^(?:invite|invitation|share|access|join)_?code$/i;

/**
 * A read-only lookup by a secret the caller must already hold (`get_invitation_by_token(invitation_token)`: `where
 * i.token = invitation_token`), the way an invitation or share link is opened before sign-in. It shows the one row
 * that secret names, and only to whoever has it, like a route that finds a record by a token from the link.
 */
function findsBySecret(names: string[], body: string): boolean {
  if (names.length === 0) return false;
  const code = body.replace(/--[^\n]*/g, '');
  const statements = code.split(';').filter((st) => /\b(?:select|insert|update|delete)\b/i.test(st));
  if (statements.length === 0 || statements.some((st) => /\b(?:insert|update|delete)\b/i.test(st))) return false;
  const isArg = (w: string) => names.some((n) => n.toLowerCase() === w.toLowerCase());
  return statements.every((st) => {
    const where = /\bwhere\b([\s\S]*)/i.exec(st)?.[1] ?? '';
    for (const m of where.matchAll(/(?:\b\w+\.)?(\w+)\s*=\s*(?:\b\w+\.)?(\w+)/g)) {
      const [, left, right] = m;
      if ((LINK_SECRET_COLUMN.test(left) && isArg(right)) || (LINK_SECRET_COLUMN.test(right) && isArg(left))) return true;
    }
    return false;
  });
}

/** A body that only reads: no statement that writes, changes the schema or runs other code (`perform`, dynamic SQL). */
function readsOnly(body: string): boolean {
  const code = body.replace(/--[^\n]*/g, '').replace(/'(?:[^']|'')*'/g, "''");
  return /\bselect\b/i.test(code) && !/\b(?:insert|update|delete|truncate|merge|alter|drop|create|grant|revoke|perform|execute|call|copy|nextval|setval)\b/i.test(code);
}
