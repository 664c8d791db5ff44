import { ruleTester } from '../../helpers/rule-tester.js';

const M = 'supabase/migrations/1.sql';
const clients = 'create table public.clients (id int, owner_id uuid references auth.users (id), name text, email text);\nalter table public.clients enable row level security;\n';
const countries = 'create table public.countries (code text primary key, name text);\nalter table public.countries enable row level security;\n';

ruleTester('supabase-permissive-policy', {
  valid: [
    { name: 'lookup table readable by all', files: { [M]: `${countries}create policy "read" on countries for select using (true);\n` } },
    { name: 'owner check', files: { [M]: `${clients}create policy "own" on clients for all using (auth.uid() = owner_id) with check (auth.uid() = owner_id);\n` } },
    {
      name: 'owner checks created by a DO block',
      files: { [M]: `${clients}do $$ declare t text; begin foreach t in array array['clients'] loop execute format('create policy "own" on public.%I for all using (auth.uid() = owner_id) with check (auth.uid() = owner_id)', t); end loop; end $$;\n` },
    },
    { name: 'service_role only', files: { [M]: `${clients}create policy "svc" on clients for all to service_role using (true);\n` } },
    { name: 'restrictive true', files: { [M]: `${clients}create policy "r" on clients as restrictive for update using (true);\ncreate policy "own" on clients for all using (auth.uid() = owner_id);\n` } },
    { name: 'narrowed by a restrictive policy', files: { [M]: `${clients}create policy "all" on clients for select using (true);\ncreate policy "own only" on clients as restrictive for all using (auth.uid() = owner_id);\n` } },
    { name: 'insert into a table without owner (contact form)', files: { [M]: 'create table messages_inbox (id int, body text);\nalter table messages_inbox enable row level security;\ncreate policy "anyone can write" on messages_inbox for insert to anon with check (true);\n' } },
    { name: 'public blog posts', files: { [M]: 'create table posts (id int, author_id uuid, title text, body text);\nalter table posts enable row level security;\ncreate policy "read" on posts for select using (true);\n' } },
    { name: 'usage counters are not personal data', files: { [M]: 'create table usage_stats (id int, user_id uuid, token_count int, model text);\nalter table usage_stats enable row level security;\ncreate policy "r" on usage_stats for select using (true);\n' } },
    { name: 'policy dropped later', files: { [M]: `${clients}create policy "x" on clients for select using (true);\ndrop policy "x" on clients;\ncreate policy "own" on clients for select using (auth.uid() = owner_id);\n` } },
  ],
  invalid: [
    {
      name: 'signed-in users change every row, by policies a DO block creates',
      files: {
        [M]: [
          clients.trimEnd(),
          'do $$',
          'declare t text;',
          'begin',
          "  for t in select unnest(array['clients']) loop",
          `    execute format('create policy "auth_all_update" on public.%I for update to authenticated using (true) with check (true);', t);`,
          '  end loop;',
          'end $$;',
          '',
        ].join('\n'),
      },
      errors: [{ messageId: 'writeAll', line: 7 }],
    },
    { name: 'everyone reads personal data', files: { [M]: `${clients}create policy "Enable read access for all users"\n  on clients for select using (true);\n` }, errors: [{ messageId: 'readAll', line: 3 }] },
    {
      name: "a script for Supabase's SQL editor, known by its comment, that lets everyone read newsletter e-mails",
      files: {
        'package.json': JSON.stringify({ name: 'shop', dependencies: { '@supabase/supabase-js': '^2.45.0' } }),
        'CREATE_NEWSLETTER_TABLE.sql': '-- Run this in Supabase SQL Editor\ncreate table newsletter_subscribers (id uuid primary key, email text unique not null);\nalter table newsletter_subscribers enable row level security;\ncreate policy "Allow public read" on newsletter_subscribers for select using (true);\n',
        'scripts/seed.sql': '-- seed data for local Postgres\ncreate table contacts (id int, email text);\n',
      },
      errors: [{ messageId: 'readAll', file: 'CREATE_NEWSLETTER_TABLE.sql', line: 4 }],
    },
    { name: 'a column named with a personal word', files: { [M]: 'create table shipments (id int, billing_address text);\nalter table shipments enable row level security;\ncreate policy "r" on shipments for select to anon using (true);\n' }, errors: [{ messageId: 'readAll', line: 3 }] },
    { name: 'signed-in users change every row', files: { [M]: `${clients}create policy "auth all" on clients for all to authenticated using (true) with check (true);\n` }, errors: [{ messageId: 'writeAll', line: 3 }] },
    { name: 'delete on a lookup table', files: { [M]: `${countries}create policy "del" on countries for delete to anon using (true);\n` }, errors: [{ messageId: 'writeAll', line: 3 }] },
    { name: 'insert with any owner', files: { [M]: `${clients}create policy "ins" on clients for insert to authenticated with check (true);\n` }, errors: [{ messageId: 'insertAny', line: 3 }] },
    {
      name: 'altered to true in a later migration',
      files: { [M]: `${clients}create policy "own" on clients for update using (auth.uid() = owner_id);\n`, 'supabase/migrations/2.sql': 'alter policy "own" on clients using (true);\n' },
      errors: [{ messageId: 'writeAll', line: 1, file: 'supabase/migrations/2.sql' }],
    },
  ],
});
