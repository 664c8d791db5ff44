import { ruleTester } from '../../helpers/rule-tester.js';

const M = 'supabase/migrations/1.sql';
const t = 'create table orders (id int, user_id uuid, total numeric);\nalter table orders enable row level security;\ncreate policy "own" on orders for select using (auth.uid() = user_id);\n';

ruleTester('supabase-view-bypasses-rls', {
  valid: [
    { name: 'security invoker', files: { [M]: `${t}create view order_totals with (security_invoker = on) as select user_id, sum(total) from orders group by user_id;\n` } },
    { name: 'set later with ALTER VIEW', files: { [M]: `${t}create view v as select * from orders;\n`, 'supabase/migrations/2.sql': 'alter view public.v set (security_invoker = true);\n' } },
    { name: 'privileges revoked', files: { [M]: `${t}create view v as select * from orders;\nrevoke all on v from anon, authenticated;\n` } },
    { name: 'private schema', files: { [M]: `${t}create schema reporting;\ncreate view reporting.v as select * from public.orders;\n` } },
    { name: 'CTE name is not a table', files: { [M]: 'create view v as with orders as (select 1 as x) select * from orders;\n' } },
  ],
  invalid: [
    { name: 'definer view over an RLS table', files: { [M]: `${t}create view order_totals as\n  select user_id, sum(total) from public.orders group by user_id;\n` }, errors: [{ messageId: 'definerView', line: 4 }] },
    { name: 'join in a sub-query', files: { [M]: `${t}create or replace view v as select * from (select o.id from orders o) s;\n` }, errors: [{ messageId: 'definerView', line: 4 }] },
    { name: 'invoker turned off later', files: { [M]: `${t}create view v with (security_invoker = true) as select * from orders;\nalter view v set (security_invoker = false);\n` }, errors: [{ messageId: 'definerView', line: 4 }] },
  ],
});
