import { ruleTester } from '../../helpers/rule-tester.js';

const M = 'supabase/migrations/1.sql';
const notes = 'create table notes (id int, user_id uuid references auth.users (id), body text);\nalter table notes enable row level security;\n';

ruleTester('supabase-policy-missing-owner-check', {
  valid: [
    { name: 'owner compared', files: { [M]: `${notes}create policy "own" on notes for select using ((select auth.uid()) = user_id);\n` } },
    { name: 'own helper function', files: { [M]: `${notes}create policy "admins" on notes for select using (auth.role() = 'authenticated' and public.is_admin());\n` } },
    { name: 'team membership sub-query', files: { [M]: `${notes}create policy "team" on notes for select using (auth.uid() is not null and exists (select 1 from members m where m.user_id = auth.uid()));\n` } },
    { name: 'table without owner column', files: { [M]: 'create table faq (id int, q text);\nalter table faq enable row level security;\ncreate policy "r" on faq for select using (auth.role() = \'authenticated\');\n' } },
    { name: 'app_metadata role check', files: { [M]: `${notes}create policy "admin" on notes for select using ((auth.jwt() -> 'app_metadata' ->> 'role') = 'admin');\n` } },
  ],
  invalid: [
    { name: "auth.role() = 'authenticated'", files: { [M]: `${notes}create policy "upd" on notes for update using (auth.role() = 'authenticated');\n` }, errors: [{ messageId: 'signedInOnly', line: 3 }] },
    { name: 'auth.uid() is not null for insert', files: { [M]: `${notes}create policy "ins" on notes for insert to authenticated\n  with check (auth.uid() is not null);\n` }, errors: [{ messageId: 'signedInOnly', line: 3 }] },
    { name: 'reversed comparison, sub-select form', files: { [M]: `${notes}create policy "del" on notes for delete using ('authenticated' = (select auth.role()));\n` }, errors: [{ messageId: 'signedInOnly', line: 3 }] },
    {
      name: 'profile id references auth.users',
      files: { [M]: "create table profiles (id uuid primary key references auth.users (id), bio text);\nalter table profiles enable row level security;\ncreate policy \"read\" on profiles for all using (auth.jwt() ->> 'role' = 'authenticated');\n" },
      errors: [{ messageId: 'signedInOnly', line: 3 }],
    },
  ],
});
