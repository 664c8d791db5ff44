import { ruleTester } from '../../helpers/rule-tester.js';

const M = 'supabase/migrations/1.sql';
const profiles = (extra = '') =>
  `create table public.profiles (id uuid primary key references auth.users (id), full_name text, role text default 'user', credits int default 0${extra});\nalter table public.profiles enable row level security;\n`;
const OWN_UPDATE = 'create policy "own" on public.profiles for update using (auth.uid() = id);\n';

ruleTester('supabase-privileged-column-self-update', {
  valid: [
    { name: 'a payment status only the server writes', files: { [M]: "create table public.orders (id uuid primary key, user_id uuid not null references auth.users (id), note text, payment_status text not null default 'pending');\nalter table public.orders enable row level security;\ncreate policy \"own\" on public.orders for update using (user_id = auth.uid());\nrevoke update on public.orders from authenticated, anon;\ngrant update (note) on public.orders to authenticated;\n" } },
    { name: 'a table without privileged columns', files: { [M]: 'create table public.notes (id uuid primary key, user_id uuid references auth.users (id), body text);\nalter table public.notes enable row level security;\ncreate policy "own" on public.notes for update using (auth.uid() = user_id);\n' } },
    { name: 'only a select policy', files: { [M]: `${profiles()}create policy "read own" on public.profiles for select using (auth.uid() = id);\n` } },
    { name: 'update revoked, granted back on safe columns', files: { [M]: `${profiles()}${OWN_UPDATE}revoke update on public.profiles from authenticated, anon;\ngrant update (full_name) on public.profiles to authenticated;\n` } },
    { name: 'the check pins the privileged columns', files: { [M]: `${profiles()}create policy "own" on public.profiles for update using (auth.uid() = id) with check (auth.uid() = id and role = (select p.role from public.profiles p where p.id = auth.uid()) and credits = (select p.credits from public.profiles p where p.id = auth.uid()));\n` } },
    { name: 'a before update trigger guards the table', files: { [M]: `${profiles()}${OWN_UPDATE}create function public.keep_role() returns trigger language plpgsql as $$ begin new.role := old.role; new.credits := old.credits; return new; end $$;\ncreate trigger keep_role before update on public.profiles for each row execute function public.keep_role();\n` } },
    { name: 'a before update trigger whose function is not in the migrations read', files: { [M]: `${profiles()}${OWN_UPDATE}create trigger guard before update on public.profiles for each row execute function private.guard_profile();\n` } },
    { name: 'only admins may update', files: { [M]: `${profiles()}create policy "admins" on public.profiles for update using (public.has_role(auth.uid(), 'admin'));\n` } },
    { name: 'only the row\u2019s owner column and a display name', files: { [M]: 'create table public.notes (id uuid primary key, user_id uuid references auth.users (id), title text);\nalter table public.notes enable row level security;\ncreate policy "own" on public.notes for update using (auth.uid() = user_id);\n' } },
    { name: 'row-level security off is another rule\u2019s finding', files: { [M]: `create table public.profiles (id uuid primary key, role text);\n` } },
  ],
  invalid: [
    {
      name: 'a ticket buyer who may update their own registration, payment status included',
      files: { [M]: "create table public.registrations (id uuid primary key, user_id uuid not null references auth.users (id), quantity int, payment_status text not null default 'pending');\nalter table public.registrations enable row level security;\ncreate policy \"own\" on public.registrations for update using (user_id = auth.uid());\n" },
      errors: [{ messageId: 'selfUpdate', line: 3, severity: 'high' }],
    },
    {
      name: 'the updated_at trigger on the table, or moddatetime, guards no privileged column',
      files: { [M]: `${profiles()}${OWN_UPDATE}create function public.update_updated_at_column() returns trigger language plpgsql as $$ begin new.updated_at = now(); return new; end $$;\ncreate trigger update_profiles_updated_at before update on public.profiles for each row execute function public.update_updated_at_column();\ncreate trigger stamp before update on public.profiles for each row execute function extensions.moddatetime(updated_at);\n` },
      errors: [{ messageId: 'selfUpdate', line: 3, severity: 'critical' }],
    },
    {
      name: 'users update their own profile, role and credits included',
      files: { [M]: `${profiles()}${OWN_UPDATE}` },
      errors: [{ messageId: 'selfUpdate', line: 3, severity: 'critical' }],
    },
    {
      name: 'a column-level revoke does not undo the table-wide grant, and a plan column under FOR ALL',
      files: { [M]: `${profiles(', plan text')}create policy "own" on public.profiles for all to authenticated using (auth.uid() = id) with check (auth.uid() = id);\nrevoke update (role, credits) on public.profiles from authenticated;\n` },
      errors: [{ messageId: 'selfUpdate', line: 3, severity: 'critical' }],
    },
    {
      name: 'a Stripe customer id users may point at someone else\u2019s',
      files: { [M]: `create table public.billing (id uuid primary key references auth.users (id), stripe_customer_id text);\nalter table public.billing enable row level security;\ncreate policy "own" on public.billing for update using (auth.uid() = id);\n` },
      errors: [{ messageId: 'selfUpdate', line: 3, severity: 'high' }],
    },
    {
      name: 'credits granted back column by column',
      files: { [M]: `create table public.wallets (id uuid primary key references auth.users (id), balance int);\nalter table public.wallets enable row level security;\ncreate policy "own" on public.wallets for update using (auth.uid() = id);\nrevoke update on public.wallets from authenticated;\ngrant update (balance) on public.wallets to authenticated;\n` },
      errors: [{ messageId: 'selfUpdate', line: 3, severity: 'high' }],
    },
  ],
});
