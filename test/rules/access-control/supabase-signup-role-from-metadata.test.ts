import { ruleTester } from '../../helpers/rule-tester.js';

const M = 'supabase/migrations/1.sql';
const table = "create table public.profiles (id uuid primary key references auth.users, full_name text, role text, plan text, avatar_url text);\n";
const trigger = (body: string, name = 'handle_new_user') =>
  `${table}create or replace function public.${name}() returns trigger language plpgsql security definer set search_path = '' as $$\nbegin\n${body}\n  return new;\nend $$;\ncreate trigger on_auth_user_created after insert on auth.users for each row execute function public.${name}();\n`;

ruleTester('supabase-signup-role-from-metadata', {
  valid: [
    { name: 'a fixed role, the name and avatar from the metadata', files: { [M]: trigger("  insert into public.profiles (id, full_name, avatar_url, role)\n  values (new.id, new.raw_user_meta_data->>'full_name', new.raw_user_meta_data->>'avatar_url', 'user');") } },
    {
      name: 'a role kept to a list of ordinary roles',
      files: { [M]: trigger("  insert into public.profiles (id, role)\n  values (new.id, case when new.raw_user_meta_data->>'role' in ('student', 'teacher') then new.raw_user_meta_data->>'role' else 'student' end);") },
    },
    { name: 'app metadata, which users cannot write', files: { [M]: trigger("  insert into public.profiles (id, role) values (new.id, coalesce(new.raw_app_meta_data->>'role', 'user'));") } },
    {
      name: 'a function that is not a trigger reading metadata from a table',
      files: { [M]: `${table}create function public.sync_role(uid uuid) returns void language sql as $$ update public.profiles set role = (select raw_user_meta_data->>'role' from auth.users where id = uid) where id = uid $$;\n` },
    },
  ],
  invalid: [
    {
      name: 'the role from the metadata, with a default (the Lovable sign-up trigger)',
      files: { [M]: trigger("  insert into public.profiles (id, full_name, role)\n  values (new.id, new.raw_user_meta_data->>'full_name', coalesce((new.raw_user_meta_data->>'role')::text, 'user'))\n  on conflict (id) do update set role = excluded.role;") },
      errors: [{ messageId: 'fromMetadata', line: 2, severity: 'critical' }],
    },
    {
      name: 'the role through a variable of the function, into a roles table',
      files: {
        [M]: `${table}create table public.user_roles (user_id uuid references auth.users, role text);\ncreate or replace function public.handle_new_user() returns trigger language plpgsql security definer set search_path = public as $$\ndeclare\n  user_role text;\nbegin\n  user_role := (new.raw_user_meta_data->>'role');\n  insert into public.user_roles (user_id, role) values (new.id, case when user_role is not null then user_role else 'member' end);\n  return new;\nend $$;\n`,
      },
      errors: [{ messageId: 'fromMetadata', line: 3, severity: 'critical' }],
    },
    {
      name: 'a plan from the metadata is high; an update in the trigger counts too',
      files: { [M]: trigger("  insert into public.profiles (id, full_name) values (new.id, new.raw_user_meta_data->>'full_name');\n  update public.profiles set plan = new.raw_user_meta_data->>'plan' where id = new.id;", 'on_signup') },
      errors: [{ messageId: 'fromMetadata', line: 2, severity: 'high' }],
    },
  ],
});
