import { ruleTester } from '../../helpers/rule-tester.js';

const M = 'supabase/migrations/1.sql';
const fixed = "create function public.stats() returns bigint language sql security definer set search_path = '' as $$ select count(*) from public.orders $$;\n";

ruleTester('supabase-security-definer-exposed', {
  valid: [
    { name: 'revoked from public and anon', files: { [M]: `${fixed}revoke execute on function public.stats() from public, anon;\n` } },
    { name: 'revoked in a later migration, on all functions', files: { [M]: fixed, 'supabase/migrations/2.sql': 'revoke execute on all functions in schema public from public, anon;\n' } },
    { name: 'default privileges revoked before creation', files: { [M]: `alter default privileges in schema public revoke execute on functions from public, anon;\n${fixed}` } },
    { name: 'security invoker', files: { [M]: 'create function public.stats() returns bigint language sql as $$ select 1 $$;\n' } },
    { name: 'private schema', files: { [M]: "create schema private;\ncreate function private.stats() returns bigint language sql security definer set search_path = '' as $$ select 1 $$;\n" } },
    { name: 'trigger function with fixed search path', files: { [M]: "create function public.on_signup() returns trigger language plpgsql security definer set search_path = '' as $$ begin return new; end $$;\n" } },
    { name: 'dropped later', files: { [M]: fixed, 'supabase/migrations/2.sql': 'drop function public.stats();\n' } },
    { name: 'search_path fixed by ALTER FUNCTION', files: { [M]: "create function private_fn() returns void language sql security definer as $$ select 1 $$;\nrevoke execute on function private_fn from public, anon;\nalter function private_fn() set search_path = '';\n" } },
    {
      name: 'the body turns away callers who are not the owner or an admin, or touches only their own rows',
      files: {
        [M]: "create function public.delete_election(_id uuid) returns void language plpgsql security definer set search_path = public as $$\nbegin\n  if not (public.owns_election(auth.uid(), _id) or public.has_role(auth.uid(), 'platform_admin')) then\n    raise exception 'Not authorized';\n  end if;\n  delete from public.elections where id = _id;\nend $$;\ncreate function public.enroll(_election uuid) returns integer language plpgsql security definer set search_path = public as $$\ndeclare _owner uuid;\nbegin\n  select owner_id into _owner from public.elections where id = _election;\n  if _owner <> auth.uid() then return 0; end if;\n  insert into public.voter_roll (election_id) values (_election);\n  return 1;\nend $$;\ncreate function public.delete_my_account() returns void language sql security definer set search_path = '' as $$ delete from public.profiles where id = (select auth.uid()) $$;\n",
      },
    },
    {
      name: "a role read into a variable from the caller's profile, then checked",
      files: {
        [M]: "create function public.get_report(p_id uuid) returns jsonb language plpgsql security definer set search_path = public as $$\ndeclare\n  v_role text;\n  v_user_id uuid := auth.uid();\nbegin\n  if v_user_id is null then raise exception 'Not authenticated'; end if;\n  select role into v_role from profiles where id = v_user_id;\n  if v_role is null or v_role not in ('ADMIN', 'RESPONDER') then\n    raise exception 'Not authorized';\n  end if;\n  return (select to_jsonb(r) from reports r where r.id = p_id);\nend $$;\n",
      },
    },
    {
      name: "every statement on the caller's own rows through a variable holding the caller's id",
      files: {
        [M]: "create function public.get_ai_usage() returns table (used integer, lim integer) language plpgsql security definer set search_path = public as $$\ndeclare\n  uid uuid := auth.uid();\n  used int;\nbegin\n  if uid is null then raise exception 'not_authenticated'; end if;\n  insert into public.user_usage(user_id) values (uid) on conflict (user_id) do nothing;\n  select count into used from public.user_usage where user_id = uid;\n  update public.user_usage set seen_at = now() where user_id = uid;\n  return query select used, 20;\nend $$;\n",
      },
    },
    {
      name: 'a read-only lookup of an invitation by the secret token from its link',
      files: {
        [M]: "create function public.get_invitation_by_token(invitation_token text) returns table(id uuid, board_id uuid, status text) language sql stable security definer set search_path to 'public' as $$\n  select i.id, i.board_id, i.status from public.invites i where i.token = invitation_token and i.expires_at > now() and i.status = 'pending';\n$$;\n",
      },
    },
  ],
  invalid: [
    {
      name: 'a lookup by a column that is no secret, or a token lookup that also writes, is callable by anyone',
      files: {
        [M]: "create function public.invites_for(board uuid) returns setof public.invites language sql stable security definer set search_path = public as $$ select * from public.invites where board_id = board $$;\ncreate function public.accept_invite(invite_token text) returns void language plpgsql security definer set search_path = public as $$\nbegin\n  update public.invites set status = 'accepted' where token = invite_token;\nend $$;\n",
      },
      errors: [
        { messageId: 'callableByAnon', line: 1 },
        { messageId: 'callableByAnon', line: 2 },
      ],
    },
    {
      name: 'a check that the caller is signed in only, or a write beside the caller\'s rows, is not a check of who calls',
      files: {
        [M]: "create function public.remove_user(target uuid) returns void language plpgsql security definer set search_path = '' as $$\nbegin\n  if auth.uid() is null then raise exception 'sign in'; end if;\n  delete from public.profiles where id = target;\nend $$;\ncreate function public.gift(target uuid) returns void language plpgsql security definer set search_path = '' as $$\nbegin\n  update public.profiles set credits = credits - 1 where id = auth.uid();\n  update public.profiles set credits = credits + 1 where id = target;\nend $$;\n",
      },
      errors: [
        { messageId: 'callableByAnon', line: 1 },
        { messageId: 'callableByAnon', line: 6 },
      ],
    },
    {
      name: "a refusal about a column that is compared with the caller elsewhere is no check of who calls",
      files: {
        [M]: "create function public.transfer(target uuid) returns void language plpgsql security definer set search_path = '' as $$\nbegin\n  update public.wallets set balance = balance - 1 where user_id = auth.uid();\n  if (select count(*) from public.wallets where user_id = target) = 0 then raise exception 'no wallet'; end if;\n  update public.wallets set balance = balance + 1 where user_id = target;\nend $$;\n",
      },
      errors: [{ messageId: 'callableByAnon', line: 1 }],
    },
    {
      name: "the caller's id kept in a variable and checked only for being there, or a profile that is only checked to exist",
      files: {
        [M]: "create function public.remove_user(target uuid) returns void language plpgsql security definer set search_path = '' as $$\ndeclare\n  v_uid uuid := auth.uid();\n  v_name text;\nbegin\n  if v_uid is null then raise exception 'sign in'; end if;\n  select name into v_name from public.profiles where id = v_uid;\n  if v_name is null then raise exception 'no profile'; end if;\n  delete from public.profiles where id = target;\nend $$;\n",
      },
      errors: [{ messageId: 'callableByAnon', line: 1 }],
    },
    { name: 'callable by anon', files: { [M]: `-- stats\n${fixed}` }, errors: [{ messageId: 'callableByAnon', line: 2 }] },
    {
      name: 'granted back to anon later',
      files: { [M]: `${fixed}revoke execute on function public.stats() from public, anon;\n`, 'supabase/migrations/2.sql': 'grant execute on function public.stats() to anon;\n' },
      errors: [{ messageId: 'callableByAnon', line: 1, file: M }],
    },
    {
      name: 'no search_path and callable',
      files: { [M]: 'create or replace function public.wipe(uid uuid)\nreturns void language plpgsql security definer\nas $$ begin delete from profiles where id = uid; end $$;\n' },
      errors: [
        { messageId: 'callableByAnon', line: 1, severity: 'high' },
        { messageId: 'mutableSearchPath', line: 1, severity: 'medium' },
      ],
    },
    { name: 'trigger without search_path', files: { [M]: 'create function public.on_signup() returns trigger language plpgsql security definer as $$ begin return new; end $$;\n' }, errors: [{ messageId: 'mutableSearchPath', line: 1 }] },
    {
      // The RLS helper from Supabase's RBAC guide, as Lovable writes it.
      name: 'a yes-or-no check that only reads (declared stable or not) is low; one that writes, or returns rows, stays high',
      files: {
        [M]: [
          "create function public.has_role(_user_id uuid, _role text) returns boolean language sql stable security definer set search_path = public as $$ select exists (select 1 from public.user_roles where user_id = _user_id and role = _role) $$;",
          "create function public.claim_admin(_user_id uuid) returns boolean language plpgsql security definer set search_path = public as $$ begin insert into public.user_roles values (_user_id, 'admin'); return true; end $$;",
          "create function public.user_roles_of(_user_id uuid) returns setof text language sql stable security definer set search_path = public as $$ select role from public.user_roles where user_id = _user_id $$;",
          "create function public.within_limit(p_key text, p_max integer) returns boolean language plpgsql security definer set search_path = public as $$ declare n integer; begin select count(*) into n from public.rate_limits where key = p_key; return n < p_max; end $$;",
          "create function public.note_attempt(p_key text) returns boolean language plpgsql security definer set search_path = public as $$ begin insert into public.rate_limits (key) values (p_key); return true; end $$;",
          '',
        ].join('\n'),
      },
      errors: [
        { messageId: 'callablePredicate', line: 1, severity: 'low' },
        { messageId: 'callableByAnon', line: 2, severity: 'high' },
        { messageId: 'callableByAnon', line: 3, severity: 'high' },
        { messageId: 'callablePredicate', line: 4, severity: 'low' },
        { messageId: 'callableByAnon', line: 5, severity: 'high' },
      ],
    },
  ],
});
