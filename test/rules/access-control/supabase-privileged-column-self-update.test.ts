import { ruleTester } from '../../helpers/rule-tester.js';

const M = 'supabase/migrations/1.sql';
const profiles = (extra = '') =>
  `create table public.profiles (id uuid primary key references auth.users (id), full_name text, role text default 'user', credits int default 0${extra});\nalter table public.profiles enable row level security;\n`;
const OWN_UPDATE = 'create policy "own" on public.profiles for update using (auth.uid() = id);\n';
const OWN_INSERT = 'create policy "insert own" on public.profiles for insert with check (auth.uid() = id);\n';
const orders = (extra = '') =>
  `create table public.orders (id uuid primary key default gen_random_uuid(), user_id uuid not null references auth.users (id), total int, payment_status text not null default 'pending');\nalter table public.orders enable row level security;\n${extra}`;
const ORDER_INSERT = 'create policy "Users create orders" on public.orders for insert to authenticated with check (auth.uid() = user_id);\n';
/** Supabase's guide: each new auth user gets a profile row, keyed by their id. */
const HANDLE_NEW_USER =
  "create function public.handle_new_user() returns trigger language plpgsql security definer set search_path = '' as $$ begin insert into public.profiles (id, full_name) values (new.id, new.raw_user_meta_data ->> 'full_name'); return new; end $$;\ncreate trigger on_auth_user_created after insert on auth.users for each row execute function public.handle_new_user();\n";

ruleTester('supabase-privileged-column-self-update', {
  valid: [
    {
      name: 'an account type the user picks, by the values its check allows; an admin among them would grant',
      files: {
        [M]: "create table public.profiles (id uuid primary key references auth.users (id), full_name text, user_type text check (user_type in ('USER', 'ORGANIZATION')));\nalter table public.profiles enable row level security;\n" + OWN_UPDATE,
      },
    },
    {
      name: "a free-text status that starts as 'pending' on a table that holds no payments or on invoices the user issues, and one whose default says nothing",
      files: {
        [M]: [
          "create table public.tasks (id uuid primary key, user_id uuid references auth.users (id), status text default 'pending');",
          'alter table public.tasks enable row level security;',
          'create policy "own" on public.tasks for update using (auth.uid() = user_id);',
          "create table public.orders (id uuid primary key, user_id uuid references auth.users (id), status text default 'new');",
          'alter table public.orders enable row level security;',
          'create policy "own orders" on public.orders for update using (auth.uid() = user_id);',
          "create table public.invoices (id uuid primary key, owner_id uuid references auth.users (id), client_email text, status text default 'pending');",
          'alter table public.invoices enable row level security;',
          'create policy "own invoices" on public.invoices for insert to authenticated with check (auth.uid() = owner_id);',
          '',
        ].join('\n'),
      },
    },
    { name: 'a payment status only the server writes', files: { [M]: "create table public.orders (id uuid primary key, user_id uuid not null references auth.users (id), note text, payment_status text not null default 'pending');\nalter table public.orders enable row level security;\ncreate policy \"own\" on public.orders for update using (user_id = auth.uid());\nrevoke update on public.orders from authenticated, anon;\ngrant update (note) on public.orders to authenticated;\n" } },
    { name: 'a table without privileged columns', files: { [M]: 'create table public.notes (id uuid primary key, user_id uuid references auth.users (id), body text);\nalter table public.notes enable row level security;\ncreate policy "own" on public.notes for update using (auth.uid() = user_id);\n' } },
    { name: 'only a select policy', files: { [M]: `${profiles()}create policy "read own" on public.profiles for select using (auth.uid() = id);\n` } },
    { name: 'update revoked, granted back on safe columns', files: { [M]: `${profiles()}${OWN_UPDATE}revoke update on public.profiles from authenticated, anon;\ngrant update (full_name) on public.profiles to authenticated;\n` } },
    { name: 'the check pins the privileged columns', files: { [M]: `${profiles()}create policy "own" on public.profiles for update using (auth.uid() = id) with check (auth.uid() = id and role = (select p.role from public.profiles p where p.id = auth.uid()) and credits = (select p.credits from public.profiles p where p.id = auth.uid()));\n` } },
    { name: 'a before update trigger guards the table', files: { [M]: `${profiles()}${OWN_UPDATE}create function public.keep_role() returns trigger language plpgsql as $$ begin new.role := old.role; new.credits := old.credits; return new; end $$;\ncreate trigger keep_role before update on public.profiles for each row execute function public.keep_role();\n` } },
    {
      name: 'a before update trigger that raises unless an admin is writing, whatever the column',
      files: { [M]: `${profiles()}${OWN_UPDATE}create function public.admins_only() returns trigger language plpgsql as $$ begin if not public.is_admin(auth.uid()) then raise exception 'Only admins may change profiles'; end if; return new; end $$;\ncreate trigger admins_only before update on public.profiles for each row execute function public.admins_only();\n` },
    },
    {
      name: "a rate-limit table kept for the service role (`for all using (false)`), a usage log users add to, and a note's text",
      files: {
        [M]: [
          'create table public.rate_limits (id uuid primary key, user_id uuid references auth.users (id), action text, count int default 1);',
          'alter table public.rate_limits enable row level security;',
          'create policy "own" on public.rate_limits for select using (auth.uid() = user_id);',
          'create policy "System only" on public.rate_limits for all using (false);',
          'create table public.ai_usage_logs (id uuid primary key, user_id uuid references auth.users (id), credits_used int, tokens_used int);',
          'alter table public.ai_usage_logs enable row level security;',
          'create policy "log own" on public.ai_usage_logs for insert to authenticated with check (auth.uid() = user_id);',
          'create table public.notes (id uuid primary key, user_id uuid references auth.users (id), usage_notes text);',
          'alter table public.notes enable row level security;',
          'create policy "own notes" on public.notes for update using (auth.uid() = user_id);',
          '',
        ].join('\n'),
      },
    },
    {
      name: "a quiz question's points set by the test's teacher, and a manager's own policy for deciding requests",
      files: {
        [M]: [
          'create table public.tests (id uuid primary key, teacher_id uuid references auth.users (id));',
          'create table public.test_questions (id uuid primary key, test_id uuid references public.tests (id), points int default 10);',
          'alter table public.test_questions enable row level security;',
          'create policy "Teachers manage questions" on public.test_questions for all using (exists (select 1 from public.tests where tests.id = test_questions.test_id and tests.teacher_id = auth.uid()));',
          "create table public.leave_requests (id uuid primary key, employee_id uuid references auth.users (id), status text default 'pending' check (status in ('pending', 'approved', 'rejected')));",
          'alter table public.leave_requests enable row level security;',
          "create policy \"Managers decide\" on public.leave_requests for update using (get_user_role(auth.uid()) = 'manager');",
          "create table public.tasks (id uuid primary key, assignee_id uuid references auth.users (id), status text default 'todo' check (status in ('todo', 'in_progress', 'done')));",
          'alter table public.tasks enable row level security;',
          'create policy "Assignees move their tasks" on public.tasks for update using (auth.uid() = assignee_id);',
          "create policy \"Admins manage tasks\" on public.tasks for update using (has_role(auth.uid(), 'admin'));",
          '',
        ].join('\n'),
      },
    },
    { name: 'a before update trigger whose function is not in the migrations read', files: { [M]: `${profiles()}${OWN_UPDATE}create trigger guard before update on public.profiles for each row execute function private.guard_profile();\n` } },
    { name: 'only admins may update', files: { [M]: `${profiles()}create policy "admins" on public.profiles for update using (public.has_role(auth.uid(), 'admin'));\n` } },
    { name: 'only admins of the owner may update', files: { [M]: `${profiles()}create policy "owner's admins" on public.profiles for update using (auth.uid() is not null and (public.has_role(auth.uid(), 'admin') or public.has_role(auth.uid(), 'moderator')));\n` } },
    { name: 'only the row\u2019s owner column and a display name', files: { [M]: 'create table public.notes (id uuid primary key, user_id uuid references auth.users (id), title text);\nalter table public.notes enable row level security;\ncreate policy "own" on public.notes for update using (auth.uid() = user_id);\n' } },
    { name: 'row-level security off is another rule\u2019s finding', files: { [M]: `create table public.profiles (id uuid primary key, role text);\n` } },
    { name: 'inserting your own profile, made for you at sign-up and keyed by your id', files: { [M]: `${profiles()}${HANDLE_NEW_USER}${OWN_INSERT}` } },
    {
      name: 'a profile keyed by a unique user_id index, made at sign-up',
      files: { [M]: `create table public.profiles (id uuid primary key default gen_random_uuid(), user_id uuid not null references auth.users (id), role text default 'user');\ncreate unique index profiles_user on public.profiles (user_id);\nalter table public.profiles enable row level security;\ncreate policy "insert own" on public.profiles for insert with check (user_id = (select auth.uid()));\n${HANDLE_NEW_USER.replace('(id, full_name) values (new.id,', '(user_id, full_name) values (new.id,')}` },
    },
    {
      name: "a task's status may be `completed` (not a payment), an order's `pending` / `shipped` states say nothing of payment",
      files: { [M]: "create table public.tasks (id uuid primary key, user_id uuid references auth.users (id), status text check (status in ('todo', 'completed')));\nalter table public.tasks enable row level security;\ncreate policy \"own\" on public.tasks for insert with check (auth.uid() = user_id);\ncreate type public.ship_state as enum ('pending', 'shipped');\ncreate table public.orders (id uuid primary key, user_id uuid references auth.users (id), status public.ship_state);\nalter table public.orders enable row level security;\ncreate policy \"own\" on public.orders for insert with check (auth.uid() = user_id);\n" },
    },
    { name: 'an insert check that pins the payment status', files: { [M]: orders(`create policy "own" on public.orders for insert with check (auth.uid() = user_id and payment_status = 'pending');\n`) } },
    {
      name: 'a before insert trigger that resets the payment status',
      files: { [M]: orders(`${ORDER_INSERT}create function public.new_order() returns trigger language plpgsql as $$ begin new.payment_status := 'pending'; return new; end $$;\ncreate trigger new_order before insert on public.orders for each row execute function public.new_order();\n`) },
    },
    { name: 'insert revoked, granted back on safe columns', files: { [M]: orders(`${ORDER_INSERT}revoke insert on public.orders from authenticated, anon;\ngrant insert (user_id, total) on public.orders to authenticated;\n`) } },
    {
      name: 'a chat message\u2019s role says who wrote it, by its check or beside the content',
      files: {
        [M]: "create table public.chat_messages (id uuid primary key default gen_random_uuid(), user_id uuid not null references auth.users (id), role text not null check (role in ('user', 'assistant')), content text);\nalter table public.chat_messages enable row level security;\ncreate policy \"own\" on public.chat_messages for insert with check (auth.uid() = user_id);\ncreate policy \"edit own\" on public.chat_messages for update using (auth.uid() = user_id);\ncreate table public.messages (id bigint primary key, user_id uuid references auth.users (id), role text, content text);\nalter table public.messages enable row level security;\ncreate policy \"own\" on public.messages for insert with check (auth.uid() = user_id);\n",
      },
    },
    {
      name: 'an open insert policy on profiles every user already has (key references auth.users, made at sign-up)',
      files: { [M]: `${profiles()}${HANDLE_NEW_USER}create policy "Service role can insert profiles" on public.profiles for insert with check (true);\n` },
    },
    { name: 'only admins may insert', files: { [M]: orders(`create policy "admins" on public.orders for insert with check (public.has_role(auth.uid(), 'admin'));\n`) } },
  ],
  invalid: [
    {
      name: 'a user type whose allowed values include an admin',
      files: {
        [M]: "create table public.profiles (id uuid primary key references auth.users (id), full_name text, user_type text check (user_type in ('USER', 'ADMIN')));\nalter table public.profiles enable row level security;\n" + OWN_UPDATE,
      },
      errors: [{ messageId: 'selfUpdate', line: 3 }],
    },
    {
      name: "a game's XP points and coins, which a profile update policy lets players set",
      files: { [M]: "create table public.profiles (id uuid primary key references auth.users (id), full_name text, xp_points int default 0, coins int default 0, current_streak int default 0);\nalter table public.profiles enable row level security;\ncreate policy \"own\" on public.profiles for update using (auth.uid() = id);\n" },
      errors: [{ messageId: 'selfUpdate', line: 3 }],
    },
    {
      name: 'admins or the owner may update: the owner may give themselves the role',
      files: { [M]: `${profiles()}create policy "Admins and owners" on public.profiles for update to authenticated using (auth.uid() = id or public.has_role(auth.uid(), 'admin'));\n` },
      errors: [{ messageId: 'selfUpdate', line: 3, severity: 'critical' }],
    },
    {
      name: "purchases and payments whose free-text status starts as 'pending' (a Lovable plan shop), one renamed and one cast",
      files: {
        [M]: [
          "create table public.plan_purchases (id uuid primary key, client_id uuid not null references auth.users (id), amount numeric, state text not null default 'pending');",
          'alter table public.plan_purchases enable row level security;',
          'create policy "Users can create purchases" on public.plan_purchases for insert to authenticated with check (auth.uid() = client_id);',
          "create table public.payments (id uuid primary key, user_id uuid references auth.users (id), status text default 'unpaid'::text);",
          'alter table public.payments enable row level security;',
          'alter table public.plan_purchases rename column state to status;',
          'create policy "own" on public.payments for update using (auth.uid() = user_id);',
          '',
        ].join('\n'),
      },
      errors: [
        { messageId: 'selfInsert', line: 3, severity: 'high' },
        { messageId: 'selfUpdate', line: 7, severity: 'high' },
      ],
    },
    {
      name: 'a ticket buyer who may update their own registration, payment status included',
      files: { [M]: "create table public.registrations (id uuid primary key, user_id uuid not null references auth.users (id), quantity int, payment_status text not null default 'pending');\nalter table public.registrations enable row level security;\ncreate policy \"own\" on public.registrations for update using (user_id = auth.uid());\n" },
      errors: [{ messageId: 'selfUpdate', line: 3, severity: 'high' }],
    },
    {
      name: 'a validation trigger that raises only over other columns, and keeps the role, leaves the credits open',
      files: { [M]: `${profiles()}${OWN_UPDATE}create function public.validate_profile() returns trigger language plpgsql as $$ begin if tg_op = 'UPDATE' and old.id <> auth.uid() then raise exception 'Cannot update another user profile'; end if; if new.full_name is not null and length(new.full_name) > 100 then raise exception 'Name too long'; end if; new.role := old.role; return new; end $$;\ncreate trigger validate_profile before update on public.profiles for each row execute function public.validate_profile();\n` },
      errors: [{ messageId: 'selfUpdate', line: 3, severity: 'high' }],
    },
    {
      name: 'usage counts and caps users may write: reset on update, a raised cap on insert; credits kept as credits_remaining',
      files: {
        [M]: [
          'create table public.usage_tracking (id uuid primary key, user_id uuid references auth.users (id), current_usage int default 0, max_usage int default 2, generation_count int default 0);',
          'alter table public.usage_tracking enable row level security;',
          'create policy "Users can update own usage" on public.usage_tracking for update using (auth.uid() = user_id);',
          'create policy "Users can insert own usage" on public.usage_tracking for insert with check (auth.uid() = user_id);',
          'create table public.user_credits (id uuid primary key, user_id uuid references auth.users (id), credits_remaining int not null default 10);',
          'alter table public.user_credits enable row level security;',
          'create policy "Users can update own credits" on public.user_credits for update using (auth.uid() = user_id);',
          '',
        ].join('\n'),
      },
      errors: [
        { messageId: 'selfUpdate', line: 3, severity: 'high' },
        { messageId: 'selfInsert', line: 4, severity: 'high' },
        { messageId: 'selfUpdate', line: 7, severity: 'high' },
      ],
    },
    {
      name: "decisions kept for reviewers, set by the person they are about: a student's own score, an employee's own leave approved",
      files: {
        [M]: [
          'create table public.submissions (id uuid primary key, student_id uuid references auth.users (id), code text, score int);',
          'alter table public.submissions enable row level security;',
          'create policy "Students submit" on public.submissions for insert with check (auth.uid() = student_id);',
          "create policy \"Teachers grade\" on public.submissions for update using (has_role(auth.uid(), 'teacher'));",
          "create table public.leave_requests (id uuid primary key, employee_id uuid references auth.users (id), status text default 'pending' check (status in ('pending', 'approved', 'rejected')));",
          'alter table public.leave_requests enable row level security;',
          'create policy "Own requests" on public.leave_requests for all using (auth.uid() = employee_id);',
          "create policy \"Managers decide\" on public.leave_requests for update using (employee_id in (select id from public.profiles where manager_id = auth.uid()) or get_user_role(auth.uid()) = 'admin');",
          '',
        ].join('\n'),
      },
      errors: [
        { messageId: 'selfInsert', line: 3, severity: 'high' },
        { messageId: 'selfUpdate', line: 7, severity: 'high' },
      ],
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
    {
      name: 'buyers may create their own orders already paid',
      files: { [M]: orders(ORDER_INSERT) },
      errors: [{ messageId: 'selfInsert', line: 3, severity: 'high' }],
    },
    {
      name: 'a profile the app inserts from the browser at sign-up, role included',
      files: { [M]: `${profiles()}${OWN_INSERT}` },
      errors: [{ messageId: 'selfInsert', line: 3, severity: 'critical' }],
    },
    {
      name: 'a second profile row: the sign-up trigger makes one, but user_id is not a key',
      files: { [M]: `create table public.profiles (id uuid primary key default gen_random_uuid(), user_id uuid not null references auth.users (id), role text default 'user');\nalter table public.profiles enable row level security;\ncreate policy "insert own" on public.profiles for insert with check (auth.uid() = user_id);\n${HANDLE_NEW_USER.replace('(id, full_name) values (new.id,', '(user_id, full_name) values (new.id,')}` },
      errors: [{ messageId: 'selfInsert', line: 3, severity: 'critical' }],
    },
    {
      name: 'joining any team as its owner',
      files: { [M]: `${profiles()}${HANDLE_NEW_USER}create table public.team_members (team_id uuid not null, user_id uuid not null references auth.users (id), role text not null default 'member', primary key (team_id, user_id));\nalter table public.team_members enable row level security;\ncreate policy "join" on public.team_members for insert to authenticated with check (user_id = auth.uid());\n` },
      errors: [{ messageId: 'selfInsert', line: 7, severity: 'critical' }],
    },
    {
      name: 'a role column whose check allows admins',
      files: { [M]: "create table public.workspace_members (workspace_id uuid, user_id uuid references auth.users (id), role text not null default 'member' check (role in ('member', 'admin')), content text);\nalter table public.workspace_members enable row level security;\ncreate policy \"join\" on public.workspace_members for insert with check (auth.uid() = user_id);\n" },
      errors: [{ messageId: 'selfInsert', line: 3, severity: 'critical' }],
    },
    {
      name: "an order's plain `status` whose check lists `paid`",
      files: { [M]: "create table public.orders (id uuid primary key, user_id uuid references auth.users (id), items jsonb, total_amount numeric, status text default 'pending' check (status in ('pending', 'paid', 'cancelled')));\nalter table public.orders enable row level security;\ncreate policy \"Users can create their own orders\" on public.orders for insert with check (auth.uid() = user_id);\n" },
      errors: [{ messageId: 'selfInsert', line: 3, severity: 'high' }],
    },
    {
      name: 'a subscription status of an enum type (a value added later included) that users may update to `active`',
      files: { [M]: "create type public.sub_status as enum ('trialing', 'canceled');\nalter type public.sub_status add value 'active';\ncreate table public.subscriptions (id uuid primary key, user_id uuid references auth.users (id), status public.sub_status not null default 'trialing');\nalter table public.subscriptions enable row level security;\ncreate policy \"own\" on public.subscriptions for update using (auth.uid() = user_id);\n" },
      errors: [{ messageId: 'selfUpdate', line: 5, severity: 'high' }],
    },
    {
      name: 'the payment status among the columns granted for insert',
      files: { [M]: orders(`${ORDER_INSERT}revoke insert on public.orders from authenticated;\ngrant insert (user_id, total, payment_status) on public.orders to authenticated;\n`) },
      errors: [{ messageId: 'selfInsert', line: 3, severity: 'high' }],
    },
    {
      name: "Lovable's updated_at trigger, made in a migration not read, beside a policy that lets users update their own credits",
      files: { [M]: `${profiles()}${OWN_UPDATE}create trigger update_profiles_updated_at before update on public.profiles for each row execute function public.update_updated_at_column();\n` },
      errors: [{ messageId: 'selfUpdate', line: 3, severity: 'critical' }],
    },
  ],
});
