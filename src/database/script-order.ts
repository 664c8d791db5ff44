import type { SourceFile } from '../model/types.js';
import { keyOf, relationKey, unwrap } from './nodes.js';
import type { PgNode } from './types.js';

/**
 * The order in which loose schema scripts are applied. Unlike migrations their names carry no timestamp:
 * `fix-rls.sql` sorts before `schema.sql` though it was written, and run, after it. So a script that names a
 * table another script creates runs after that script; otherwise (and in a cycle) file-name order holds.
 */
export function scriptOrder(files: SourceFile[]): SourceFile[] {
  if (files.length < 2) return files;
  const creator = new Map<string, number>();
  const named = files.map((file, i) => {
    const { created, used } = tablesOf(file.sql ?? []);
    for (const t of created) if (!creator.has(t)) creator.set(t, i);
    return { created, used };
  });
  const after = files.map((_f, i) => new Set([...named[i].used].filter((t) => !named[i].created.has(t)).flatMap((t) => (creator.has(t) && creator.get(t) !== i ? [creator.get(t)!] : []))));
  const order: SourceFile[] = [];
  const placed = new Set<number>();
  while (placed.size < files.length) {
    // The first script (by name) whose tables exist; in a cycle, the first one left.
    let next = files.findIndex((_f, i) => !placed.has(i) && [...after[i]].every((j) => placed.has(j)));
    if (next < 0) next = files.findIndex((_f, i) => !placed.has(i));
    placed.add(next);
    order.push(files[next]);
  }
  return order;
}

/**
 * The loose scripts that create what the migrations start from: tables the migrations name (alter, policies,
 * grants, references) but never create. Migrations that create everything they name need none of them.
 */
export function baseScripts(loose: SourceFile[], migrations: SourceFile[]): SourceFile[] {
  if (!loose.length) return [];
  const created = new Set<string>();
  const used = new Set<string>();
  for (const file of migrations) {
    const tables = tablesOf(file.sql ?? []);
    for (const t of tables.created) created.add(t);
    for (const t of tables.used) used.add(t);
  }
  const missing = [...used].filter((t) => !created.has(t));
  if (!missing.length) return [];
  return loose.filter((file) => missing.some((t) => tablesOf(file.sql ?? []).created.has(t)));
}

/** Tables a script creates, and every table any of its statements names. */
function tablesOf(statements: NonNullable<SourceFile['sql']>): { created: Set<string>; used: Set<string> } {
  const created = new Set<string>();
  const used = new Set<string>();
  for (const { node, eachTableIn } of statements) {
    // Run for each table there is: it names none of its own.
    if (eachTableIn !== undefined) continue;
    const u = unwrap(node);
    if (u?.[0] === 'CreateStmt') {
      const rel = relationKey(u[1].relation);
      if (rel) created.add(keyOf(rel.schema, rel.name));
    } else relations(node, used);
  }
  return { created, used };
}

/** Every relation (`RangeVar`) below a node. */
function relations(node: PgNode, out: Set<string>): void {
  if (Array.isArray(node)) {
    for (const n of node) relations(n, out);
    return;
  }
  if (!node || typeof node !== 'object') return;
  if (typeof node.relname === 'string') {
    const rel = relationKey(node);
    if (rel) out.add(keyOf(rel.schema, rel.name));
  }
  for (const v of Object.values(node)) if (v && typeof v === 'object') relations(v, out);
}
