import { constText, names, unwrap, walk } from './nodes.js';
import type { PgNode } from './types.js';

/** `true` as the whole expression: the policy lets every row through. */
export function isAlwaysTrue(expr: PgNode | undefined): boolean {
  return isConstantBoolean(expr, true);
}

/** `false` as the whole expression: the policy lets no row through (`for all using (false)`, kept for the service role). */
export function isAlwaysFalse(expr: PgNode | undefined): boolean {
  return isConstantBoolean(expr, false);
}

/** `true`, `true::boolean`, `'t'::bool` (or the same for `false`). */
function isConstantBoolean(expr: PgNode | undefined, value: boolean): boolean {
  const u = unwrap(expr);
  if (!u) return false;
  if (u[0] === 'A_Const') return constText(u[1]) === String(value);
  if (u[0] === 'TypeCast') return isConstantBoolean(u[1].arg, value) || (value ? ['t', 'true'] : ['f', 'false']).includes(String(constText(unwrap(u[1].arg)?.[1] ?? {}) ?? ''));
  return false;
}

/** `auth.uid()`, `(select auth.uid())`, `auth.role()`… for the given auth function. */
function isAuthCall(expr: PgNode, fn: string): boolean {
  const u = unwrap(expr);
  if (!u) return false;
  if (u[0] === 'FuncCall') return names(u[1].funcname).join('.') === `auth.${fn}`;
  if (u[0] === 'SubLink' && u[1].subLinkType === 'EXPR_SUBLINK') {
    const target = unwrap(u[1].subselect)?.[1]?.targetList;
    return Array.isArray(target) && target.length === 1 && isAuthCall(target[0]?.ResTarget?.val, fn);
  }
  if (u[0] === 'TypeCast') return isAuthCall(u[1].arg, fn);
  return false;
}

function isConst(expr: PgNode, value: string): boolean {
  const u = unwrap(expr);
  if (u?.[0] === 'TypeCast') return isConst(u[1].arg, value);
  return u?.[0] === 'A_Const' && constText(u[1]) === value;
}

/** `auth.role()`, `auth.jwt() ->> 'role'`, `current_user`: the session's role. */
function isSessionRole(expr: PgNode): boolean {
  if (isAuthCall(expr, 'role')) return true;
  const u = unwrap(expr);
  if (u?.[0] === 'A_Expr' && names(u[1].name)[0] === '->>' && isAuthCall(u[1].lexpr, 'jwt') && isConst(u[1].rexpr, 'role')) return true;
  if (u?.[0] === 'SQLValueFunction' && u[1].op === 'SVFOP_CURRENT_USER') return true;
  return false;
}

/**
 * The expression only asks "is there a signed-in user?" (`auth.role() = 'authenticated'`, `auth.uid() IS NOT
 * NULL`), combined with AND/OR: it says nothing about which rows that user may touch.
 */
export function isSignedInOnly(expr: PgNode | undefined): boolean {
  const u = unwrap(expr);
  if (!u) return false;
  const [kind, body] = u;
  if (kind === 'BoolExpr' && body.boolop !== 'NOT_EXPR') {
    const args: PgNode[] = body.args ?? [];
    return args.length > 0 && args.every((a) => isSignedInOnly(a) || isAlwaysTrue(a));
  }
  if (kind === 'NullTest') return body.nulltesttype === 'IS_NOT_NULL' && isAuthCall(body.arg, 'uid');
  if (kind === 'A_Expr' && body.kind === 'AEXPR_OP') {
    const op = names(body.name)[0];
    const pairs: [PgNode, PgNode][] = [[body.lexpr, body.rexpr], [body.rexpr, body.lexpr]];
    if (op === '=') return pairs.some(([a, b]) => isSessionRole(a) && isConst(b, 'authenticated'));
    if (op === '<>' || op === '!=') return pairs.some(([a, b]) => isSessionRole(a) && isConst(b, 'anon'));
  }
  return false;
}

/** The expression reads the JWT's `user_metadata` (or `raw_user_meta_data`), which every user can edit. */
export function readsUserMetadata(expr: PgNode | undefined): boolean {
  if (!expr) return false;
  let jwt = false;
  let key = false;
  for (const [kind, body] of walk(expr)) {
    if (kind === 'FuncCall' && names(body.funcname).join('.') === 'auth.jwt') jwt = true;
    if (kind === 'A_Const' && typeof body.sval?.sval === 'string' && /(^|[{,\s])user_metadata($|[},\s])/.test(body.sval.sval)) key = true;
    if (kind === 'ColumnRef' && names(body.fields).includes('raw_user_meta_data')) return true;
  }
  return jwt && key;
}

/** Columns the expression requires to equal the caller's id (`auth.uid() = id`, `user_id = (select auth.uid())`). */
export function callerColumns(expr: PgNode | undefined): string[] {
  const u = unwrap(expr);
  if (!u) return [];
  const [kind, body] = u;
  if (kind === 'BoolExpr' && body.boolop === 'AND_EXPR') return (body.args ?? []).flatMap(callerColumns);
  if (kind !== 'A_Expr' || body.kind !== 'AEXPR_OP' || names(body.name)[0] !== '=') return [];
  const pairs: [PgNode, PgNode][] = [[body.lexpr, body.rexpr], [body.rexpr, body.lexpr]];
  for (const [a, b] of pairs) {
    if (!isAuthCall(a, 'uid')) continue;
    let side = unwrap(b);
    if (side?.[0] === 'TypeCast') side = unwrap(side[1].arg);
    const n = side?.[0] === 'ColumnRef' ? names(side[1].fields) : [];
    if (n.length) return [n[n.length - 1]];
  }
  return [];
}

/** A check that lists a column's values: `role in ('user', 'assistant')`, `plan = any (array['free', 'pro'])`. */
export function listedValues(expr: PgNode | undefined): { column: string; values: string[] } | undefined {
  const u = unwrap(expr);
  if (u?.[0] !== 'A_Expr' || names(u[1].name)[0] !== '=' || (u[1].kind !== 'AEXPR_IN' && u[1].kind !== 'AEXPR_OP_ANY')) return undefined;
  const left = unwrap(u[1].lexpr);
  const column = left?.[0] === 'ColumnRef' ? names(left[1].fields).at(-1) : undefined;
  const right = unwrap(u[1].rexpr);
  const items: PgNode[] = right?.[0] === 'List' ? right[1].items : right?.[0] === 'A_ArrayExpr' ? right[1].elements : [];
  const values = (items ?? []).map((item) => {
    const v = unwrap(item);
    const c = v?.[0] === 'TypeCast' ? unwrap(v[1].arg) : v;
    return c?.[0] === 'A_Const' ? constText(c[1]) : undefined;
  });
  if (!column || values.length === 0 || values.some((v) => v === undefined)) return undefined;
  return { column, values: values as string[] };
}

/** Columns the expression mentions, outside sub-queries. */
export function columnsOf(expr: PgNode | undefined): string[] {
  const out: string[] = [];
  for (const [kind, body] of walk(expr)) {
    if (kind === 'ColumnRef') {
      const n = names(body.fields);
      if (n.length) out.push(n[n.length - 1]);
    }
  }
  return out;
}

/**
 * A storage policy condition that only names a bucket (`bucket_id = 'avatars'`), maybe with a sign-in check:
 * it says nothing about whose files. Returns the bucket (undefined: every bucket) and whether the condition
 * requires a signed-in user (`auth.uid() IS NOT NULL` beside the bucket), or false.
 */
export function bucketOnlyCondition(expr: PgNode | undefined): { bucket?: string; signedIn?: boolean } | false {
  if (isAlwaysTrue(expr)) return {};
  if (isSignedInOnly(expr)) return { signedIn: true };
  const u = unwrap(expr);
  if (!u) return false;
  const [kind, body] = u;
  if (kind === 'A_Expr' && body.kind === 'AEXPR_OP' && names(body.name)[0] === '=') {
    for (const [a, b] of [[body.lexpr, body.rexpr], [body.rexpr, body.lexpr]] as [PgNode, PgNode][]) {
      const col = unwrap(a);
      const value = unwrap(unwrap(b)?.[0] === 'TypeCast' ? unwrap(b)![1].arg : b);
      if (col?.[0] === 'ColumnRef' && names(col[1].fields).pop() === 'bucket_id' && value?.[0] === 'A_Const') return { bucket: constText(value[1]) };
    }
    return false;
  }
  if (kind === 'BoolExpr' && body.boolop === 'AND_EXPR') {
    let bucket: string | undefined;
    let signedIn: boolean | undefined;
    for (const arg of body.args ?? []) {
      if (isAlwaysTrue(arg)) continue;
      const inner = bucketOnlyCondition(arg);
      if (!inner) return false;
      bucket = inner.bucket ?? bucket;
      signedIn ||= inner.signedIn;
    }
    return { bucket, signedIn };
  }
  return false;
}
