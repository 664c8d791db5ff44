import { describe, expect, it } from 'vitest';
import { EACH_TABLE, executedStatements, format, quoteIdent } from '../../src/database/do-blocks.js';
import { databaseFor } from './helpers.js';

const M = 'supabase/migrations/';
const sqlOf = (body: string) => executedStatements(body, 0, { start: 0, end: body.length }).map((r) => (r.eachTableIn ? `[each ${r.eachTableIn}] ${r.sql}` : r.sql));

describe('what a DO block runs with EXECUTE', () => {
  it("follows Postgres's format(): %I, %s, %L, %%, and numbered arguments", () => {
    expect(format('alter table public.%I enable row level security', ['notes'])).toBe('alter table public.notes enable row level security');
    expect(format('create policy "%1$s: read" on public.%1$I using (x = %2$L) -- 100%%', ['Order', "o'k"])).toBe(`create policy "Order: read" on public."Order" using (x = 'o''k') -- 100%`);
    expect(quoteIdent('user')).toBe('"user"');
    expect(quoteIdent('user_notes')).toBe('user_notes');
    expect(format('%I %I', ['a'])).toBeUndefined();
  });

  it('expands a loop over a list of names, however the list is written', () => {
    const expected = ['alter table public.a enable row level security', 'alter table public.b enable row level security'];
    const exec = "execute format('alter table public.%I enable row level security', t);";
    expect(sqlOf(`declare t text; begin foreach t in array array['a', 'b'] loop ${exec} end loop; end`)).toEqual(expected);
    expect(sqlOf(`declare t text; begin for t in select unnest(array['a','b']) loop ${exec} end loop; end`)).toEqual(expected);
    expect(sqlOf(`declare tbls text[] := array['a', 'b']; t text; begin foreach t in array tbls loop ${exec} end loop; end`)).toEqual(expected);
    expect(sqlOf(`declare t text; begin foreach t in array '{a,b}'::text[] loop ${exec} end loop; end`)).toEqual(expected);
    expect(sqlOf(`declare r record; begin for r in select tablename from pg_tables where schemaname = 'public' and tablename in ('a', 'b') loop execute format('alter table %I.%I enable row level security', 'public', r.tablename); end loop; end`)).toEqual([
      'alter table public.a enable row level security',
      'alter table public.b enable row level security',
    ]);
    // Concatenation, quote_ident and a dollar-quoted template.
    expect(sqlOf(`declare t text; begin foreach t in array array['a'] loop execute 'alter table public.' || quote_ident(t) || ' force row level security'; execute format($f$create policy p on %I using (true)$f$, t); end loop; end`)).toEqual([
      'alter table public.a force row level security',
      'create policy p on a using (true)',
    ]);
  });

  it('gives the statements a block runs as written, inside exception handlers and IF NOT EXISTS guards', () => {
    expect(sqlOf(`begin begin create policy p on public.a for select using (auth.uid() = user_id); exception when duplicate_object then null; end; end`)).toEqual(['create policy p on public.a for select using (auth.uid() = user_id)']);
    expect(sqlOf(`begin if not exists (select 1 from pg_policies where policyname = 'p') then create policy p on public.a using (true); alter table public.a enable row level security; end if; end`)).toEqual(['create policy p on public.a using (true)', 'alter table public.a enable row level security']);
    // Not a statement of its own: a word inside an expression, or a query the block only reads.
    expect(sqlOf(`declare n int; begin select count(*) into n from public.a; raise notice 'drop %', n; end`)).toEqual([]);
  });

  it("runs a loop over a schema's tables once per table, when the state is built", () => {
    expect(sqlOf(`declare r record; begin for r in select tablename from pg_tables where schemaname = 'public' loop execute format('alter table public.%I enable row level security', r.tablename); end loop; end`)).toEqual([
      `[each public] alter table public.${EACH_TABLE} enable row level security`,
    ]);
    expect(sqlOf(`declare t text; begin for t in select table_name from information_schema.tables where table_schema = 'app' loop execute format('alter table app.%I enable row level security', t); end loop; end`)).toEqual([
      `[each app] alter table app.${EACH_TABLE} enable row level security`,
    ]);
    const except = `declare r record; begin for r in select tablename from pg_tables where schemaname = 'public' and tablename not in ('spatial_ref_sys') loop execute format('alter table public.%I enable row level security', r.tablename); end loop; end`;
    expect(executedStatements(except, 0, { start: 0, end: except.length }).map((r) => [r.eachTableIn, r.except])).toEqual([['public', ['spatial_ref_sys']]]);
    // A condition that picks tables some other way cannot be followed: the loop is left out.
    expect(sqlOf(`declare r record; begin for r in select tablename from pg_tables where schemaname = 'public' and tablename like 'app_%' loop execute format('alter table public.%I enable row level security', r.tablename); end loop; end`)).toEqual([]);
  });

  it('leaves out what it cannot work out: values from queries, parameters and other loops', () => {
    const body = `declare pol record; t text; begin
      foreach t in array array['a'] loop
        for pol in select policyname from pg_policies where tablename = t loop
          execute format('drop policy %I on public.%I', pol.policyname, t);
        end loop;
        execute format('alter table public.%I enable row level security', t);
        execute 'select ' || some_function(t);
      end loop;
      for i in 1..3 loop execute format('create table t%s (id int)', i); end loop;
    end`;
    expect(sqlOf(body)).toEqual(['alter table public.a enable row level security']);
    // A loop inside the loop ends with its own `end loop`.
    expect(sqlOf("declare t text; n int := 0; begin foreach t in array array['a'] loop while n < 1 loop n := n + 1; end loop; execute format('alter table %I enable row level security', t); end loop; end")).toEqual([
      'alter table a enable row level security',
    ]);
    expect(sqlOf('begin raise notice $$nothing runs$$; end')).toEqual([]);
  });

  it('gives up on what is built too deep or too large, without failing', () => {
    const deep = `begin execute ${'quote_ident('.repeat(20_000)}'t'${')'.repeat(20_000)}; end`;
    expect(sqlOf(deep)).toEqual([]);
    const names = Array.from({ length: 3_000 }, (_, i) => `'t${i}'`).join(', ');
    expect(sqlOf(`declare t text; begin foreach t in array array[${names}] loop execute format('alter table %I enable row level security', t); end loop; end`)).toEqual([]);
    // A declaration section of 50,000 assignments with no semicolon is read once, not once per assignment.
    expect(sqlOf(`declare ${'x := 1 '.repeat(50_000)}; t text := 'a'; begin execute format('alter table %I enable row level security', t); end`)).toEqual(['alter table a enable row level security']);
  });

  it('places each statement at its EXECUTE', () => {
    const body = "\n  begin\n    execute 'alter table public.x enable row level security';\n  end\n";
    const [run] = executedStatements(body, 100, { start: 90, end: 200 });
    expect(body.slice(run.start - 100, run.end - 100)).toBe("execute 'alter table public.x enable row level security'");
  });
});

describe('the database state, with what DO blocks run', () => {
  const tables = 'create table public.notes (id uuid primary key, owner_id uuid references auth.users (id));\ncreate table public.tags (id uuid primary key, owner_id uuid references auth.users (id));\n';

  it('enables row-level security and creates the policies a loop runs, each at its EXECUTE', async () => {
    const { db } = await databaseFor({
      [`${M}1_init.sql`]: tables,
      [`${M}2_rls.sql`]: [
        'do $$',
        'declare t text;',
        'begin',
        "  foreach t in array array['notes', 'tags'] loop",
        "    execute format('alter table public.%I enable row level security', t);",
        `    execute format('create policy "%1$s owner" on public.%1$I for all to authenticated using (owner_id = auth.uid())', t);`,
        '  end loop;',
        'end $$;',
        '',
      ].join('\n'),
    });
    const state = db.projects[0].database;
    for (const name of ['notes', 'tags']) {
      const table = state.tables.get(`public.${name}`)!;
      expect(table.rls).toBe(true);
      expect(table.rlsChanged?.statement.line).toBe(5);
      expect(table.policies.map((p) => [p.name, p.command, p.roles.join(','), p.origin.statement.line])).toEqual([[`${name} owner`, 'all', 'authenticated', 6]]);
    }
  });

  it('enables row-level security on the tables a loop over the schema finds, not on those it leaves out or made after it', async () => {
    const { db } = await databaseFor({
      [`${M}1_init.sql`]: tables,
      [`${M}2_rls.sql`]: "do $$ declare r record; begin for r in select tablename from pg_tables where schemaname = 'public' and tablename not in ('tags') loop execute format('alter table public.%I enable row level security', r.tablename); end loop; end $$;\n",
      [`${M}3_more.sql`]: 'create table public.later (id int);\n',
    });
    const state = db.projects[0].database;
    expect([...state.tables.values()].map((t) => [t.name, t.rls])).toEqual([
      ['notes', true],
      ['tags', false],
      ['later', false],
    ]);
  });
});
