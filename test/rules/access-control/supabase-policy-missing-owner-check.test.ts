import { ruleTester } from '../../helpers/rule-tester.js';

const M = 'supabase/migrations/1.sql';
const orders = 'create table orders (id uuid primary key, session_id text, customer_email text, amount_total numeric);\nalter table orders enable row level security;\n';
const notes = 'create table notes (id int, user_id uuid references auth.users (id), body text);\nalter table notes enable row level security;\n';

ruleTester('supabase-policy-missing-owner-check', {
  valid: [
    { name: 'owner compared', files: { [M]: `${notes}create policy "own" on notes for select using ((select auth.uid()) = user_id);\n` } },
    { name: 'own helper function', files: { [M]: `${notes}create policy "admins" on notes for select using (auth.role() = 'authenticated' and public.is_admin());\n` } },
    { name: 'team membership sub-query', files: { [M]: `${notes}create policy "team" on notes for select using (auth.uid() is not null and exists (select 1 from members m where m.user_id = auth.uid()));\n` } },
    {
      name: "profiles, game rooms and their players, read by every signed-in user of a multiplayer game",
      files: {
        [M]: "create table profiles (id uuid references auth.users not null primary key, username text not null unique, avatar_url text);\nalter table profiles enable row level security;\ncreate policy \"visible\" on profiles for select using (auth.role() = 'authenticated');\ncreate table game_rooms (id uuid primary key, name text, owner_id uuid references profiles(id) not null, join_code text);\nalter table game_rooms enable row level security;\ncreate policy \"rooms\" on game_rooms for select using (auth.role() = 'authenticated');\ncreate table game_players (id uuid primary key, room_id uuid, user_id uuid references profiles(id) not null);\nalter table game_players enable row level security;\ncreate policy \"players\" on game_players for select using (auth.uid() is not null);\n",
      },
    },
    { name: 'table without owner column', files: { [M]: 'create table faq (id int, q text);\nalter table faq enable row level security;\ncreate policy "r" on faq for select using (auth.role() = \'authenticated\');\n' } },
    {
      name: 'private records without an owner column, in a project whose config turns sign-up off; writes to them (other rules)',
      files: {
        'supabase/config.toml': '[auth]\nenable_signup = false\n',
        [M]: `${orders}create policy "staff read" on orders for select using (auth.uid() is not null);\n`,
        'other/supabase/migrations/1.sql': `${orders}create policy "staff write" on orders for update using (auth.uid() is not null);\n`,
      },
    },
    { name: 'app_metadata role check', files: { [M]: `${notes}create policy "admin" on notes for select using ((auth.jwt() -> 'app_metadata' ->> 'role') = 'admin');\n` } },
  ],
  invalid: [
    {
      name: 'a profile that holds e-mail and phone, and rooms any signed-in user can create for someone else',
      files: {
        [M]: "create table profiles (id uuid references auth.users not null primary key, username text, email text, phone text);\nalter table profiles enable row level security;\ncreate policy \"visible\" on profiles for select using (auth.role() = 'authenticated');\ncreate table game_rooms (id uuid primary key, owner_id uuid references profiles(id) not null);\nalter table game_rooms enable row level security;\ncreate policy \"create\" on game_rooms for insert with check (auth.role() = 'authenticated');\n",
      },
      errors: [
        { messageId: 'signedInOnly', line: 3 },
        { messageId: 'signedInOnly', line: 6 },
      ],
    },
    { name: "auth.role() = 'authenticated'", files: { [M]: `${notes}create policy "upd" on notes for update using (auth.role() = 'authenticated');\n` }, errors: [{ messageId: 'signedInOnly', line: 3 }] },
    { name: 'auth.uid() is not null for insert', files: { [M]: `${notes}create policy "ins" on notes for insert to authenticated\n  with check (auth.uid() is not null);\n` }, errors: [{ messageId: 'signedInOnly', line: 3 }] },
    { name: 'reversed comparison, sub-select form', files: { [M]: `${notes}create policy "del" on notes for delete using ('authenticated' = (select auth.role()));\n` }, errors: [{ messageId: 'signedInOnly', line: 3 }] },
    {
      name: 'profile id references auth.users',
      files: { [M]: "create table profiles (id uuid primary key references auth.users (id), bio text);\nalter table profiles enable row level security;\ncreate policy \"read\" on profiles for all using (auth.jwt() ->> 'role' = 'authenticated');\n" },
      errors: [{ messageId: 'signedInOnly', line: 3 }],
    },
    {
      name: 'orders kept by e-mail, read by every signed-in user (a root script for the SQL editor, named by its comment)',
      files: {
        'package.json': JSON.stringify({ name: 'shop', dependencies: { '@supabase/supabase-js': '^2.45.0' } }),
        'CREATE_ORDERS_TABLE.sql': `-- Run this in the Supabase SQL Editor\n${orders}create policy "Users can read own orders" on orders for select using (auth.uid() is not null);\n`,
      },
      errors: [{ messageId: 'signedInReadsPrivate', line: 4 }],
    },
  ],
});
