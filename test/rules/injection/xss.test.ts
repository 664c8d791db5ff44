import { ruleTester } from '../../helpers/rule-tester.js';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'app', dependencies: deps });
const EXPRESS = pkg({ express: '^4.19.2' });
const NEXT = pkg({ next: '^14.2.0', react: '^18.3.1' });
const VITE = pkg({ react: '^18.3.1', vite: '^5.4.0', 'react-router-dom': '^6.26.0' });

/** An Express router file with one GET route whose body is `lines`. */
const route = (lines: string[], imports: string[] = []) =>
  [`import { Router } from 'express';`, ...imports, `export const pages = Router();`, `pages.get('/page', (req, res) => {`, ...lines.map((l) => `  ${l}`), `});`, ``].join('\n');

ruleTester('xss', {
  valid: [
    {
      name: "SvelteKit's theme from a cookie the site's own picker set, written into the page",
      files: { 'package.json': pkg({ '@sveltejs/kit': '^2.5.0', svelte: '^4.2.0' }), 'src/hooks.server.ts': `import type { Handle } from '@sveltejs/kit';\nexport const handle: Handle = async ({ event, resolve }) => {\n  const theme = event.cookies.get('theme');\n  return resolve(event, {\n    transformPageChunk: ({ html }) => html.replace('data-theme=""', 'data-theme="' + theme + '"'),\n  });\n};\n` },
    },
    {
      name: 'a theme from the URL, allowed only from a fixed list',
      files: { 'package.json': pkg({ '@sveltejs/kit': '^2.5.0', svelte: '^4.2.0' }), 'src/hooks.server.ts': `import type { Handle } from '@sveltejs/kit';\nexport const handle: Handle = async ({ event, resolve }) => {\n  const theme = event.url.searchParams.get('theme') ?? 'light';\n  if (!['light', 'dark'].includes(theme)) return resolve(event);\n  return resolve(event, {\n    transformPageChunk: ({ html }) => html.replace('data-theme=""', 'data-theme="' + theme + '"'),\n  });\n};\n` },
    },
    {
      name: 'a webhook verification echo behind a secret from the environment (Meta / WhatsApp)',
      files: {
        'package.json': pkg({ 'firebase-functions': '^5.0.0' }),
        'functions/index.js': "const { onRequest } = require('firebase-functions/v2/https');\nexports.whatsapp = onRequest(async (req, res) => {\n  const challenge = req.query['hub.challenge'];\n  if (req.query['hub.mode'] === 'subscribe' && req.query['hub.verify_token'] === process.env.WHATSAPP_VERIFY_TOKEN) {\n    return res.status(200).send(challenge);\n  }\n  return res.sendStatus(403);\n});\nexports.messenger = onRequest(async (req, res) => {\n  if (req.query['hub.verify_token'] !== process.env.VERIFY_TOKEN) return res.sendStatus(403);\n  res.send(req.query['hub.challenge']);\n});\n",
      },
    },
    {
      name: 'JSON responses and Hono text responses',
      files: {
        'package.json': pkg({ express: '^4.19.2', hono: '^4.6.0' }),
        'server/routes/pages.ts': route([`res.json({ hello: req.query.name });`]),
        'src/index.ts': `import { Hono } from 'hono';\nconst app = new Hono();\napp.get('/hi', (c) => c.text('Hello ' + c.req.query('name')));\napp.get('/me', (c) => c.json({ name: c.req.query('name') }));\nexport default app;\n`,
      },
    },
    {
      name: 'a response typed as text or JSON, chained or set before',
      files: {
        'package.json': EXPRESS,
        'server/routes/pages.ts': route([
          `if (req.query.raw) return res.type('text/plain').send('Hello ' + req.query.name);`,
          `res.setHeader('Content-Type', 'text/plain; charset=utf-8');`,
          `res.status(400).send(\`Unknown id \${req.params.id}\`);`,
        ]),
      },
    },
    {
      name: 'values escaped or sanitised before they go into the HTML',
      files: {
        'package.json': pkg({ express: '^4.19.2', 'escape-html': '^1.0.3', he: '^1.2.0', 'sanitize-html': '^2.13.0', 'isomorphic-dompurify': '^2.16.0' }),
        'server/routes/pages.ts': route(
          [
            `const name = escapeHtml(String(req.query.name));`,
            `const bio = sanitizeHtml(req.body.bio, { allowedTags: ['b', 'i', 'a'] });`,
            `res.send(\`<h1>\${name}</h1><p>\${he.encode(String(req.query.title))}</p><div>\${bio}</div><div>\${DOMPurify.sanitize(req.body.html)}</div>\`);`,
          ],
          [`import escapeHtml from 'escape-html';`, `import he from 'he';`, `import sanitizeHtml from 'sanitize-html';`, `import DOMPurify from 'isomorphic-dompurify';`],
        ),
      },
    },
    {
      name: 'numbers from the request in HTML',
      files: { 'package.json': EXPRESS, 'server/routes/pages.ts': route([`const page = Number(req.query.page) || 1;`, `res.send(\`<p>Page \${page} of \${parseInt(String(req.query.total), 10)}</p>\`);`]) },
    },
    {
      name: 'an LLM answer shown as React text, and cleaned with DOMPurify',
      files: {
        'package.json': pkg({ next: '^14.2.0', react: '^18.3.1', openai: '^4.60.0', dompurify: '^3.1.6', marked: '^14.1.0' }),
        'app/chat/page.tsx': `import OpenAI from 'openai';\nimport DOMPurify from 'dompurify';\nimport { marked } from 'marked';\nconst openai = new OpenAI();\nexport default async function Chat() {\n  const completion = await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Tell me a joke' }] });\n  const answer = completion.choices[0].message.content ?? '';\n  const html = DOMPurify.sanitize(await marked.parse(answer));\n  return (\n    <main>\n      <p className="answer">{answer}</p>\n      <div dangerouslySetInnerHTML={{ __html: html }} />\n    </main>\n  );\n}\n`,
      },
    },
    {
      name: 'textContent and innerText in client code',
      files: {
        'package.json': pkg({ vite: '^5.4.0' }),
        'src/main.ts': `const params = new URLSearchParams(window.location.search);\nconst msg = params.get('msg') ?? '';\ndocument.getElementById('out')!.textContent = msg;\nconst el = document.querySelector<HTMLElement>('#title');\nif (el) el.innerText = decodeURIComponent(location.hash.slice(1));\n`,
      },
    },
    {
      name: 'links with a fixed start',
      files: {
        'package.json': VITE,
        'src/pages/Profile.tsx': `import { useSearchParams, Link } from 'react-router-dom';\nexport function Profile() {\n  const [params] = useSearchParams();\n  const id = params.get('id') ?? '';\n  const email = params.get('email') ?? '';\n  return (\n    <nav>\n      <a href={\`/users/\${id}\`}>Profile</a>\n      <a href={\`mailto:\${email}\`}>Mail</a>\n      <a href={'https://example.com/u/' + id}>Public page</a>\n      <Link to={\`/users/\${id}/edit\`}>Edit</Link>\n    </nav>\n  );\n}\n`,
      },
    },
    {
      name: 'a user URL whose protocol is checked',
      files: {
        'package.json': VITE,
        'src/components/Website.tsx': `import { useSearchParams } from 'react-router-dom';\nexport function Website() {\n  const [params] = useSearchParams();\n  const raw = params.get('site') ?? '';\n  const safe = /^https?:\\/\\//i.test(raw) ? raw : '#';\n  const other = params.get('other') ?? '';\n  const link = other.startsWith('https://') ? other : undefined;\n  return (\n    <p>\n      <a href={safe}>Site</a>\n      <a href={link}>Other</a>\n    </p>\n  );\n}\n`,
      },
    },
    {
      name: 'a parsed URL whose protocol is checked before it is used as a link',
      files: {
        'package.json': VITE,
        'src/components/Preview.tsx': `export function Preview() {\n  const url = new URL(new URLSearchParams(location.search).get('u') ?? '', location.origin);\n  if (!['http:', 'https:'].includes(url.protocol)) return null;\n  return <a href={url.toString()}>Open</a>;\n}\n`,
      },
    },
    {
      name: 'plain text responses from Fastify and a Response without an HTML type',
      files: {
        'package.json': pkg({ fastify: '^4.28.0', next: '^14.2.0' }),
        'server/app.ts': `import Fastify from 'fastify';\nconst app = Fastify();\napp.get('/echo', async (request, reply) => {\n  return reply.send('You said: ' + (request.query as { q: string }).q);\n});\n`,
        'app/api/echo/route.ts': `export async function GET(req: Request) {\n  const q = new URL(req.url).searchParams.get('q');\n  return new Response(\`You said: \${q}\`, { headers: { 'Content-Type': 'text/plain' } });\n}\n`,
      },
    },
    {
      name: 'a WebSocket message sent back to a client is not a page',
      files: {
        'package.json': pkg({ ws: '^8.17.0' }),
        'server/ws.ts': `import { WebSocketServer } from 'ws';\nconst wss = new WebSocketServer({ port: 8080 });\nwss.on('connection', (ws) => {\n  ws.on('message', (raw) => {\n    const { text } = JSON.parse(raw.toString());\n    ws.send(JSON.stringify({ type: 'chat', text }));\n  });\n});\n`,
      },
    },
    {
      name: "lit's html tag escapes its values",
      files: {
        'package.json': pkg({ lit: '^3.2.0', vite: '^5.4.0' }),
        'src/greeting.ts': `import { html, render } from 'lit';\nconst name = new URLSearchParams(location.search).get('name');\nrender(html\`<h1>Hello \${name}</h1>\`, document.body);\n`,
      },
    },
  ],
  invalid: [
    {
      name: "SvelteKit's hook writing the theme of the URL into every page",
      files: { 'package.json': pkg({ '@sveltejs/kit': '^2.5.0', svelte: '^4.2.0' }), 'src/hooks.server.ts': `import type { Handle } from '@sveltejs/kit';\nexport const handle: Handle = async ({ event, resolve }) => {\n  const theme = event.url.searchParams.get('theme');\n  return resolve(event, {\n    transformPageChunk: ({ html }) => html.replace('data-theme=""', 'data-theme="' + theme + '"'),\n  });\n};\n` },
      errors: [{ messageId: 'request', line: 5 }],
    },
    {
      name: 'the same echo without the secret check, or compared with a value from the request itself',
      files: {
        'package.json': pkg({ 'firebase-functions': '^5.0.0' }),
        'functions/index.js': "const { onRequest } = require('firebase-functions/v2/https');\nexports.whatsapp = onRequest(async (req, res) => {\n  if (req.query['hub.mode'] === 'subscribe') return res.status(200).send(req.query['hub.challenge']);\n  if (req.query.token === req.query.expected) res.send(req.query['hub.challenge']);\n  return res.sendStatus(403);\n});\nexports.both = onRequest(async (req, res) => {\n  if (req.method === 'GET') {\n    if (req.query['hub.verify_token'] !== process.env.VERIFY_TOKEN) return res.sendStatus(403);\n    return res.send(req.query['hub.challenge']);\n  }\n  res.send(req.body.html);\n});\n",
      },
      errors: [
        { messageId: 'request', line: 3 },
        { messageId: 'request', line: 4 },
        { messageId: 'request', line: 12 },
      ],
    },
    {
      name: 'Express sends request input inside HTML, with send, status chains and write',
      files: {
        'package.json': EXPRESS,
        'server/routes/pages.ts': route([
          `if (!req.query.slug) return res.status(404).send(\`<p>No page named \${req.query.slug}</p>\`);`,
          `res.write('<ul><li>' + req.query.item + '</li></ul>');`,
          `res.send(\`<h1>Hello \${req.query.name}</h1>\`);`,
        ]),
      },
      errors: [
        { messageId: 'request', line: 4 },
        { messageId: 'request', line: 5 },
        { messageId: 'request', line: 6 },
      ],
    },
    {
      name: 'Express sends a bare string as HTML',
      files: { 'package.json': EXPRESS, 'server/routes/pages.ts': route([`const { q } = req.query;`, `res.send('No results for ' + q);`]) },
      errors: [{ messageId: 'request', line: 5 }],
    },
    {
      name: 'an HTML type set on the response chain',
      files: { 'package.json': EXPRESS, 'server/routes/pages.ts': route([`res.type('html').send(req.body.content);`]) },
      errors: [{ messageId: 'request', line: 4 }],
    },
    {
      name: 'Hono c.html',
      files: {
        'package.json': pkg({ hono: '^4.6.0' }),
        'src/index.ts': `import { Hono } from 'hono';\nconst app = new Hono();\napp.get('/hello', (c) => {\n  const name = c.req.query('name');\n  return c.html(\`<h1>Hello \${name}!</h1>\`);\n});\nexport default app;\n`,
      },
      errors: [{ messageId: 'request', line: 5 }],
    },
    {
      name: 'a Next.js route handler returns HTML it built from the query string',
      files: {
        'package.json': NEXT,
        'app/api/embed/route.ts': `import { NextRequest } from 'next/server';\nexport async function GET(request: NextRequest) {\n  const title = request.nextUrl.searchParams.get('title') ?? '';\n  const html = \`<!doctype html><html><body><h1>\${title}</h1></body></html>\`;\n  return new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });\n}\n`,
      },
      errors: [{ messageId: 'request', line: 5 }],
    },
    {
      name: 'AI SDK text returned as an HTML page',
      files: {
        'package.json': pkg({ next: '^14.2.0', ai: '^3.4.0', '@ai-sdk/openai': '^1.0.0' }),
        'app/api/landing/route.ts': `import { generateText } from 'ai';\nimport { openai } from '@ai-sdk/openai';\nexport async function POST(req: Request) {\n  const { description } = await req.json();\n  const result = await generateText({ model: openai('gpt-4o'), prompt: \`Write a landing page for \${description}\` });\n  return new Response(result.text, { headers: { 'content-type': 'text/html' } });\n}\n`,
      },
      errors: [{ messageId: 'llm', line: 6 }],
    },
    {
      name: 'an OpenAI answer rendered with dangerouslySetInnerHTML',
      files: {
        'package.json': pkg({ next: '^14.2.0', react: '^18.3.1', openai: '^4.60.0', marked: '^14.1.0' }),
        'app/summary/page.tsx': `import OpenAI from 'openai';\nimport { marked } from 'marked';\nconst openai = new OpenAI();\nexport default async function Summary({ searchParams }: { searchParams: { url?: string } }) {\n  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: \`Summarise \${searchParams.url}\` }] });\n  const html = marked.parse(completion.choices[0].message.content ?? '');\n  return <article className="prose" dangerouslySetInnerHTML={{ __html: html }} />;\n}\n`,
      },
      errors: [{ messageId: 'llm', line: 7 }],
    },
    {
      name: 'a server action returns model text that a client component renders as HTML',
      files: {
        'package.json': pkg({ next: '^14.2.0', react: '^18.3.1', ai: '^3.4.0', '@ai-sdk/openai': '^1.0.0' }),
        'app/actions.ts': `'use server';\nimport { generateText } from 'ai';\nimport { openai } from '@ai-sdk/openai';\nexport async function explain(topic: string) {\n  const { text } = await generateText({ model: openai('gpt-4o'), prompt: topic });\n  return text;\n}\n`,
        'app/explain/page.tsx': `import { explain } from '../actions';\nexport default async function Page() {\n  const answer = await explain('closures');\n  return <div dangerouslySetInnerHTML={{ __html: answer }} />;\n}\n`,
      },
      errors: [{ messageId: 'llm', line: 4, file: 'app/explain/page.tsx' }],
    },
    {
      name: 'a React component renders a URL parameter as HTML',
      files: {
        'package.json': VITE,
        'src/pages/Welcome.tsx': `import { useSearchParams } from 'react-router-dom';\nexport function Welcome() {\n  const [params] = useSearchParams();\n  const message = params.get('message') ?? '';\n  return <div className="banner" dangerouslySetInnerHTML={{ __html: message }} />;\n}\n`,
      },
      errors: [{ messageId: 'browser', line: 5 }],
    },
    {
      name: 'DOM sinks fed by the page URL',
      files: {
        'package.json': pkg({ vite: '^5.4.0' }),
        'src/main.ts': `const params = new URLSearchParams(window.location.search);\nconst msg = params.get('msg') ?? '';\ndocument.getElementById('out')!.innerHTML = msg;\nconst tab = decodeURIComponent(location.hash.slice(1));\ndocument.querySelector('#tabs')!.insertAdjacentHTML('beforeend', \`<li>\${tab}</li>\`);\ndocument.write('<p>Ref: ' + document.referrer + '</p>');\ndocument.getElementById('box')!.outerHTML = \`<div>\${tab}</div>\`;\n`,
      },
      errors: [
        { messageId: 'browser', line: 3 },
        { messageId: 'browser', line: 5 },
        { messageId: 'browser', line: 6 },
        { messageId: 'browser', line: 7 },
      ],
    },
    {
      name: 'a link whose whole URL comes from the page URL can be javascript:',
      files: {
        'package.json': VITE,
        'src/pages/Profile.tsx': `import { useSearchParams } from 'react-router-dom';\nexport function Profile() {\n  const [params] = useSearchParams();\n  const website = params.get('website') ?? '';\n  return (\n    <div>\n      <a href={website} target="_blank" rel="noreferrer">{website}</a>\n    </div>\n  );\n}\n`,
      },
      errors: [{ messageId: 'browser', line: 7 }],
    },
    {
      name: 'Node res.end with HTML built from the query string',
      files: { 'package.json': EXPRESS, 'server/routes/pages.ts': route([`res.end(\`<p>\${req.query.q}</p>\`);`]) },
      errors: [{ messageId: 'request', line: 4 }],
    },
    {
      name: 'a cross-window message written into the page',
      files: {
        'package.json': pkg({ vite: '^5.4.0' }),
        'src/embed.ts': `window.addEventListener('message', (event) => {\n  const box = document.getElementById('preview')!;\n  box.innerHTML = event.data.html;\n});\n`,
      },
      errors: [{ messageId: 'message', line: 3 }],
    },
    {
      name: 'a helper in another file builds the HTML',
      files: {
        'package.json': EXPRESS,
        'server/lib/render.ts': `export function renderCard(title: string, body: string) {\n  return \`<div class="card"><h2>\${title}</h2><p>\${body}</p></div>\`;\n}\n`,
        'server/routes/pages.ts': route([`res.send(renderCard(String(req.query.title), 'Welcome'));`], [`import { renderCard } from '../lib/render';`]),
      },
      errors: [{ messageId: 'request', line: 5, file: 'server/routes/pages.ts' }],
    },
  ],
});
