import { describe, expect, it } from 'vitest';
import { findingsOf, ruleTester } from '../../helpers/rule-tester.js';

const EXPRESS = JSON.stringify({ name: 'api', dependencies: { express: '^4.21.1' } });
const NEXT = JSON.stringify({ name: 'web', dependencies: { next: '^14.2.0', react: '^18.3.0' } });
const HONO = JSON.stringify({ name: 'worker', dependencies: { hono: '^4.6.0' } });
const express = (code: string) => ({ 'package.json': EXPRESS, 'server/index.js': code });
const nextRoute = (code: string) => ({ 'package.json': NEXT, 'app/api/config/route.ts': code });

ruleTester('secret-in-response', {
  valid: [
    {
      name: 'whether a secret is set, its kind and a short prefix',
      files: express("const app = require('express')();\napp.get('/api/health', (req, res) => {\n  res.json({ stripe: !!process.env.STRIPE_SECRET_KEY, mode: process.env.STRIPE_SECRET_KEY?.startsWith('sk_live_') ? 'live' : 'test', openai: Boolean(process.env.OPENAI_API_KEY), prefix: process.env.OPENAI_API_KEY.slice(0, 3) });\n});\n"),
    },
    {
      name: 'a key used to call the service; its result is sent',
      files: express("const app = require('express')();\napp.post('/api/chat', async (req, res) => {\n  const r = await fetch('https://api.openai.com/v1/chat/completions', { method: 'POST', headers: { Authorization: `Bearer ${process.env.OPENAI_API_KEY}` }, body: JSON.stringify(req.body) });\n  res.json(await r.json());\n});\napp.get('/api/usage', async (req, res) => res.json({ usage: await getUsage(process.env.OPENAI_API_KEY) }));\n"),
    },
    {
      name: 'keys meant for browsers and settings that are not secrets',
      files: nextRoute("import { NextResponse } from 'next/server';\nexport async function GET() {\n  return NextResponse.json({ url: process.env.SUPABASE_URL, anonKey: process.env.SUPABASE_ANON_KEY, stripeKey: process.env.STRIPE_PUBLISHABLE_KEY, maps: process.env.GOOGLE_MAPS_API_KEY, appUrl: process.env.NEXT_PUBLIC_APP_URL });\n}\n"),
    },
    {
      name: 'only in development',
      files: express("const app = require('express')();\napp.get('/api/debug', (req, res) => {\n  if (process.env.NODE_ENV !== 'production') return res.json({ key: process.env.OPENAI_API_KEY });\n  res.sendStatus(404);\n});\n"),
    },
    {
      name: 'a helper that returns a key to server code is not a response',
      files: { 'package.json': NEXT, 'lib/keys.ts': "export function openaiKey() {\n  return process.env.OPENAI_API_KEY;\n}\nexport const getKey = () => process.env.STRIPE_SECRET_KEY;\n", 'app/api/x/route.ts': "import { openaiKey } from '@/lib/keys';\nexport async function GET() { return Response.json({ ok: openaiKey().length > 0 }); }\n" },
    },
    {
      name: 'a secret logged or compared, and a callback registered under a key that is no path',
      files: express("const cache = require('./cache');\nconst app = require('express')();\napp.post('/api/webhook', (req, res) => {\n  if (req.headers['x-secret'] !== process.env.WEBHOOK_SECRET) return res.status(401).json({ error: 'bad secret' });\n  res.json({ received: true });\n});\ncache.remember('stripe', () => process.env.STRIPE_SECRET_KEY);\n"),
    },
    {
      name: 'a page component reading a public variable, and a Remix loader returning only public keys',
      files: {
        'package.json': JSON.stringify({ name: 'remix', dependencies: { '@remix-run/node': '^2.0.0', '@remix-run/react': '^2.0.0', react: '^18.3.0' } }),
        'app/routes/_index.tsx': "import { json } from '@remix-run/node';\nexport async function loader() {\n  const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);\n  return json({ publicKey: process.env.STRIPE_PUBLIC_KEY, prices: await stripe.prices.list() });\n}\nexport default function Index() { return <p>{process.env.PUBLIC_NAME}</p>; }\n",
      },
    },
    {
      name: 'a server component passing a key to a server component, and a client component given only a public key',
      files: {
        'package.json': NEXT,
        'app/pay/page.tsx': "import Checkout from './Checkout';\nimport Prices from './Prices';\nexport default function Page() {\n  return (<>\n    <Prices stripeKey={process.env.STRIPE_SECRET_KEY} />\n    <Checkout publishableKey={process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY} ready={!!process.env.STRIPE_SECRET_KEY} />\n  </>);\n}\n",
        'app/pay/Checkout.tsx': "'use client';\nexport default function Checkout(props: { publishableKey?: string; ready: boolean }) { return <div>{String(props.ready)}</div>; }\n",
        'app/pay/Prices.tsx': "import Stripe from 'stripe';\nexport default async function Prices({ stripeKey }: { stripeKey?: string }) { const s = new Stripe(stripeKey!); return <ul>{(await s.prices.list()).data.length}</ul>; }\n",
      },
    },
    {
      name: 'the names of the environment variables, not their values',
      files: express("const app = require('express')();\napp.get('/api/env', (req, res) => res.json({ keys: Object.keys(process.env) }));\n"),
    },
    {
      name: 'a server action that uses the key and returns the answer',
      files: { 'package.json': NEXT, 'app/actions.ts': "'use server';\nimport OpenAI from 'openai';\nexport async function ask(prompt: string) {\n  const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\n  const r = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: prompt }] });\n  return { answer: r.choices[0].message.content };\n}\n" },
    },
  ],
  invalid: [
    {
      name: 'an Express config route, directly, through a local and destructured',
      files: express("const app = require('express')();\nconst { STRIPE_SECRET_KEY } = process.env;\napp.get('/api/config', (req, res) => {\n  res.json({ openaiKey: process.env.OPENAI_API_KEY });\n});\napp.get('/api/stripe', (req, res) => {\n  const key = process.env.STRIPE_SECRET_KEY || '';\n  res.status(200).send({ key });\n});\napp.get('/api/stripe2', (req, res) => res.json({ STRIPE_SECRET_KEY }));\n"),
      errors: [
        { messageId: 'secret', line: 4 },
        { messageId: 'secret', line: 8 },
        { messageId: 'secret', line: 10 },
      ],
    },
    {
      name: 'a Next.js route handler and the whole environment',
      files: nextRoute("import { NextResponse } from 'next/server';\nexport async function GET() {\n  return NextResponse.json({ serviceRole: process.env.SUPABASE_SERVICE_ROLE_KEY });\n}\nexport async function POST() {\n  return new Response(JSON.stringify({ env: process.env }));\n}\n"),
      errors: [
        { messageId: 'secret', line: 3 },
        { messageId: 'wholeEnv', line: 6 },
      ],
    },
    {
      name: 'a Hono worker returning a binding',
      files: { 'package.json': HONO, 'src/index.ts': "import { Hono } from 'hono';\nconst app = new Hono();\napp.get('/token', (c) => c.json({ token: c.env.GITHUB_TOKEN }));\nexport default app;\n" },
      errors: [{ messageId: 'secret', line: 3 }],
    },
    {
      name: 'a server action and getServerSideProps',
      files: {
        'package.json': NEXT,
        'app/actions.ts': "'use server';\nexport async function getRealtimeKey() {\n  return { key: process.env.OPENAI_API_KEY };\n}\n",
        'pages/chat.tsx': "export default function Chat({ apiKey }: { apiKey: string }) { return <div data-k={apiKey} />; }\nexport async function getServerSideProps() {\n  return { props: { apiKey: process.env.ANTHROPIC_API_KEY, title: 'Chat' } };\n}\n",
      },
      errors: [
        { messageId: 'secret', line: 3, file: 'app/actions.ts' },
        { messageId: 'secret', line: 3, file: 'pages/chat.tsx' },
      ],
    },
    {
      name: 'a server component handing the key to a client component',
      files: {
        'package.json': NEXT,
        'app/chat/page.tsx': "import Chat from './Chat';\nimport { Header } from './Header';\nexport default function Page() {\n  return (<main><Header title={process.env.APP_NAME} />\n    <Chat apiKey={process.env.OPENAI_API_KEY} model=\"gpt-4o\" />\n  </main>);\n}\n",
        'app/chat/Chat.tsx': "'use client';\nexport default function Chat({ apiKey }: { apiKey: string }) { return <div>{apiKey.length}</div>; }\n",
        'app/chat/Header.tsx': "export function Header({ title }: { title?: string }) { return <h1>{title}</h1>; }\n",
      },
      errors: [{ messageId: 'clientProp', line: 5 }],
    },
    {
      name: 'a Remix loader',
      files: {
        'package.json': JSON.stringify({ name: 'remix', dependencies: { '@remix-run/node': '^2.0.0', '@remix-run/react': '^2.0.0', react: '^18.3.0' } }),
        'app/routes/_index.tsx': "import { json } from '@remix-run/node';\nimport { useLoaderData } from '@remix-run/react';\nexport async function loader() {\n  return json({ ENV: { STRIPE_SECRET_KEY: process.env.STRIPE_SECRET_KEY, STRIPE_PUBLIC_KEY: process.env.STRIPE_PUBLIC_KEY } });\n}\nexport default function Index() {\n  const data = useLoaderData<typeof loader>();\n  return <pre>{JSON.stringify(data)}</pre>;\n}\n",
      },
      errors: [{ messageId: 'secret', line: 4 }],
    },
    {
      name: 'an Elysia handler that returns an object, and a NestJS controller',
      files: {
        'package.json': JSON.stringify({ name: 'api', dependencies: { elysia: '^1.1.0', '@nestjs/core': '^10.0.0', '@nestjs/common': '^10.0.0' } }),
        'src/index.ts': "import { Elysia } from 'elysia';\nnew Elysia().get('/config', () => ({ key: Bun.env.RESEND_API_KEY })).listen(3000);\n",
        'src/config.controller.ts': "import { Controller, Get } from '@nestjs/common';\n@Controller('config')\nexport class ConfigController {\n  @Get()\n  get() {\n    return { jwtSecret: process.env.JWT_SECRET };\n  }\n}\n",
      },
      errors: [
        { messageId: 'secret', line: 6, file: 'src/config.controller.ts' },
        { messageId: 'secret', line: 2, file: 'src/index.ts' },
      ],
    },
    {
      name: 'a SvelteKit server load and endpoint with private env imports',
      files: {
        'package.json': JSON.stringify({ name: 'kit', devDependencies: { '@sveltejs/kit': '^2.0.0', svelte: '^4.0.0' } }),
        'src/routes/+page.server.ts': "import { OPENAI_API_KEY } from '$env/static/private';\nexport const load = async () => {\n  return { key: OPENAI_API_KEY };\n};\n",
        'src/routes/api/key/+server.ts': "import { json } from '@sveltejs/kit';\nimport { env } from '$env/dynamic/private';\nexport const GET = () => json({ secret: env.STRIPE_SECRET_KEY });\n",
      },
      errors: [
        { messageId: 'secret', line: 3, file: 'src/routes/+page.server.ts' },
        { messageId: 'secret', line: 3, file: 'src/routes/api/key/+server.ts' },
      ],
    },
  ],
});

describe('secret-in-response messages', () => {
  it('name the variable and never its value', async () => {
    const [f] = await findingsOf('secret-in-response', { files: express("const app = require('express')();\napp.get('/api/config', (req, res) => res.json({ k: process.env.OPENAI_API_KEY }));\n") });
    expect(f.message).toContain('an OpenAI key (`OPENAI_API_KEY`)');
  });
});
