import { describe, expect, it } from 'vitest';
import { databaseFor } from './helpers.js';

const M = 'supabase/migrations/';

describe('database state from Supabase migrations', () => {
  it('enables RLS in a later migration than the table, and reports where', async () => {
    const { db } = await databaseFor({
      [`${M}20240101000000_init.sql`]: 'create table public.notes (id bigint primary key, user_id uuid references auth.users (id), body text);\n',
      [`${M}20240201000000_rls.sql`]: '-- lock it down\n\nalter table public.notes enable row level security;\n',
    });
    const notes = db.projects[0].database.tables.get('public.notes')!;
    expect(notes.rls).toBe(true);
    expect(notes.columns).toEqual(['id', 'user_id', 'body']);
    expect(notes.authUserColumns).toEqual(['user_id']);
    expect(notes.rlsChanged?.file.path).toBe(`${M}20240201000000_rls.sql`);
    expect(notes.rlsChanged?.statement.line).toBe(3);
  });

  it('applies migrations in file-name order, so a later DISABLE wins', async () => {
    const { db } = await databaseFor({
      [`${M}20240301000000_oops.sql`]: 'alter table todos disable row level security;\n',
      [`${M}20240101000000_init.sql`]: 'create table todos (id int);\nalter table todos enable row level security;\n',
    });
    const todos = db.projects[0].database.tables.get('public.todos')!;
    expect(todos.rls).toBe(false);
    expect(todos.rlsChanged?.file.path).toBe(`${M}20240301000000_oops.sql`);
  });

  it('drops, recreates, alters and renames policies', async () => {
    const { db } = await databaseFor({
      [`${M}1_init.sql`]: [
        'create table posts (id int, author_id uuid);',
        'alter table posts enable row level security;',
        'create policy "read" on posts for select using (true);',
        'create policy "write" on posts as restrictive for update to authenticated using (auth.uid() = author_id);',
      ].join('\n'),
      [`${M}2_fix.sql`]: [
        'drop policy if exists "read" on public.posts;',
        'create policy "read" on posts for select to authenticated using (auth.uid() = author_id);',
        'alter policy "write" on posts to anon, authenticated;',
        'alter policy "read" on posts rename to "read own";',
      ].join('\n'),
    });
    const posts = db.projects[0].database.tables.get('public.posts')!;
    expect(posts.policies.map((p) => [p.name, p.command, p.roles.join(','), p.permissive, p.origin.statement.line])).toEqual([
      ['write', 'update', 'anon,authenticated', false, 3],
      ['read own', 'select', 'authenticated', true, 2],
    ]);
  });

  it('tracks EXECUTE on functions: Postgres and Supabase grant it by default, REVOKE removes it', async () => {
    const { db } = await databaseFor({
      [`${M}1_fn.sql`]: [
        "create function public.is_admin() returns boolean language sql security definer set search_path = '' as $$ select true $$;",
        'create function public.purge(days int) returns void language plpgsql security definer as $$ begin delete from logs; end $$;',
        'revoke execute on function public.is_admin() from public, anon;',
        'create or replace function public.is_admin() returns boolean language sql security definer as $$ select false $$;',
      ].join('\n'),
    });
    const fns = db.projects[0].database.functions;
    const admin = fns.get('public.is_admin()')!;
    expect([...admin.execute].sort()).toEqual(['authenticated']);
    expect(admin.searchPathSet).toBe(false);
    const purge = fns.get('public.purge(int4)')!;
    expect(purge.securityDefiner).toBe(true);
    expect([...purge.execute].sort()).toEqual(['anon', 'authenticated', 'public']);
  });

  it('follows renamed tables and columns, dropped tables and revoked grants', async () => {
    const { db } = await databaseFor({
      [`${M}1.sql`]: 'create table items (id int, uid uuid);\ncreate table tmp (id int);\n',
      [`${M}2.sql`]: 'alter table items rename to products;\nalter table products rename column uid to owner_id;\ndrop table tmp;\nrevoke all on table products from anon;\n',
    });
    const tables = db.projects[0].database.tables;
    expect([...tables.keys()]).toEqual(['public.products']);
    const products = tables.get('public.products')!;
    expect(products.columns).toEqual(['id', 'owner_id']);
    expect(products.privileges.has('anon')).toBe(false);
    expect(products.privileges.get('authenticated')?.has('select')).toBe(true);
  });

  it('keeps unique keys, column grants and BEFORE INSERT triggers, through renames and dropped columns', async () => {
    const { db } = await databaseFor({
      [`${M}1_init.sql`]: [
        "create table public.members (id uuid primary key, team_id uuid, user_id uuid unique, role text check (role = any (array['member'::text, 'admin'::text])), note text, kind text, unique (team_id, user_id), check (kind in ('a', 'b')));",
        'create unique index members_note on public.members (note);',
        'create unique index members_lower on public.members (lower(role));',
        'create unique index members_partial on public.members (role) where role is not null;',
        'revoke insert, update on public.members from authenticated;',
        'grant insert (team_id, note), update (note) on public.members to authenticated;',
        'revoke insert (note) on public.members from authenticated;',
        'create trigger stamp before insert or update on public.members for each row execute function public.stamp();',
        'create trigger audit after insert on public.members for each row execute function public.audit();',
      ].join('\n'),
      [`${M}2_change.sql`]: 'alter table public.members rename column user_id to member_id;\nalter table public.members drop column note;\nalter table public.members rename column kind to sort;\n',
    });
    const members = db.projects[0].database.tables.get('public.members')!;
    expect(members.uniqueKeys).toEqual([['id'], ['member_id'], ['team_id', 'member_id']]);
    expect(members.privileges.get('authenticated')?.has('insert')).toBe(false);
    expect([...members.insertColumns!.get('authenticated')!]).toEqual(['team_id']);
    expect([...members.updateColumns!.get('authenticated')!]).toEqual(['note']);
    expect(members.beforeInsertTriggers).toEqual(['public.stamp']);
    expect([...members.allowedValues!]).toEqual([['role', ['member', 'admin']], ['sort', ['a', 'b']]]);
    expect(members.beforeUpdateTriggers).toEqual(['public.stamp']);
  });

  it("takes a column's allowed values from its enum type, values added or renamed later included", async () => {
    const { db } = await databaseFor({
      [`${M}1_init.sql`]: [
        "create type public.order_status as enum ('pending', 'paid');",
        'create table public.orders (id uuid primary key, status public.order_status, note text);',
        "alter type order_status add value 'refunded';",
        "alter type order_status rename value 'paid' to 'settled';",
      ].join('\n'),
    });
    const orders = db.projects[0].database.tables.get('public.orders')!;
    expect([...orders.allowedValues!]).toEqual([['status', ['pending', 'settled', 'refunded']]]);
  });

  it('reads views, storage buckets and storage policies, and exposed schemas from config.toml', async () => {
    const { db } = await databaseFor({
      'supabase/config.toml': '[api]\nschemas = ["public", "api"]\n\n[functions.hook]\nverify_jwt = false\n',
      [`${M}1.sql`]: [
        'create view api.members with (security_invoker = true) as select id from public.profiles p join auth.users u using (id);',
        "insert into storage.buckets (id, name, public) values ('avatars', 'avatars', true), ('docs', 'docs', false);",
        "create policy \"read avatars\" on storage.objects for select using (bucket_id = 'avatars');",
        'alter view api.members set (security_invoker = false);',
      ].join('\n'),
    });
    const project = db.projects[0];
    expect(project.database.exposedSchemas).toEqual(['public', 'api']);
    expect(project.edgeFunctions).toEqual([{ name: 'hook', verifyJwt: false, line: 5 }]);
    const view = project.database.views.get('api.members')!;
    expect(view.securityInvoker).toBe(false);
    expect(view.reads.sort()).toEqual(['auth.users', 'public.profiles']);
    expect([...project.database.buckets.values()].map((b) => [b.id, b.public])).toEqual([['avatars', true], ['docs', false]]);
    expect(project.database.storagePolicies.map((p) => p.name)).toEqual(['read avatars']);
  });

  it('turns a migration that does not parse into a notification and keeps the others', async () => {
    const { db, notifications } = await databaseFor({
      [`${M}1.sql`]: 'create table a (id int);\n',
      [`${M}2.sql`]: 'create tabel b (id int);\n',
    });
    expect([...db.projects[0].database.tables.keys()]).toEqual(['public.a']);
    expect(notifications).toMatchObject([{ kind: 'parse-error', file: `${M}2.sql`, line: 1, column: 8 }]);
  });

  it('reads the statements around one that does not parse, and says which were skipped', async () => {
    const { db, notifications } = await databaseFor({
      [`${M}1.sql`]: [
        'create table public.a (id int, note text default \'x; y\');',
        'create foreign data wrapper if not exists stripe_wrapper handler stripe_fdw_handler;',
        'alter table public.a enable row level security;',
        "create function public.f() returns int language sql as $$ select 1; $$;",
        'create policy "read own" on public.a for select using (id = 1)',
      ].join('\n'),
    });
    const table = db.projects[0].database.tables.get('public.a')!;
    expect(table.rls).toBe(true);
    expect(table.policies.map((p) => p.name)).toEqual(['read own']);
    expect(notifications).toMatchObject([{ kind: 'parse-error', file: `${M}1.sql`, line: 2 }]);
    expect(notifications[0].message).toContain('the statements that do not parse were skipped and the other 4 read');
    expect(notifications[0].partial).toBe(true);
    // Text the scanner cannot split (an unterminated string) is not read at all.
    const broken = await databaseFor({ [`${M}1.sql`]: "create table public.a (id int);\ncreate tabel b (x text default 'open);\n" });
    expect(broken.db.projects[0]?.database.tables.size ?? 0).toBe(0);
    expect(broken.notifications[0].message).toContain('so only text rules ran on it');
  });

  it('reads only Supabase migration folders', async () => {
    const { db } = await databaseFor({
      'prisma/migrations/1_init/migration.sql': 'CREATE TABLE "User" (id int);',
      'supabase/seed.sql': 'insert into notes values (1);',
    });
    expect(db.projects).toEqual([]);
  });

  describe('schema scripts kept outside supabase/migrations', () => {
    it('reads them in a project with no migrations, in the package they belong to', async () => {
      const { db } = await databaseFor({
        'web/package.json': JSON.stringify({ name: 'web', dependencies: { '@supabase/supabase-js': '^2.45.4' } }),
        'web/database.sql': 'create table public.notes (id int, user_id uuid references auth.users);\n',
        'api/schema.sql': 'create table accounts (id int);\n',
      });
      expect(db.projects.map((p) => [p.dir, [...p.database.tables.keys()]])).toEqual([['web/', ['public.notes']]]);
    });

    it("reads a plain script that sets up row-level security in a package that uses Supabase's client, and not one in a package that does not", async () => {
      const schema = 'create table transactions (id int, amount int);\nalter table transactions enable row level security;\ncreate policy "all" on transactions for all using (true);\n';
      const { db } = await databaseFor({
        'web/package.json': JSON.stringify({ name: 'web', dependencies: { '@supabase/supabase-js': '^2.45.4' } }),
        'web/schema.sql': schema,
        'api/package.json': JSON.stringify({ name: 'api', dependencies: { pg: '^8.13.0' } }),
        'api/schema.sql': schema,
      });
      expect(db.projects.map((p) => [p.dir, [...p.database.tables.keys()]])).toEqual([['web/', ['public.transactions']]]);
    });

    it('runs a script after the one that creates the tables it names, whatever their names', async () => {
      const { db } = await databaseFor({
        'supabase/add-policies.sql': 'create policy "own" on public.notes for select using (auth.uid() = user_id);\n',
        'supabase/enable-rls.sql': 'alter table public.notes enable row level security;\nalter table public.tags enable row level security;\n',
        'supabase/schema.sql': 'create table public.notes (id int, user_id uuid);\ncreate table tags (id int, note_id int references notes);\n',
      });
      const tables = db.projects[0].database.tables;
      expect([tables.get('public.notes')!.rls, tables.get('public.tags')!.rls]).toEqual([true, true]);
      expect(tables.get('public.notes')!.policies.map((p) => p.name)).toEqual(['own']);
    });

    it('keeps file-name order between scripts that create each other\'s tables', async () => {
      const { db } = await databaseFor({
        'supabase/b.sql': 'create table b (id int, a_id int references a);\nalter table b enable row level security;\n',
        'supabase/a.sql': 'create table a (id int, b_id int references b);\ndrop table b;\n',
      });
      expect([...db.projects[0].database.tables.keys()]).toEqual(['public.a', 'public.b']);
    });

    it('reads one as the base of migrations that change tables they never create', async () => {
      const { db } = await databaseFor({
        'supabase/schema.sql': 'create table profiles (id uuid primary key references auth.users, role text);\ncreate table events (id int);\n',
        'supabase/migrations/phase2.sql': 'alter table profiles enable row level security;\ncreate table bookmarks (id int, event_id int references events);\n',
      });
      const tables = db.projects[0].database.tables;
      expect([...tables.keys()].sort()).toEqual(['public.bookmarks', 'public.events', 'public.profiles']);
      expect(tables.get('public.profiles')!.rls).toBe(true);
    });

    it('leaves them alone beside migrations, and skips seeds, tests and undo scripts', async () => {
      const beside = await databaseFor({ [`${M}1.sql`]: 'create table a (id int);\n', 'supabase/schema.sql': 'create table z (id int);\n' });
      expect([...beside.db.projects[0].database.tables.keys()]).toEqual(['public.a']);
      const skipped = await databaseFor({
        'supabase/seed.sql': 'create table s (id int);\n',
        'supabase/tests/rls.sql': 'create table t (id int);\n',
        'supabase/002_notes.down.sql': 'create table d (id int);\n',
        'supabase/latest_schema.sql': 'create table kept (id int);\n',
      });
      expect(skipped.db.projects.flatMap((p) => [...p.database.tables.keys()])).toEqual(['public.kept']);
    });
  });
});
