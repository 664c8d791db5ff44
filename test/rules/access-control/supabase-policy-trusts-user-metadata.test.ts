import { ruleTester } from '../../helpers/rule-tester.js';

const M = 'supabase/migrations/1.sql';
const t = 'create table docs (id int, user_id uuid);\nalter table docs enable row level security;\n';

ruleTester('supabase-policy-trusts-user-metadata', {
  valid: [
    { name: 'app_metadata', files: { [M]: `${t}create policy "a" on docs for select using ((auth.jwt() -> 'app_metadata' ->> 'role') = 'admin');\n` } },
    { name: 'roles table', files: { [M]: `${t}create policy "a" on docs for select using (exists (select 1 from user_roles r where r.user_id = auth.uid() and r.role = 'admin'));\n` } },
  ],
  invalid: [
    { name: 'user_metadata role', files: { [M]: `${t}create policy "a" on docs for select using ((auth.jwt() -> 'user_metadata' ->> 'role') = 'admin');\n` }, errors: [{ messageId: 'userMetadata', line: 3 }] },
    { name: 'path operator', files: { [M]: `${t}create policy "a" on docs for update using (auth.jwt() #>> '{user_metadata,is_admin}' = 'true');\n` }, errors: [{ messageId: 'userMetadata', line: 3 }] },
    {
      name: 'raw_user_meta_data in a sub-query, storage policy',
      files: { [M]: "create policy \"s\" on storage.objects for select using (exists (select 1 from auth.users u where u.id = auth.uid() and u.raw_user_meta_data ->> 'plan' = 'pro'));\n" },
      errors: [{ messageId: 'userMetadata', line: 1 }],
    },
  ],
});
