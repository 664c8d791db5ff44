import { ruleTester } from '../../helpers/rule-tester.js';

const M = 'supabase/migrations/';

ruleTester('supabase-table-without-rls', {
  valid: [
    { name: 'RLS enabled in the same migration', files: { [`${M}1_init.sql`]: 'create table public.notes (id int);\nalter table public.notes enable row level security;\ncreate policy "p" on notes for select to authenticated using (true);\n' } },
    {
      name: 'RLS enabled in a later migration',
      files: { [`${M}1_init.sql`]: 'create table notes (id int);\n', [`${M}2_rls.sql`]: 'alter table notes enable row level security;\ncreate policy "p" on notes for select using (true);\n' },
    },
    { name: 'disabled, then enabled again', files: { [`${M}1.sql`]: 'create table t (id int);\nalter table t disable row level security;\nalter table t enable row level security;\ncreate policy "p" on t for select using (true);\n' } },
    { name: 'schema not served by the API', files: { [`${M}1.sql`]: 'create schema private;\ncreate table private.jobs (id int);\n' } },
    { name: 'privileges revoked from the API roles', files: { [`${M}1.sql`]: 'create table public.jobs (id int);\nrevoke all on public.jobs from anon, authenticated;\n' } },
    { name: 'table dropped later', files: { [`${M}1.sql`]: 'create table scratch (id int);\n', [`${M}2.sql`]: 'drop table if exists public.scratch;\n' } },
    { name: 'SQL outside supabase/ is not a Supabase migration', files: { 'prisma/migrations/1/migration.sql': 'CREATE TABLE "User" (id int);\n' } },
    { name: 'temporary table', files: { [`${M}1.sql`]: 'create temporary table staging (id int);\n' } },
    {
      name: 'a schema script with RLS enabled by a later fix script that sorts first',
      files: {
        'supabase/schema.sql': 'create table public.notes (id int, user_id uuid references auth.users);\n',
        'supabase/fix-rls.sql': 'alter table public.notes enable row level security;\ncreate policy "own" on public.notes for all using (auth.uid() = user_id);\n',
      },
    },
    { name: 'a plain Postgres schema behind an API, nothing of Supabase in it', files: { 'db/schema.sql': 'create table users (id serial primary key, email text);\n' } },
    { name: 'a schema script beside migrations is an old copy', files: { [`${M}1_init.sql`]: 'create table notes (id int);\nalter table notes enable row level security;\n', 'supabase/schema.sql': 'create table notes (id int);\n' } },
    { name: 'seed data and an undo script', files: { 'supabase/seed.sql': 'create table demo (id int);\n', 'supabase/001_init.down.sql': 'create table old (id int references auth.users);\n' } },
    {
      name: 'RLS enabled by a DO block, on a list of tables and on every table of the schema',
      files: {
        [`${M}1_init.sql`]: 'create table public.notes (id int);\ncreate table public.tags (id int);\ncreate table public.files (id int);\n',
        [`${M}2_rls.sql`]: "do $$ declare t text; begin foreach t in array array['notes', 'tags'] loop execute format('alter table public.%I enable row level security', t); end loop; end $$;\n",
        [`${M}3_all.sql`]: "do $$ declare r record; begin for r in select tablename from pg_tables where schemaname = 'public' loop execute format('alter table public.%I enable row level security', r.tablename); end loop; end $$;\n",
      },
    },
  ],
  invalid: [
    {
      name: 'a table made after the DO block that enabled RLS on every table then',
      files: {
        [`${M}1_init.sql`]: "create table public.notes (id int);\ndo $$ declare r record; begin for r in select tablename from pg_tables where schemaname = 'public' loop execute format('alter table public.%I enable row level security', r.tablename); end loop; end $$;\n",
        [`${M}2_more.sql`]: 'create table public.invoices (id int, amount int);\n',
      },
      errors: [{ messageId: 'never', line: 1, file: `${M}2_more.sql` }],
    },
    {
      name: 'a schema script pasted into the SQL editor (no migrations)',
      files: { 'supabase_setup.sql': '-- run in the SQL editor\ncreate table public.orders (id int, user_id uuid);\n' },
      errors: [{ messageId: 'never', line: 2, file: 'supabase_setup.sql' }],
    },
    {
      name: 'a schema script found by what only Supabase has',
      files: { 'docs/migration/001_profiles.sql': 'create table profiles (id uuid references auth.users primary key, role text);\n' },
      errors: [{ messageId: 'never', line: 1, file: 'docs/migration/001_profiles.sql' }],
    },
    {
      name: 'privileges revoked, then granted back on some columns',
      files: { [`${M}1.sql`]: 'create table public.jobs (id int, title text);\nrevoke all on public.jobs from anon, authenticated;\ngrant update (title) on public.jobs to authenticated;\n' },
      errors: [{ messageId: 'never', line: 1 }],
    },
    { name: 'never enabled', files: { [`${M}1_init.sql`]: '-- notes\ncreate table public.notes (\n  id int\n);\n' }, errors: [{ messageId: 'never', line: 2 }] },
    {
      name: 'disabled in a later migration',
      files: {
        [`${M}20240101_init.sql`]: 'create table todos (id int);\nalter table todos enable row level security;\n',
        [`${M}20240301_fix.sql`]: '\n\nalter table public.todos disable row level security;\n',
      },
      errors: [{ messageId: 'disabled', line: 3, file: `${M}20240301_fix.sql` }],
    },
    {
      name: 'renamed table keeps its missing RLS',
      files: { [`${M}1.sql`]: 'create table items (id int);\n', [`${M}2.sql`]: 'alter table items rename to products;\n' },
      errors: [{ messageId: 'never', line: 1, file: `${M}1.sql` }],
    },
    {
      name: 'a schema listed in config.toml',
      files: { 'supabase/config.toml': '[api]\nschemas = ["public", "api"]\n', [`${M}1.sql`]: 'create schema api;\ncreate table api.orders (id int);\ngrant all on all tables in schema api to anon;\n' },
      errors: [{ messageId: 'never', line: 2 }],
    },
    {
      name: 'in a monorepo folder',
      files: { 'apps/db/supabase/migrations/1.sql': 'create table leads (id int, email text);\n' },
      errors: [{ messageId: 'never', line: 1 }],
    },
  ],
});
