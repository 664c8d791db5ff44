import { ruleTester } from '../../helpers/rule-tester.js';

const PKG = JSON.stringify({ name: 'web', dependencies: { next: '15.0.3', '@supabase/supabase-js': '2.45.4' } });
const BROWSER = `'use client';\nimport { createBrowserClient } from '@supabase/ssr';\nexport const supabase = createBrowserClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!);\n`;
const SCHEMA = [
  `create table public.notes (id uuid primary key, user_id uuid references auth.users (id), body text);`,
  `create table public.drafts (id uuid primary key, user_id uuid references auth.users (id), body text);`,
  `alter table public.drafts enable row level security;`,
  `create policy "own drafts" on public.drafts for all using (auth.uid() = user_id) with check (auth.uid() = user_id);`,
].join('\n');

const app = (route: string[], extra: Record<string, string> = {}) => ({
  'package.json': PKG,
  'supabase/migrations/20240101000000_init.sql': SCHEMA,
  'components/supabase-browser.ts': BROWSER,
  ...extra,
  'app/api/notes/route.ts': [`import { createClient } from '@supabase/supabase-js';`, ...route, ``].join('\n'),
});
const ANON = `const supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!);`;
const ADMIN = `const supabaseAdmin = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);`;

ruleTester('exposed-data-chain', {
  valid: [
    {
      name: "a service-role client that sends the caller's own token, so the queries run as the caller",
      files: app([
        `export async function POST(req: Request) {`,
        `  const supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!, { global: { headers: { Authorization: req.headers.get('Authorization')! } } });`,
        `  return Response.json(await supabase.from('drafts').insert({ body: 'x' }));`,
        `}`,
      ]),
    },
    {
      name: 'an open route on a table with owner policies (only route-without-auth)',
      files: app([ANON, `export async function POST(req: Request) {`, `  return Response.json(await supabase.from('drafts').insert({ body: 'x' }));`, `}`]),
    },
    {
      name: 'a route that checks the session first, even with the service-role client',
      files: app([
        ADMIN,
        ANON,
        `export async function POST(req: Request) {`,
        `  const { data: { user } } = await supabase.auth.getUser();`,
        `  if (!user) return Response.json({ error: 'Sign in' }, { status: 401 });`,
        `  return Response.json(await supabaseAdmin.from('notes').insert({ user_id: user.id, body: 'x' }));`,
        `}`,
      ]),
    },
    {
      name: 'an open route reading public lookup data that everyone may read anyway',
      files: app([ANON, `export async function GET() {`, `  return Response.json(await supabase.from('plans').select('*'));`, `}`], {
        'supabase/migrations/20240102000000_plans.sql': `create table public.plans (id text primary key, name text, price_cents int);\nalter table public.plans enable row level security;\ncreate policy "plans are public" on public.plans for select using (true);`,
      }),
    },
  ],
  invalid: [
    {
      name: 'open route → writes notes → notes has no RLS → the anon key reaches it',
      files: app([ANON, `export async function POST(req: Request) {`, `  return Response.json(await supabase.from('notes').insert({ body: (await req.json()).body }));`, `}`]),
      errors: [{ messageId: 'tableOpen', line: 3, file: 'app/api/notes/route.ts', severity: 'critical' }],
    },
    {
      name: 'open route → deletes through the service-role client',
      files: app([ADMIN, `export async function DELETE(req: Request) {`, `  const id = new URL(req.url).searchParams.get('id')!;`, `  await supabaseAdmin.from('drafts').delete().eq('id', id);`, `  return Response.json({ ok: true });`, `}`]),
      errors: [{ messageId: 'serviceRole', line: 3, severity: 'critical' }],
    },
    {
      name: 'Express: an open route updates profiles through a service-role client imported from another file',
      files: {
        'package.json': JSON.stringify({ name: 'api', dependencies: { express: '4.21.1', '@supabase/supabase-js': '2.45.4' } }),
        'server/lib/supabase-admin.js': `import { createClient } from '@supabase/supabase-js';\nexport const supabaseAdmin = createClient(process.env.SUPABASE_URL, process.env.SUPABASE_SERVICE_ROLE_KEY);\n`,
        'server/index.js': [
          `import express from 'express';`,
          `import { supabaseAdmin } from './lib/supabase-admin.js';`,
          `const app = express();`,
          `app.use(express.json());`,
          `app.post('/api/profile', async (req, res) => {`,
          `  const { error } = await supabaseAdmin.from('profiles').update({ full_name: req.body.name }).eq('id', req.body.id);`,
          `  res.json({ ok: !error });`,
          `});`,
          `app.listen(3000);`,
          ``,
        ].join('\n'),
      },
      errors: [{ messageId: 'serviceRole', line: 5, file: 'server/index.js', severity: 'critical' }],
    },
  ],
});
