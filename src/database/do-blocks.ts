/**
 * What a `DO` block runs with `EXECUTE`, worked out from its own text. Migrations often enable row-level security
 * and create the same policies on several tables with a loop:
 *
 *   do $$ declare t text; begin
 *     foreach t in array array['notes', 'tags'] loop
 *       execute format('alter table public.%I enable row level security', t);
 *       execute format('create policy "%1$s owner" on public.%1$I for all using (owner_id = auth.uid())', t);
 *     end loop;
 *   end $$;
 *
 * Read as plain statements, the tables would have neither. Each `EXECUTE` whose SQL text follows from literals, the
 * block's own variables and the loops around it (a list of names, or every table of a schema from `pg_tables` or
 * `information_schema.tables`) is given as the SQL it runs, once per value; one built from anything else (a query's
 * result, a parameter) is left out, as is a block in a language other than PL/pgSQL. Statements the block runs as
 * written (`create policy …` inside `begin … exception when duplicate_object then null; end`) are given as they are.
 * `IF` and `EXCEPTION` around either are read as taken: they guard against running a migration twice.
 */

/** A statement a DO block runs: its SQL, and where in the file the EXECUTE that runs it is. */
export interface ExecutedSql {
  sql: string;
  /** Character offsets of the EXECUTE in the file (of the whole DO statement when the block's text was not found). */
  start: number;
  end: number;
  /** Run once for every table of this schema that exists then: the SQL names the table as EACH_TABLE. */
  eachTableIn?: string;
  /** Tables of that schema the loop leaves out (`tablename not in ('spatial_ref_sys')`). */
  except?: string[];
}

/** The name standing for "each table" in the SQL of a loop over a schema's tables (a plain identifier, never quoted). */
export const EACH_TABLE = 'vibeaudit_each_table_';

/** Statements a block may run as written, which change what the database allows. */
const STATIC_STATEMENT = ['create', 'alter', 'grant', 'revoke', 'drop'];

/** More SQL than this from one block is generated code, not a migration: the rest is left out. */
const MAX_STATEMENTS = 500;
/** Calls and `||` nested deeper than this in one EXECUTE are not worked out (real ones nest two or three deep). */
const MAX_DEPTH = 32;

interface Token {
  kind: 'word' | 'string' | 'punct' | 'number';
  /** Lowercase for words; the value for strings; the text otherwise. */
  text: string;
  start: number;
  end: number;
}

/** A value a variable may hold in a loop: names, or the tables of a schema (each field of a record loop). */
type Binding =
  | { values: string[] }
  | { eachTableIn: string; except: string[]; fields: Record<string, 'table' | 'schema'> }
  /** Rows of a catalog query over listed tables: each field's values, and the field a plain variable takes (the table). */
  | { record: Record<string, string[]>; scalar: string };

/**
 * The statements `body` (the text of a DO block, found at `bodyStart` in the file, or -1) runs with EXECUTE.
 * `span` is the DO statement's own range, used when the body's place is not known.
 */
export function executedStatements(body: string, bodyStart: number, span: { start: number; end: number }): ExecutedSql[] {
  const tokens = tokenize(body);
  const out: ExecutedSql[] = [];
  const declared = new Map<string, string[]>();
  const loops: { name: string; binding: Binding }[] = [];
  let i = 0;
  const at = (k: number) => tokens[k];
  const isWord = (k: number, ...words: string[]) => at(k)?.kind === 'word' && words.includes(at(k).text);
  const isPunct = (k: number, p: string) => at(k)?.kind === 'punct' && at(k).text === p;
  // Variables given a list or a name where they are declared: `tbls text[] := array['a', 'b'];`, `t text := 'a';`.
  const beginAt = tokens.findIndex((t) => t.kind === 'word' && t.text === 'begin');
  // `name type := value`: the name is the word that starts the declaration.
  let declaration = 0;
  for (let k = 0; k < (beginAt < 0 ? 0 : beginAt); k++) {
    if (isPunct(k, ';') || isWord(k, 'declare')) declaration = k + 1;
    if (!isPunct(k, ':=') && !isPunct(k, '=') && !isWord(k, 'default')) continue;
    const name = at(declaration);
    const list = literalList(tokens, k + 1);
    if (name?.kind === 'word' && list) declared.set(name.text, list.values);
  }
  while (i < tokens.length) {
    // FOREACH v IN ARRAY <list> LOOP
    if (isWord(i, 'foreach') && at(i + 1)?.kind === 'word' && isWord(i + 2, 'in') && isWord(i + 3, 'array')) {
      const name = at(i + 1).text;
      const values = literalList(tokens, i + 4)?.values ?? (at(i + 4)?.kind === 'word' ? declared.get(at(i + 4).text) : undefined);
      const loopAt = indexOfWord(tokens, 'loop', i);
      if (loopAt < 0) break;
      loops.push({ name, binding: { values: values ?? [] } });
      i = loopAt + 1;
      continue;
    }
    // FOR v IN <query> LOOP (a query over a list of names, or over a schema's tables)
    if (isWord(i, 'for') && at(i + 1)?.kind === 'word' && isWord(i + 2, 'in')) {
      const name = at(i + 1).text;
      const loopAt = indexOfWord(tokens, 'loop', i);
      if (loopAt < 0) break;
      loops.push({ name, binding: queryBinding(tokens.slice(i + 3, loopAt), declared) ?? { values: [] } });
      i = loopAt + 1;
      continue;
    }
    if (isWord(i, 'end') && isWord(i + 1, 'loop')) {
      loops.pop();
      i += 2;
      continue;
    }
    // A plain `loop` or `while … loop` binds nothing, but its `end loop` must not end the loop around it.
    if (isWord(i, 'loop')) {
      loops.push({ name: '', binding: { values: [] } });
      i++;
      continue;
    }
    // A statement the block runs as written: `begin create policy … ; exception when duplicate_object then null; end`,
    // `if not exists (select from pg_policies …) then create policy …; end if`.
    if (isWord(i, ...STATIC_STATEMENT) && (i === 0 || isPunct(i - 1, ';') || isWord(i - 1, 'begin', 'then', 'else', 'loop'))) {
      let end = i + 1;
      while (end < tokens.length && !isPunct(end, ';')) end++;
      if (out.length >= MAX_STATEMENTS) return out;
      const where = bodyStart >= 0 ? { start: bodyStart + at(i).start, end: bodyStart + at(end - 1).end } : span;
      out.push({ sql: body.slice(at(i).start, at(end - 1).end), ...where });
      i = end;
      continue;
    }
    if (isWord(i, 'execute')) {
      let end = i + 1;
      let depth = 0;
      while (end < tokens.length && !(depth === 0 && (isPunct(end, ';') || isWord(end, 'using', 'into')))) {
        if (isPunct(end, '(') || isPunct(end, '[')) depth++;
        if (isPunct(end, ')') || isPunct(end, ']')) depth--;
        end++;
      }
      const where = bodyStart >= 0 ? { start: bodyStart + at(i).start, end: bodyStart + (at(end - 1)?.end ?? at(i).end) } : span;
      for (const run of runs(tokens.slice(i + 1, end), loops, declared)) {
        if (out.length >= MAX_STATEMENTS) return out;
        out.push({ sql: run.sql, ...where, ...(run.eachTableIn ? { eachTableIn: run.eachTableIn, ...(run.except?.length ? { except: run.except } : {}) } : {}) });
      }
      i = end;
      continue;
    }
    i++;
  }
  return out;
}

/** The SQL an EXECUTE expression gives for every value of the loops it is in (none when it cannot be worked out). */
function runs(expr: Token[], loops: { name: string; binding: Binding }[], declared: Map<string, string[]>): { sql: string; eachTableIn?: string; except?: string[] }[] {
  // Only the loops whose variable the expression names are expanded (the innermost, where two share a name).
  const named = new Map<string, Binding>();
  for (const loop of loops) if (expr.some((t) => t.kind === 'word' && t.text === loop.name)) named.set(loop.name, loop.binding);
  let envs: { vars: Map<string, Binding | string>; eachTableIn?: string; except?: string[] }[] = [{ vars: new Map() }];
  for (const [name, binding] of named) {
    const next: typeof envs = [];
    for (const env of envs) {
      if ('values' in binding) for (const v of binding.values) next.push({ ...env, vars: new Map(env.vars).set(name, v) });
      else if ('eachTableIn' in binding) {
        // One loop over a schema's tables at most: the statement is run for each table when the state is built.
        if (env.eachTableIn !== undefined) return [];
        next.push({ vars: new Map(env.vars).set(name, binding), eachTableIn: binding.eachTableIn, except: binding.except });
      } else {
        const count = Math.min(...Object.values(binding.record).map((v) => v.length));
        for (let k = 0; k < count; k++) next.push({ ...env, vars: new Map(env.vars).set(name, { record: Object.fromEntries(Object.entries(binding.record).map(([f, v]) => [f, [v[k]]])), scalar: binding.scalar }) });
      }
    }
    envs = next;
    if (envs.length > MAX_STATEMENTS) return [];
  }
  const out: { sql: string; eachTableIn?: string; except?: string[] }[] = [];
  for (const env of envs) {
    const value = evaluate(expr, 0, expr.length, env.vars, declared);
    if (value !== undefined) out.push({ sql: value, ...(env.eachTableIn !== undefined ? { eachTableIn: env.eachTableIn, except: env.except } : {}) });
  }
  return out;
}

/** The text `tokens[from, to)` evaluates to: literals, `format()`, `||`, `quote_ident()`, `quote_literal()`, variables. */
function evaluate(tokens: Token[], from: number, to: number, vars: Map<string, Binding | string>, declared: Map<string, string[]>, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  // Split on `||`, then evaluate each operand.
  const parts = splitAt(tokens, from, to, '||');
  if (parts.length > 1) {
    let text = '';
    for (const [a, b] of parts) {
      const v = evaluate(tokens, a, b, vars, declared, depth + 1);
      if (v === undefined) return undefined;
      text += v;
    }
    return text;
  }
  if (to <= from) return undefined;
  const first = tokens[from];
  // A cast of a literal (`'x'::text`) is the literal.
  const end = to - from >= 3 && tokens[to - 2].kind === 'punct' && tokens[to - 2].text === '::' ? to - 2 : to;
  if (end - from === 1) {
    if (first.kind === 'string') return first.text;
    if (first.kind === 'word') {
      const v = vars.get(first.text);
      if (typeof v === 'string') return v;
      // A variable given one column of a catalog query holds the table's name.
      if (v && 'eachTableIn' in v) return EACH_TABLE;
      if (v && 'record' in v) return v.record[v.scalar]?.[0];
      const d = declared.get(first.text);
      return d?.length === 1 ? d[0] : undefined;
    }
    return undefined;
  }
  // record.field
  if (end - from === 3 && first.kind === 'word' && tokens[from + 1].text === '.' && tokens[from + 2].kind === 'word') {
    const v = vars.get(first.text);
    const field = tokens[from + 2].text;
    if (v && typeof v !== 'string' && 'eachTableIn' in v) return v.fields[field] === 'table' ? EACH_TABLE : v.fields[field] === 'schema' ? v.eachTableIn : undefined;
    if (v && typeof v !== 'string' && 'record' in v) return v.record[field]?.[0];
    return undefined;
  }
  // fn(args)
  if (first.kind === 'word' && tokens[from + 1]?.text === '(' && tokens[end - 1]?.text === ')') {
    const args = splitAt(tokens, from + 2, end - 1, ',').map(([a, b]) => evaluate(tokens, a, b, vars, declared, depth + 1));
    if (args.some((a) => a === undefined)) return undefined;
    const values = args as string[];
    if (first.text === 'format' && values.length >= 1) return format(values[0], values.slice(1));
    if (first.text === 'quote_ident' && values.length === 1) return quoteIdent(values[0]);
    if (first.text === 'quote_literal' && values.length === 1) return quoteLiteral(values[0]);
    if (first.text === 'concat') return values.join('');
    return undefined;
  }
  return undefined;
}

/** The ranges of `tokens[from, to)` between `separator`s outside brackets: operands of `||`, arguments of a call. */
function splitAt(tokens: Token[], from: number, to: number, separator: string): [number, number][] {
  const out: [number, number][] = [];
  let depth = 0;
  let start = from;
  for (let k = from; k < to; k++) {
    const t = tokens[k];
    if (t.kind === 'punct' && (t.text === '(' || t.text === '[')) depth++;
    else if (t.kind === 'punct' && (t.text === ')' || t.text === ']')) depth--;
    else if (depth === 0 && t.kind === 'punct' && t.text === separator) {
      out.push([start, k]);
      start = k + 1;
    }
  }
  if (to > from) out.push([start, to]);
  return out;
}

/** Postgres's `format()`: `%s`, `%I`, `%L`, `%%`, and positions (`%1$I`). Undefined for what it does not know. */
export function format(template: string, args: string[]): string | undefined {
  let out = '';
  let next = 0;
  for (let k = 0; k < template.length; k++) {
    const c = template[k];
    if (c !== '%') {
      out += c;
      continue;
    }
    const m = /^%(?:(\d+)\$)?([sIL%])/.exec(template.slice(k));
    if (!m) return undefined;
    k += m[0].length - 1;
    if (m[2] === '%') {
      out += '%';
      continue;
    }
    const index = m[1] ? Number(m[1]) - 1 : next;
    next = index + 1;
    if (index < 0 || index >= args.length) return undefined;
    const arg = args[index];
    out += m[2] === 'I' ? quoteIdent(arg) : m[2] === 'L' ? quoteLiteral(arg) : arg;
  }
  return out;
}

/** Words Postgres's `quote_ident` quotes although they look like plain names (its reserved key words). */
const RESERVED = new Set(
  ('all analyse analyze and any array as asc asymmetric both case cast check collate column constraint create current_catalog current_date ' +
    'current_role current_time current_timestamp current_user default deferrable desc distinct do else end except false fetch for foreign ' +
    'from grant group having in initially intersect into lateral leading limit localtime localtimestamp not null offset on only or order ' +
    'placing primary references returning select session_user some symmetric system_user table then to trailing true union unique user ' +
    'using variadic when where window with').split(' '),
);

export function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) && !RESERVED.has(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

function quoteLiteral(value: string): string {
  return value.includes('\\') ? `E'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'` : `'${value.replaceAll("'", "''")}'`;
}

/** `array['a', 'b']`, `'{a,b}'` (with an optional cast), or one string: the names, and the token after them. */
function literalList(tokens: Token[], k: number): { values: string[]; next: number } | undefined {
  const t = tokens[k];
  if (!t) return undefined;
  if (t.kind === 'word' && t.text === 'array' && tokens[k + 1]?.text === '[') {
    const values: string[] = [];
    let j = k + 2;
    for (; j < tokens.length && tokens[j].text !== ']'; j++) {
      if (tokens[j].kind === 'string') values.push(tokens[j].text);
      else if (!(tokens[j].kind === 'punct' && tokens[j].text === ',')) return undefined;
    }
    return { values, next: skipCast(tokens, j + 1) };
  }
  if (t.kind === 'string') {
    const array = /^\{(.*)\}$/s.exec(t.text);
    const values = array ? array[1].split(',').map((v) => v.trim().replace(/^"(.*)"$/, '$1')).filter(Boolean) : [t.text];
    return { values, next: skipCast(tokens, k + 1) };
  }
  return undefined;
}

function skipCast(tokens: Token[], k: number): number {
  if (tokens[k]?.text !== '::') return k;
  let j = k + 1;
  while (j < tokens.length && (tokens[j].kind === 'word' || tokens[j].text === '[' || tokens[j].text === ']')) j++;
  return j;
}

/**
 * What a FOR loop's query gives its variable: `select unnest(array[…])` (or of a declared list) gives names;
 * `select tablename from pg_tables where schemaname = 'public'` (or `information_schema.tables` and `table_schema`)
 * gives the schema's tables, or the names of its `tablename in (…)` when it lists them; `values ('a'), ('b')` gives
 * the names. Anything else is not known.
 */
function queryBinding(query: Token[], declared: Map<string, string[]>): Binding | undefined {
  const words = query.filter((t) => t.kind === 'word').map((t) => t.text);
  const unnest = query.findIndex((t) => t.kind === 'word' && t.text === 'unnest');
  if (unnest >= 0 && query[unnest + 1]?.text === '(') {
    const list = literalList(query, unnest + 2);
    if (list) return { values: list.values };
    const name = query[unnest + 2];
    if (name?.kind === 'word' && declared.has(name.text) && query[unnest + 3]?.text === ')') return { values: declared.get(name.text)! };
    return undefined;
  }
  const catalog = words.includes('pg_tables') ? { table: 'tablename', schema: 'schemaname' } : words.includes('information_schema') && words.includes('tables') ? { table: 'table_name', schema: 'table_schema' } : undefined;
  if (catalog) {
    const schemaAt = query.findIndex((t, k) => t.kind === 'word' && t.text === catalog.schema && query[k + 1]?.text === '=' && query[k + 2]?.kind === 'string');
    if (schemaAt < 0) return undefined;
    const schema = query[schemaAt + 2].text;
    // The columns the loop reads: `select tablename`, `select schemaname, tablename`, `select *`.
    const fields: Record<string, 'table' | 'schema'> = { [catalog.table]: 'table', [catalog.schema]: 'schema' };
    // After `where`: the schema, a list of names in or not in, and the table type. Any other condition picks tables
    // that cannot be told from here, and the loop is not worked out.
    const where = query.findIndex((t) => t.kind === 'word' && t.text === 'where');
    const namesAfter = (k: number) => {
      const names: string[] = [];
      for (let j = k; j < query.length && query[j].text !== ')'; j++) if (query[j].kind === 'string') names.push(query[j].text);
      return names;
    };
    let listed: string[] | undefined;
    const except: string[] = [];
    for (let k = where + 1; k < query.length; k++) {
      const t = query[k];
      if (t.kind !== 'word' || KNOWN_CONDITION_WORDS.has(t.text) || t.text === catalog.schema) continue;
      if (t.text === catalog.table && query[k + 1]?.text === 'in' && query[k + 2]?.text === '(') listed = namesAfter(k + 3);
      else if (t.text === catalog.table && query[k + 1]?.text === 'not' && query[k + 2]?.text === 'in' && query[k + 3]?.text === '(') except.push(...namesAfter(k + 4));
      else if (t.text !== 'table_type' && t.text !== 'rowsecurity') return undefined;
    }
    if (listed) {
      const names = listed.filter((n) => !except.includes(n));
      return { record: { [catalog.table]: names, [catalog.schema]: names.map(() => schema) }, scalar: catalog.table };
    }
    return { eachTableIn: schema, except, fields };
  }
  return undefined;
}

/** Words of a catalog query's conditions that pick nothing themselves (`and`, `in`, `not`, `false`, `true`). */
const KNOWN_CONDITION_WORDS = new Set(['and', 'in', 'not', 'false', 'true', 'is']);

function indexOfWord(tokens: Token[], word: string, from: number): number {
  for (let k = from; k < tokens.length; k++) if (tokens[k].kind === 'word' && tokens[k].text === word) return k;
  return -1;
}

/** PL/pgSQL text as tokens: words (lowercased), string values ('…', E'…', $tag$…$tag$), numbers and punctuation. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '-' && text[i + 1] === '-') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? n : nl + 1;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 2;
      continue;
    }
    const start = i;
    if (c === "'" || ((c === 'e' || c === 'E') && text[i + 1] === "'")) {
      const escapes = c !== "'";
      let j = escapes ? i + 2 : i + 1;
      let value = '';
      while (j < n) {
        if (text[j] === "'" && text[j + 1] === "'") {
          value += "'";
          j += 2;
        } else if (text[j] === "'") break;
        else if (escapes && text[j] === '\\' && j + 1 < n) {
          value += text[j + 1] === 'n' ? '\n' : text[j + 1] === 't' ? '\t' : text[j + 1];
          j += 2;
        } else value += text[j++];
      }
      i = Math.min(n, j + 1);
      tokens.push({ kind: 'string', text: value, start, end: i });
      continue;
    }
    if (c === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(text.slice(i, i + 64));
      if (tag) {
        const close = text.indexOf(tag[0], i + tag[0].length);
        const to = close < 0 ? n : close;
        tokens.push({ kind: 'string', text: text.slice(i + tag[0].length, to), start, end: close < 0 ? n : close + tag[0].length });
        i = close < 0 ? n : close + tag[0].length;
        continue;
      }
    }
    if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_$]/.test(text[j])) j++;
      tokens.push({ kind: 'word', text: text.slice(i, j).toLowerCase(), start, end: j });
      i = j;
      continue;
    }
    if (c === '"') {
      const close = text.indexOf('"', i + 1);
      const j = close < 0 ? n : close + 1;
      tokens.push({ kind: 'word', text: text.slice(i + 1, close < 0 ? n : close), start, end: j });
      i = j;
      continue;
    }
    if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < n && /[0-9.]/.test(text[j])) j++;
      tokens.push({ kind: 'number', text: text.slice(i, j), start, end: j });
      i = j;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '||' || two === ':=' || two === '::') {
      tokens.push({ kind: 'punct', text: two, start, end: i + 2 });
      i += 2;
      continue;
    }
    tokens.push({ kind: 'punct', text: c, start, end: i + 1 });
    i++;
  }
  return tokens;
}
