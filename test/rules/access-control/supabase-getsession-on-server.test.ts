import { ruleTester } from '../../helpers/rule-tester.js';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'app', dependencies: deps });
const NEXT_SSR = pkg({ next: '14.2.3', '@supabase/ssr': '0.5.1', '@supabase/supabase-js': '2.45.4', '@prisma/client': '5.14.0' });
const NEXT_HELPERS = pkg({ next: '13.5.6', '@supabase/auth-helpers-nextjs': '0.8.7', '@supabase/supabase-js': '2.39.0' });

const SERVER_CLIENT = [
  `import { createServerClient } from '@supabase/ssr';`,
  `import { cookies } from 'next/headers';`,
  `export function createClient() {`,
  `  const store = cookies();`,
  `  return createServerClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!, { cookies: { getAll: () => store.getAll() } });`,
  `}`,
].join('\n');

ruleTester('supabase-getsession-on-server', {
  valid: [
    {
      name: 'getUser() checks the token with Supabase Auth',
      files: {
        'package.json': NEXT_SSR,
        'lib/supabase/server.ts': SERVER_CLIENT,
        'app/api/notes/route.ts': `import { createClient } from '@/lib/supabase/server';\nexport async function GET() {\n  const supabase = createClient();\n  const { data: { user } } = await supabase.auth.getUser();\n  if (!user) return Response.json({ error: 'Sign in' }, { status: 401 });\n  return Response.json(await supabase.from('notes').select('*').eq('user_id', user.id));\n}\n`,
      },
    },
    {
      name: 'middleware tests getSession first but also checks the user with getUser in the same function',
      files: {
        'package.json': NEXT_SSR,
        'middleware.ts': `import { createServerClient } from '@supabase/ssr';\nimport { NextResponse, type NextRequest } from 'next/server';\nexport async function middleware(req: NextRequest) {\n  const res = NextResponse.next();\n  const supabase = createServerClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!, { cookies: { getAll: () => req.cookies.getAll(), setAll: () => {} } });\n  const { data: { session } } = await supabase.auth.getSession();\n  if (!session) return NextResponse.redirect(new URL('/login', req.url));\n  const { data: { user } } = await supabase.auth.getUser();\n  if (!user) return NextResponse.redirect(new URL('/login', req.url));\n  return res;\n}\n`,
      },
    },
    {
      name: 'a client component reads the session in the browser',
      files: {
        'package.json': NEXT_SSR,
        'components/Nav.tsx': `'use client';\nimport { createBrowserClient } from '@supabase/ssr';\nimport { useEffect, useState } from 'react';\nexport function Nav() {\n  const [email, setEmail] = useState('');\n  useEffect(() => {\n    const supabase = createBrowserClient('https://x.supabase.co', 'anon');\n    supabase.auth.getSession().then(({ data: { session } }) => setEmail(session?.user.email ?? ''));\n  }, []);\n  return <span>{email}</span>;\n}\n`,
      },
    },
    {
      name: 'a server component only passes the session on to render',
      files: {
        'package.json': NEXT_SSR,
        'lib/supabase/server.ts': SERVER_CLIENT,
        'app/layout.tsx': `import { createClient } from '@/lib/supabase/server';\nimport { Header } from '@/components/Header';\nexport default async function Layout({ children }: { children: React.ReactNode }) {\n  const supabase = createClient();\n  const { data: { session } } = await supabase.auth.getSession();\n  return <html><body><Header session={session} />{children}</body></html>;\n}\n`,
      },
    },
    {
      name: 'an edge function (the token comes in a header; getSession finds nothing there), and the React-only helpers',
      files: {
        'package.json': pkg({ '@supabase/ssr': '0.5.1', '@supabase/auth-helpers-react': '0.5.0', '@supabase/supabase-js': '2.45.4' }),
        'supabase/functions/portal/index.ts': `Deno.serve(async (req) => {\n  const supabase = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_ANON_KEY')!, { global: { headers: { Authorization: req.headers.get('Authorization')! } } });\n  const { data: { session } } = await supabase.auth.getSession();\n  if (!session) return new Response('no', { status: 401 });\n  return new Response(session.user.id);\n});\n`,
      },
    },
    {
      name: 'a React app with the browser-only auth helpers',
      files: {
        'package.json': pkg({ express: '4.21.1', '@supabase/auth-helpers-react': '0.5.0', '@supabase/supabase-js': '2.45.4' }),
        'server/me.js': `import { createClient } from '@supabase/supabase-js';\nconst supabase = createClient(process.env.SUPABASE_URL, process.env.SUPABASE_ANON_KEY);\nexport async function me() {\n  const { data: { session } } = await supabase.auth.getSession();\n  return session?.user.id;\n}\n`,
      },
    },
    {
      name: 'an Express server with supabase-js and no cookie sessions',
      files: {
        'package.json': pkg({ express: '4.21.1', '@supabase/supabase-js': '2.45.4' }),
        'server/index.js': `const { createClient } = require('@supabase/supabase-js');\nconst supabase = createClient(process.env.SUPABASE_URL, process.env.SUPABASE_ANON_KEY);\nasync function whoAmI() {\n  const { data: { session } } = await supabase.auth.getSession();\n  return session?.user.id;\n}\nmodule.exports = { whoAmI };\n`,
      },
    },
  ],
  invalid: [
    {
      name: 'a server action scopes a Prisma query to the unchecked session user',
      files: {
        'package.json': NEXT_SSR,
        'lib/supabase/server.ts': SERVER_CLIENT,
        'app/notes/actions.ts': `'use server';\nimport { createClient } from '@/lib/supabase/server';\nimport { prisma } from '@/lib/prisma';\nexport async function myNotes() {\n  const supabase = createClient();\n  const { data: { session } } = await supabase.auth.getSession();\n  return prisma.note.findMany({ where: { userId: session?.user.id } });\n}\n`,
      },
      errors: [{ messageId: 'identity', line: 6 }],
    },
    {
      name: 'middleware lets a request through on an unchecked session (auth helpers)',
      files: {
        'package.json': NEXT_HELPERS,
        'middleware.ts': `import { createMiddlewareClient } from '@supabase/auth-helpers-nextjs';\nimport { NextResponse, type NextRequest } from 'next/server';\nexport async function middleware(req: NextRequest) {\n  const res = NextResponse.next();\n  const supabase = createMiddlewareClient({ req, res });\n  const { data } = await supabase.auth.getSession();\n  if (!data.session) return NextResponse.redirect(new URL('/login', req.url));\n  return res;\n}\n`,
      },
      errors: [{ messageId: 'gate', line: 6 }],
    },
    {
      name: 'a shared lib helper that builds a server client returns the session user',
      files: {
        'package.json': NEXT_SSR,
        'lib/supabase/server.ts': SERVER_CLIENT,
        'lib/auth.ts': `import { createClient } from '@/lib/supabase/server';\nexport async function currentUserId() {\n  const supabase = createClient();\n  const { data: { session } } = await supabase.auth.getSession();\n  return session?.user?.id ?? null;\n}\n`,
      },
      errors: [{ messageId: 'identity', line: 4 }],
    },
  ],
});
