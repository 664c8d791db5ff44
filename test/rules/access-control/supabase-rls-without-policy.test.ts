import { ruleTester } from '../../helpers/rule-tester.js';

const M = 'supabase/migrations/';

ruleTester('supabase-rls-without-policy', {
  valid: [
    { name: 'has a policy', files: { [`${M}1.sql`]: 'create table t (id int);\nalter table t enable row level security;\ncreate policy "p" on t for select using (true);\n' } },
    { name: 'server-only table with privileges revoked', files: { [`${M}1.sql`]: 'create table t (id int);\nalter table t enable row level security;\nrevoke all on table t from anon, authenticated;\n' } },
    {
      name: "policies written `create policy if not exists` (a clause Postgres lacks), read as the policies meant",
      files: { [`${M}1.sql`]: 'create table menu (id int);\nalter table menu enable row level security;\n-- public menu\ncreate policy if not exists "Public read menu"\n  on public.menu for select\n  to anon, authenticated using (true);\n' },
    },
    { name: 'RLS off is another rule', files: { [`${M}1.sql`]: 'create table t (id int);\n' } },
    {
      name: 'policies a DO block creates for each table of a list',
      files: {
        [`${M}1.sql`]: [
          'create table a (id int, owner_id uuid);',
          'create table b (id int, owner_id uuid);',
          'alter table a enable row level security;',
          'alter table b enable row level security;',
          "do $$ declare t text; begin for t in select unnest(array['a','b']) loop execute format('create policy \"own\" on public.%I for all to authenticated using (owner_id = auth.uid())', t); end loop; end $$;",
          '',
        ].join('\n'),
      },
    },
  ],
  invalid: [
    { name: 'no policy', files: { [`${M}1.sql`]: 'create table t (id int);\n\nalter table t enable row level security;\n' }, errors: [{ messageId: 'noPolicy', line: 3 }] },
    {
      name: 'the only policy dropped later',
      files: { [`${M}1.sql`]: 'create table t (id int);\nalter table t enable row level security;\ncreate policy "p" on t for select using (true);\n', [`${M}2.sql`]: 'drop policy "p" on t;\n' },
      errors: [{ messageId: 'noPolicy', line: 2, file: `${M}1.sql` }],
    },
  ],
});
