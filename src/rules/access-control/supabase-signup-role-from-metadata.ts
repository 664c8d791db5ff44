import { defineProjectRule } from '../../engine/rule.js';
import { isGrantColumn, RIGHTS } from './model-fields.js';
import { databasesOf, qualified, reportAt } from './supabase-model.js';

/** What whoever signs up writes: `raw_user_meta_data` is the `options.data` of `supabase.auth.signUp()`. */
const USER_METADATA = /\braw_user_meta_data\b/i;
/** `CASE WHEN … IN ('student', 'teacher') THEN …`, `= ANY (ARRAY['a', 'b'])`: the value is kept to a list. */
const ALLOW_LIST = /\bin\s*\(\s*'|=\s*any\s*\(/i;

/** `insert into t (a, b) values (x, y)` and `update t set a = x`: each column written, with the expression written to it. */
function writtenColumns(body: string): { table: string; column: string; value: string }[] {
  const out: { table: string; column: string; value: string }[] = [];
  const code = body.replace(/--[^\n]*/g, '');
  for (const m of code.matchAll(/\binsert\s+into\s+([\w."]+)\s*\(([^)]*)\)\s*values\s*\(/gi)) {
    const columns = m[2].split(',').map((c) => c.trim().replace(/"/g, ''));
    const values = splitTopLevel(code, m.index + m[0].length);
    columns.forEach((column, i) => values[i] !== undefined && out.push({ table: m[1].replace(/"/g, ''), column, value: values[i] }));
  }
  for (const m of code.matchAll(/\bupdate\s+([\w."]+)\s+set\b([^;]*?)(?=\bwhere\b|;|$)/gi)) {
    for (const part of splitTopLevel(`${m[2]})`, 0)) {
      const eq = /^"?(\w+)"?\s*=([\s\S]+)$/.exec(part.trim());
      if (eq) out.push({ table: m[1].replace(/"/g, ''), column: eq[1], value: eq[2].trim() });
    }
  }
  return out;
}

/**
 * Whether an expression holds something from the user metadata: directly, or through a variable of the function
 * given it (`user_role := (new.raw_user_meta_data->>'role')::user_role;`, `select … into v_role`).
 */
function metadataReader(body: string): (value: string) => boolean {
  const vars = new Set<string>();
  for (const m of body.matchAll(/\b(\w+)\s*:=([^;]+);/g)) if (USER_METADATA.test(m[2])) vars.add(m[1].toLowerCase());
  for (const m of body.matchAll(/\bselect\b([^;]*?)\binto\s+(\w+)/gi)) if (USER_METADATA.test(m[1])) vars.add(m[2].toLowerCase());
  return (value) => {
    if (USER_METADATA.test(value)) return true;
    // `'admin'::user_role` casts to a type that may share a variable's name.
    const words = value.replace(/::\s*[\w.]+/g, '').toLowerCase().match(/\b\w+\b/g) ?? [];
    return words.some((w) => vars.has(w));
  };
}

/** The comma-separated expressions from `start` up to the parenthesis that closes the list. */
function splitTopLevel(text: string, start: number): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let from = start;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === "'") quoted = !quoted;
    if (quoted) continue;
    if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) {
        parts.push(text.slice(from, i).trim());
        return parts;
      }
      depth--;
    } else if (c === ',' && depth === 0) {
      parts.push(text.slice(from, i).trim());
      from = i + 1;
    }
  }
  return parts;
}

/**
 * The sign-up trigger (a trigger function reading `NEW.raw_user_meta_data`, run for each new `auth.users` row)
 * writes a column that grants rights or money from the metadata the person signing up sent.
 */
export const supabaseSignupRoleFromMetadata = defineProjectRule({
  id: 'supabase-signup-role-from-metadata',
  messageIds: ['fromMetadata'],
  check(ctx) {
    for (const db of databasesOf(ctx)) {
      for (const fn of db.functions.values()) {
        if (!fn.returnsTrigger || !USER_METADATA.test(fn.body)) continue;
        const fromMetadata = metadataReader(fn.body);
        const taken = writtenColumns(fn.body).filter((w) => isGrantColumn(w.column) && fromMetadata(w.value) && !ALLOW_LIST.test(w.value));
        if (taken.length === 0) continue;
        const columns = [...new Set(taken.map((w) => w.column))];
        reportAt(ctx, fn.origin, {
          messageId: 'fromMetadata',
          data: { name: qualified(fn), columns: columns.map((c) => `\`${c}\``).join(', '), table: taken[0].table, example: columns[0] },
          severity: columns.some((c) => RIGHTS.test(c)) ? 'critical' : 'high',
        });
      }
    }
  },
});
