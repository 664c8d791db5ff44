import { ruleTester } from '../../helpers/rule-tester.js';

const M = 'supabase/migrations/1.sql';

ruleTester('supabase-auth-users-exposed', {
  valid: [
    { name: 'security-invoker view', files: { [M]: 'create view public.me with (security_invoker = true) as select id, email from auth.users;\n' } },
    { name: 'view in a private schema', files: { [M]: 'create schema private;\ncreate view private.users as select id, email from auth.users;\n' } },
    { name: 'view revoked from API roles', files: { [M]: 'create view public.users as select id, email from auth.users;\nrevoke all on public.users from anon, authenticated;\n' } },
    { name: 'trigger function', files: { [M]: "create function public.on_signup() returns trigger language plpgsql security definer set search_path = '' as $$ begin insert into public.profiles (id) select id from auth.users where id = new.id; return new; end $$;\n" } },
    { name: 'function revoked from everyone', files: { [M]: "create function public.emails() returns setof text language sql security definer set search_path = '' as $$ select email from auth.users $$;\nrevoke execute on function public.emails from public, anon, authenticated;\n" } },
  ],
  invalid: [
    { name: 'view over auth.users', files: { [M]: 'create view public.user_emails as\nselect u.id, u.email from auth.users u;\n' }, errors: [{ messageId: 'view', line: 1 }] },
    {
      name: 'definer function callable by signed-in users',
      files: { [M]: "create function public.find_user(mail text) returns uuid language sql security definer set search_path = '' as $$ select id from auth.users where email = mail $$;\nrevoke execute on function public.find_user from public, anon;\n" },
      errors: [{ messageId: 'function', line: 1 }],
    },
  ],
});
