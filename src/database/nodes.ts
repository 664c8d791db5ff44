import type { PgNode } from './types.js';

/** `{ Kind: body }` → [Kind, body]. */
export function unwrap(node: PgNode): [string, PgNode] | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const keys = Object.keys(node);
  if (keys.length !== 1) return undefined;
  return [keys[0], node[keys[0]]];
}

export function str(node: PgNode): string | undefined {
  const u = unwrap(node);
  if (!u) return undefined;
  if (u[0] === 'String') return u[1].sval ?? '';
  return undefined;
}

/** `[String, String]` name lists (`public.f`, `auth.uid`) → ['public', 'f']. */
export function names(list: PgNode[] | undefined): string[] {
  return (list ?? []).map((n) => str(n) ?? '').filter((s) => s !== '');
}

export function relationKey(rel: PgNode | undefined): { schema: string; name: string } | undefined {
  if (!rel?.relname) return undefined;
  return { schema: rel.schemaname || 'public', name: rel.relname };
}

export function keyOf(schema: string, name: string): string {
  return `${schema}.${name}`;
}

/** A role of a GRANT/POLICY: `public` for PUBLIC, the name otherwise. */
export function roleName(node: PgNode): string {
  const spec = unwrap(node)?.[1] ?? node;
  if (spec?.roletype === 'ROLESPEC_PUBLIC') return 'public';
  if (spec?.roletype === 'ROLESPEC_CURRENT_USER' || spec?.roletype === 'ROLESPEC_SESSION_USER') return 'current_user';
  return String(spec?.rolename ?? '').toLowerCase();
}

/** Every node below `node` (inclusive), with its kind. */
export function* walk(node: PgNode): Generator<[string, PgNode]> {
  if (Array.isArray(node)) {
    for (const n of node) yield* walk(n);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const u = unwrap(node);
  if (u && /^[A-Z]/.test(u[0])) {
    yield u;
    yield* walk(u[1]);
    return;
  }
  for (const v of Object.values(node)) if (v && typeof v === 'object') yield* walk(v);
}

/** Value of a DefElem argument: strings, booleans and numbers as text. */
export function defValue(arg: PgNode): string | undefined {
  const u = unwrap(arg);
  if (!u) return undefined;
  const [kind, body] = u;
  if (kind === 'String') return body.sval ?? '';
  if (kind === 'Boolean') return String(Boolean(body.boolval));
  if (kind === 'Integer') return String(body.ival ?? 0);
  if (kind === 'TypeName') return names(body.names).join('.');
  if (kind === 'A_Const') return constText(body);
  return undefined;
}

export function constText(c: PgNode): string | undefined {
  if (c.sval) return c.sval.sval ?? '';
  if (c.boolval) return String(Boolean(c.boolval.boolval));
  if (c.ival) return String(c.ival.ival ?? 0);
  if (c.isnull) return 'null';
  return undefined;
}

/** Relations a query reads (FROM, joins, subqueries), as `schema.name`. */
export function relationsRead(query: PgNode): string[] {
  const out = new Set<string>();
  const ctes = new Set<string>();
  for (const [kind, body] of walk(query)) {
    if (kind === 'CommonTableExpr' && body.ctename) ctes.add(body.ctename);
    if (kind === 'RangeVar' && body.relname && !(!body.schemaname && ctes.has(body.relname))) out.add(keyOf(body.schemaname || 'public', body.relname));
  }
  return [...out];
}
