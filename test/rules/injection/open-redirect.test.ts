import { ruleTester } from '../../helpers/rule-tester.js';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'app', dependencies: deps });
const EXPRESS = pkg({ express: '^4.19.2' });
const NEXT = pkg({ next: '^14.2.0', react: '^18.3.1' });
const VITE = pkg({ react: '^18.3.1', vite: '^5.4.0', 'react-router-dom': '^6.26.0' });

/** An Express router file with one POST /login route whose body is `lines`. */
const route = (lines: string[], top: string[] = []) =>
  [`import { Router } from 'express';`, `export const auth = Router();`, ...top, `auth.post('/login', async (req, res) => {`, ...lines.map((l) => `  ${l}`), `});`, ``].join('\n');

ruleTester('open-redirect', {
  valid: [
    {
      name: 'constant targets and targets with a fixed start',
      files: {
        'package.json': EXPRESS,
        'server/routes/auth.ts': route([`if (!req.body.email) return res.redirect('/login?error=missing');`, `res.redirect(\`/dashboard/\${req.params.id}\`);`, `res.redirect(302, '/users/' + encodeURIComponent(req.body.name));`]),
      },
    },
    {
      name: 'the current Supabase auth callback: next reset to / unless it starts with /, then appended to the origin',
      files: {
        'package.json': pkg({ next: '^14.2.0', '@supabase/ssr': '^0.5.0' }),
        'app/auth/callback/route.ts': `import { NextResponse } from 'next/server';\nexport async function GET(request: Request) {\n  const { searchParams, origin } = new URL(request.url);\n  let next = searchParams.get('next') ?? '/';\n  if (!next.startsWith('/')) {\n    next = '/';\n  }\n  return NextResponse.redirect(\`\${origin}\${next}\`);\n}\n`,
      },
    },
    {
      name: 'a path on this site, checked with startsWith',
      files: {
        'package.json': EXPRESS,
        'server/routes/auth.ts': route([
          `const next = String(req.query.next || '/');`,
          `if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\\\')) return res.redirect('/');`,
          `res.redirect(next);`,
        ]),
      },
    },
    {
      name: 'the same check written as a ternary',
      files: {
        'package.json': EXPRESS,
        'server/routes/auth.ts': route([`const returnTo = String(req.body.returnTo ?? '');`, `res.redirect(returnTo.startsWith('/') && !returnTo.startsWith('//') && !returnTo.startsWith('/\\\\') ? returnTo : '/home');`]),
      },
    },
    {
      name: 'an allow-list of targets',
      files: {
        'package.json': EXPRESS,
        'server/routes/auth.ts': route([`const next = String(req.query.next);`, `if (!ALLOWED_REDIRECTS.includes(next)) return res.redirect('/');`, `res.redirect(next);`], [`const ALLOWED_REDIRECTS = ['/dashboard', '/settings', '/billing'];`]),
      },
    },
    {
      name: 'an allow-list in a ternary',
      files: {
        'package.json': EXPRESS,
        'server/routes/auth.ts': route([`const next = String(req.query.next);`, `res.redirect(SAFE.has(next) ? next : '/');`], [`const SAFE = new Set(['/a', '/b']);`]),
      },
    },
    {
      name: "the resolved URL's origin is compared to this site's",
      files: {
        'package.json': NEXT,
        'app/auth/continue/route.ts': `import { NextRequest, NextResponse } from 'next/server';\nexport async function GET(request: NextRequest) {\n  const next = request.nextUrl.searchParams.get('next') ?? '/';\n  const target = new URL(next, request.url);\n  if (target.origin !== request.nextUrl.origin) {\n    return NextResponse.redirect(new URL('/', request.url));\n  }\n  return NextResponse.redirect(target);\n}\n`,
      },
    },
    {
      name: "Next.js middleware sends to a fixed page on the request's own URL",
      files: {
        'package.json': NEXT,
        'middleware.ts': `import { NextResponse, type NextRequest } from 'next/server';\nexport function middleware(request: NextRequest) {\n  if (!request.cookies.get('session')) {\n    const url = request.nextUrl.clone();\n    url.pathname = '/login';\n    url.searchParams.set('from', request.nextUrl.pathname);\n    return NextResponse.redirect(url);\n  }\n  return NextResponse.next();\n}\n`,
      },
    },
    {
      name: "the Supabase auth callback's fixed fallback and the request origin",
      files: {
        'package.json': pkg({ next: '^14.2.0', '@supabase/ssr': '^0.5.0' }),
        'app/auth/callback/route.ts': `import { NextResponse } from 'next/server';\nexport async function GET(request: Request) {\n  const { searchParams, origin } = new URL(request.url);\n  const code = searchParams.get('code');\n  if (!code) return NextResponse.redirect(\`\${origin}/auth/auth-code-error\`);\n  return NextResponse.redirect(new URL('/account', request.url));\n}\n`,
      },
    },
    {
      name: 'an HTTPS redirect to the same host and path',
      files: {
        'package.json': EXPRESS,
        'server/app.ts': `import express from 'express';\nconst app = express();\napp.use((req, res, next) => {\n  if (req.secure) return next();\n  res.redirect(301, 'https://' + req.headers.host + req.originalUrl);\n});\n`,
      },
    },
    {
      name: 'client navigation to fixed or prefixed paths',
      files: {
        'package.json': VITE,
        'src/pages/Login.tsx': `import { useNavigate, useSearchParams } from 'react-router-dom';\nexport function Login() {\n  const navigate = useNavigate();\n  const [params] = useSearchParams();\n  const id = params.get('project');\n  const onDone = () => {\n    if (id) navigate(\`/projects/\${id}\`);\n    else navigate('/dashboard');\n  };\n  return <button onClick={onDone}>Continue</button>;\n}\n`,
      },
    },
    {
      name: 'a checked returnTo in the browser',
      files: {
        'package.json': pkg({ vite: '^5.4.0' }),
        'src/login.ts': `const params = new URLSearchParams(window.location.search);\nconst returnTo = params.get('returnTo') ?? '/';\nexport function afterLogin() {\n  if (isSafeRedirect(returnTo)) window.location.href = returnTo;\n  else window.location.href = '/';\n}\nfunction isSafeRedirect(url: string) {\n  return url.startsWith('/') && !url.startsWith('//');\n}\n`,
      },
    },
  ],
  invalid: [
    {
      name: "a path check that refuses '//' but lets '/\\evil.com' through, which browsers read as '//evil.com'",
      files: {
        'package.json': EXPRESS,
        'server/routes/auth.ts': route([`const returnTo = String(req.body.returnTo ?? '');`, `res.redirect(returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/home');`]),
      },
      errors: [{ messageId: 'rooted', line: 5 }],
    },
    {
      name: 'Express redirects to the next parameter',
      files: { 'package.json': EXPRESS, 'server/routes/auth.ts': route([`req.session.userId = await signIn(req.body.email, req.body.password);`, `res.redirect(String(req.query.next || '/dashboard'));`]) },
      errors: [{ messageId: 'request', line: 5 }],
    },
    {
      name: 'Express redirect with a status and a body field',
      files: { 'package.json': EXPRESS, 'server/routes/auth.ts': route([`const { returnTo } = req.body;`, `return res.redirect(302, returnTo);`]) },
      errors: [{ messageId: 'request', line: 5 }],
    },
    {
      name: "startsWith('/') alone lets //evil.com through",
      files: {
        'package.json': EXPRESS,
        'server/routes/auth.ts': route([`const next = String(req.query.next ?? '/');`, `if (next.startsWith('/')) return res.redirect(next);`, `res.redirect('/');`]),
      },
      errors: [{ messageId: 'rooted', line: 5 }],
    },
    {
      name: 'NextResponse.redirect with new URL(next, request.url): an absolute next ignores the base',
      files: {
        'package.json': NEXT,
        'app/auth/continue/route.ts': `import { NextRequest, NextResponse } from 'next/server';\nexport async function GET(request: NextRequest) {\n  const next = request.nextUrl.searchParams.get('next') ?? '/';\n  return NextResponse.redirect(new URL(next, request.url));\n}\n`,
      },
      errors: [{ messageId: 'request', line: 4 }],
    },
    {
      name: 'redirect() in a route handler with the search parameters of request.url',
      files: {
        'package.json': NEXT,
        'app/go/route.ts': `import { redirect } from 'next/navigation';\nexport async function GET(request: Request) {\n  const { searchParams } = new URL(request.url);\n  redirect(searchParams.get('to') ?? '/');\n}\n`,
      },
      errors: [{ messageId: 'request', line: 4 }],
    },
    {
      name: 'a server action redirects to a form field',
      files: {
        'package.json': NEXT,
        'app/login/actions.ts': `'use server';\nimport { redirect } from 'next/navigation';\nexport async function login(formData: FormData) {\n  const redirectTo = formData.get('redirectTo') as string;\n  await signIn(formData.get('email'), formData.get('password'));\n  redirect(redirectTo || '/dashboard');\n}\n`,
      },
      errors: [{ messageId: 'request', line: 6 }],
    },
    {
      name: 'the Supabase auth callback appends next to the origin (next=@evil.com)',
      files: {
        'package.json': pkg({ next: '^14.2.0', '@supabase/ssr': '^0.5.0' }),
        'app/auth/callback/route.ts': `import { NextResponse } from 'next/server';\nexport async function GET(request: Request) {\n  const { searchParams, origin } = new URL(request.url);\n  const next = searchParams.get('next') ?? '/';\n  return NextResponse.redirect(\`\${origin}\${next}\`);\n}\n`,
      },
      errors: [{ messageId: 'request', line: 5 }],
    },
    {
      name: 'next checked to start with / but redirected on its own (//evil.com passes), and a check that does not reset it',
      files: {
        'package.json': pkg({ next: '^14.2.0', '@supabase/ssr': '^0.5.0' }),
        'app/auth/callback/route.ts': `import { NextResponse } from 'next/server';\nexport async function GET(request: Request) {\n  const { searchParams, origin } = new URL(request.url);\n  let next = searchParams.get('next') ?? '/';\n  if (!next.startsWith('/')) next = '/';\n  if (searchParams.has('raw')) return NextResponse.redirect(next);\n  let back = searchParams.get('back') ?? '';\n  if (!back.startsWith('/')) console.warn('odd back', back);\n  return NextResponse.redirect(\`\${origin}\${back}\`);\n}\n`,
      },
      errors: [
        { messageId: 'rooted', line: 6 },
        { messageId: 'request', line: 9 },
      ],
    },
    {
      name: 'the page\'s own path sent back with a query string: a path, so only //evil.com leaves the site; the hash is anything',
      files: {
        'package.json': pkg({ vite: '^5.4.0' }),
        'src/refresh.ts': `export function forceRefresh() {\n  window.location.href = window.location.pathname + '?t=' + Date.now();\n}\nexport function jump() {\n  window.location.href = window.location.hash.slice(1) + '?t=1';\n}\n`,
      },
      errors: [
        { messageId: 'rooted', line: 2 },
        { messageId: 'browser', line: 5 },
      ],
    },
    {
      name: 'window.location.href set from the page URL',
      files: {
        'package.json': pkg({ vite: '^5.4.0' }),
        'src/login.ts': `const params = new URLSearchParams(window.location.search);\nexport async function afterLogin() {\n  window.location.href = params.get('returnTo') ?? '/';\n}\nexport function back() {\n  window.location.assign(decodeURIComponent(location.hash.slice(1)));\n}\n`,
      },
      errors: [
        { messageId: 'browser', line: 3 },
        { messageId: 'browser', line: 6 },
      ],
    },
    {
      name: 'router.push in a Next.js client component',
      files: {
        'package.json': NEXT,
        'app/login/LoginForm.tsx': `'use client';\nimport { useRouter, useSearchParams } from 'next/navigation';\nexport function LoginForm() {\n  const router = useRouter();\n  const searchParams = useSearchParams();\n  const next = searchParams.get('next') ?? '/dashboard';\n  async function onSubmit() {\n    await fetch('/api/login', { method: 'POST' });\n    router.push(next);\n  }\n  return <form action={onSubmit} />;\n}\n`,
      },
      errors: [{ messageId: 'browser', line: 9 }],
    },
    {
      name: 'react-router navigate to a query parameter',
      files: {
        'package.json': VITE,
        'src/pages/Login.tsx': `import { useNavigate, useSearchParams } from 'react-router-dom';\nexport function Login() {\n  const navigate = useNavigate();\n  const [params] = useSearchParams();\n  const redirect = params.get('redirect') || '/';\n  return <button onClick={() => navigate(redirect)}>Continue</button>;\n}\n`,
      },
      errors: [{ messageId: 'browser', line: 6 }],
    },
    {
      name: 'a helper in another file redirects',
      files: {
        'package.json': EXPRESS,
        'server/lib/redirect.ts': `import type { Response } from 'express';\nexport function sendBack(res: Response, to: string) {\n  res.redirect(to);\n}\n`,
        'server/routes/auth.ts': route([`sendBack(res, String(req.query.return_url));`], [`import { sendBack } from '../lib/redirect';`]),
      },
      errors: [{ messageId: 'request', line: 3, file: 'server/lib/redirect.ts' }],
    },
  ],
});
