import { ruleTester } from '../../helpers/rule-tester.js';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'api', dependencies: deps });
const EXPRESS = pkg({ express: '^4.19.2', axios: '^1.7.2', got: '^14.4.1' });

/** An Express router file with one POST route whose body is `lines` (the first body line is line 4 + imports). */
const route = (imports: string[], lines: string[]) =>
  [`import { Router } from 'express';`, ...imports, `export const r = Router();`, `r.post('/hooks', async (req, res) => {`, ...lines.map((l) => `  ${l}`), `  res.end();`, `});`, ``].join('\n');

ruleTester('ssrf', {
  valid: [
    {
      name: 'a link preview and a headless browser opening fixed pages, the request only choosing among them',
      files: {
        'package.json': pkg({ express: '^4.19.2', 'open-graph-scraper': '^6.8.0', puppeteer: '^23.0.0' }),
        'server/preview.js': "import ogs from 'open-graph-scraper';\nimport puppeteer from 'puppeteer';\nimport { Router } from 'express';\nexport const r = Router();\nconst PAGES = { home: 'https://example.com/', docs: 'https://example.com/docs' };\nr.get('/preview', async (req, res) => {\n  const { result } = await ogs({ url: 'https://example.com/' });\n  const browser = await puppeteer.launch();\n  const page = await browser.newPage();\n  await page.goto(PAGES.home);\n  res.json({ result, shot: await page.screenshot({ encoding: 'base64' }), which: req.query.page });\n});\n",
      },
    },
    {
      name: "a Next.js middleware fetching its own site by the request's origin, read whole or destructured",
      files: {
        'package.json': pkg({ next: '^14.2.0' }),
        'middleware.ts': "import { NextResponse, type NextRequest } from 'next/server';\nexport async function middleware(req: NextRequest) {\n  const { pathname, origin } = req.nextUrl;\n  const a = await fetch(`${origin}/api/check-subscription`);\n  const b = await fetch(`${req.nextUrl.origin}/api/session`);\n  const c = await fetch(new URL('/api/flags', req.nextUrl.origin));\n  return a.ok && b.ok && c.ok && pathname ? NextResponse.next() : NextResponse.redirect(new URL('/login', origin));\n}\n",
      },
    },
    {
      // A page script served by an Express app (role: server, by its package): the fetch is the visitor's own.
      name: 'a window message event choosing what the page fetches',
      files: {
        'package.json': EXPRESS,
        'admin-auth/message-handler.js': `window.addEventListener('message', async (event) => {\n  const data = JSON.parse(event.data);\n  const res = await fetch(data.url);\n  event.source.postMessage(await res.text(), '*');\n});\n`,
      },
    },
    {
      name: 'a fixed host with the request value only in the path or query',
      files: {
        'package.json': EXPRESS,
        'server/routes/items.ts': route(
          [`import axios from 'axios';`, `const API_URL = process.env.API_URL;`],
          [
            `const id = String(req.body.id);`,
            `await fetch(\`https://api.example.com/items/\${encodeURIComponent(id)}\`);`,
            `await fetch(\`https://api.example.com/items/\${id}\`);`,
            `await fetch(\`\${API_URL}/items/\${id}\`);`,
            `await axios.get('https://api.example.com/search?q=' + id);`,
            `await fetch(new URL(\`/items/\${id}\`, 'https://api.example.com'));`,
          ],
        ),
      },
    },
    {
      name: 'the host checked against an allow-list, an exact name or a domain suffix',
      files: {
        'package.json': EXPRESS,
        'server/routes/preview.ts': route(
          [`import axios from 'axios';`, `const ALLOWED_HOSTS = ['images.unsplash.com', 'cdn.example.com'];`],
          [
            `const a = new URL(String(req.body.image));`,
            `if (!ALLOWED_HOSTS.includes(a.hostname)) return res.status(400).end();`,
            `await fetch(a.href);`,
            `const b = new URL(String(req.body.callback));`,
            `if (b.hostname !== 'api.example.com') return res.status(400).end();`,
            `await axios.post(b.toString(), { ok: true });`,
            `const c = new URL(String(req.body.asset));`,
            `if (!c.hostname.endsWith('.example.com')) return res.status(400).end();`,
            `await fetch(c);`,
            `const d = new URL(String(req.body.mirror));`,
            `if (d.hostname === 'mirror.example.com') await fetch(d);`,
          ],
        ),
      },
    },
    {
      name: 'constant URLs, and request data only in the body of the request',
      files: {
        'package.json': EXPRESS,
        'server/routes/notify.ts': route(
          [`import axios from 'axios';`],
          [`await axios.post('https://hooks.slack.com/services/T000/B000/XXXX', { text: req.body.message });`, `await fetch('https://api.example.com/events', { method: 'POST', body: JSON.stringify(req.body) });`],
        ),
      },
    },
    {
      name: 'browser code that fetches a URL from the page address',
      files: {
        'package.json': pkg({ react: '^18.3.1', vite: '^5.3.1' }),
        'src/App.tsx': `export function App() {\n  const params = new URLSearchParams(window.location.search);\n  fetch(params.get('feed') ?? '/feed.json').then((r) => r.json());\n  fetch(location.hash.slice(1));\n  return <div />;\n}\n`,
      },
    },
    {
      name: "a helper that builds the URL on the weather API's host from the environment, the request's text only in its path",
      files: {
        'package.json': EXPRESS,
        'routes/weather.js': "const express = require('express');\nconst router = express.Router();\nrouter.get('/', async (req, res) => {\n  const url = buildUrl(req.query);\n  res.json(await fetch(url).then((r) => r.json()));\n});\nfunction buildUrl(params) {\n  let url = null;\n  if (params.q) url = new URL(`${process.env.W_URL}/${params.q}`);\n  else url = new URL(`${process.env.W_URL}/${params.lat},${params.lon}`);\n  url.searchParams.set('key', process.env.W_API_KEY);\n  return url;\n}\nconst feedUrl = (id) => `https://feeds.example.com/${id}.xml`;\nrouter.get('/feed', async (req, res) => res.json(await fetch(feedUrl(req.query.id)).then((r) => r.text())));\nmodule.exports = router;\n",
      },
    },
    {
      name: "a tool the model asked for that fetches a fixed host, the model's argument only in the query",
      files: {
        'package.json': pkg({ express: '^4.19.2', openai: '^4.56.0' }),
        'server/agent.js': "import OpenAI from 'openai';\nconst openai = new OpenAI();\nexport async function runAgent(messages) {\n  const response = await openai.chat.completions.create({ model: 'gpt-4o', messages, tools: [] });\n  const message = response.choices[0].message;\n  for (const call of message.tool_calls ?? []) {\n    const args = JSON.parse(call.function.arguments);\n    const weather = await fetch(`https://api.weather.example/v1?city=${encodeURIComponent(args.city)}`);\n    messages.push({ role: 'tool', tool_call_id: call.id, content: await weather.text() });\n  }\n  return message.content;\n}\n",
      },
    },
    {
      name: 'a feed reader (rss-parser) on feeds the server lists, the request only choosing among them',
      files: {
        'package.json': pkg({ express: '^4.19.2', 'rss-parser': '^3.13.0' }),
        'routes/feed.js': "import express from 'express';\nimport Parser from 'rss-parser';\nconst router = express.Router();\nconst parser = new Parser();\nconst FEEDS = { hn: 'https://hnrss.org/frontpage', dev: 'https://dev.to/feed' };\nrouter.get('/', async (req, res) => res.json(await parser.parseURL(FEEDS[req.query.name === 'dev' ? 'dev' : 'hn'])));\nexport default router;\n",
      },
    },
  ],
  invalid: [
    {
      name: "a link preview (open-graph-scraper) and a headless browser's page.goto on the URL the client sent",
      files: {
        'package.json': pkg({ express: '^4.19.2', 'open-graph-scraper': '^6.8.0', puppeteer: '^23.0.0' }),
        'routes/api/meta.js': "import express from 'express';\nimport og from 'open-graph-scraper';\nconst router = express.Router();\nrouter.post('/', (req, res) => {\n  const url = req.body.url;\n  og({ url }).then((data) => res.json(data.result));\n});\nexport default router;\n",
        'src/print.js': "const puppeteer = require('puppeteer');\nexports.print = async (request, response) => {\n  const pageUrl = request.body.url;\n  const browser = await puppeteer.launch();\n  const page = await browser.newPage();\n  await page.goto(pageUrl);\n  response.json({ image: await page.screenshot({ encoding: 'base64' }) });\n};\n",
      },
      errors: [
        { messageId: 'request', line: 6, file: 'routes/api/meta.js' },
        { messageId: 'request', line: 6, file: 'src/print.js' },
      ],
    },
    {
      name: 'fetch, axios and http.get with a URL or host from the request',
      files: {
        'package.json': EXPRESS,
        'server/routes/hooks.ts': route(
          [`import axios from 'axios';`, `import http from 'node:http';`],
          [
            `await fetch(String(req.query.url));`,
            `await axios.get(req.body.webhookUrl);`,
            `http.get(\`http://\${req.query.host}/status\`, (r) => r.resume());`,
            `await axios({ url: req.body.target, method: 'GET' });`,
          ],
        ),
      },
      errors: [
        { messageId: 'request', line: 6 },
        { messageId: 'request', line: 7 },
        { messageId: 'request', line: 8 },
        { messageId: 'request', line: 9 },
      ],
    },
    {
      name: 'got called by a helper in another file',
      files: {
        'package.json': EXPRESS,
        'server/lib/download.ts': `import got from 'got';\nexport async function download(url: string) {\n  return got(url).buffer();\n}\n`,
        'server/routes/import.ts': route([`import { download } from '../lib/download';`], [`const data = await download(req.body.fileUrl);`, `res.send(data);`]),
      },
      errors: [{ messageId: 'request', line: 3, file: 'server/lib/download.ts' }],
    },
    {
      name: 'Next.js route handlers: search parameters and a JSON body',
      files: {
        'package.json': pkg({ next: '^14.2.4' }),
        'app/api/proxy/route.ts': `import { NextRequest, NextResponse } from 'next/server';\nexport async function GET(request: NextRequest) {\n  const { searchParams } = new URL(request.url);\n  const upstream = await fetch(searchParams.get('url')!);\n  return new NextResponse(upstream.body);\n}\nexport async function POST(request: Request) {\n  const body = await request.json();\n  const r = await fetch(body.url);\n  return NextResponse.json(await r.json());\n}\n`,
      },
      errors: [
        { messageId: 'request', line: 4 },
        { messageId: 'request', line: 9 },
      ],
    },
    {
      name: 'an image proxy',
      files: {
        'package.json': EXPRESS,
        'server/img.ts': `import express from 'express';\nconst app = express();\napp.get('/img', async (req, res) => {\n  const { src } = req.query;\n  const upstream = await fetch(String(src));\n  res.setHeader('content-type', upstream.headers.get('content-type') ?? 'image/png');\n  res.send(Buffer.from(await upstream.arrayBuffer()));\n});\n`,
      },
      errors: [{ messageId: 'request', line: 5 }],
    },
    {
      name: 'a hostname check without the leading dot, and a WebSocket message',
      files: {
        'package.json': pkg({ express: '^4.19.2', ws: '^8.17.0' }),
        'server/routes/fetch.ts': route([], [`const u = new URL(String(req.body.url));`, `if (!u.hostname.endsWith('example.com')) return res.status(400).end();`, `await fetch(u);`]),
        'server/ws.ts': `import { WebSocketServer } from 'ws';\nconst wss = new WebSocketServer({ port: 8080 });\nwss.on('connection', (ws) => {\n  ws.on('message', async (raw) => {\n    const msg = JSON.parse(raw.toString());\n    const r = await fetch(msg.url);\n    ws.send(await r.text());\n  });\n});\n`,
      },
      errors: [
        { messageId: 'request', line: 6, file: 'server/routes/fetch.ts' },
        { messageId: 'message', line: 6, file: 'server/ws.ts' },
      ],
    },
    {
      name: 'a feed reader (rss-parser) on the URL the client sent, and a helper that returns that URL whole',
      files: {
        'package.json': pkg({ express: '^4.19.2', 'rss-parser': '^3.13.0' }),
        'routes/feed.js': "import express from 'express';\nimport Parser from 'rss-parser';\nconst router = express.Router();\nconst parser = new Parser();\nrouter.get('/', async (req, res) => {\n  const url = req.url.split('?url=')[1];\n  res.json({ feed: await parser.parseURL(url) });\n});\nconst target = (q) => (q.base ? `${q.base}/feed.xml` : q.url);\nrouter.get('/raw', async (req, res) => res.send(await fetch(target(req.query)).then((r) => r.text())));\nexport default router;\n",
      },
      errors: [
        { messageId: 'request', line: 7 },
        { messageId: 'request', line: 10 },
      ],
    },
    {
      name: "the URL in the arguments of a tool call the model made, run by the app's own tool loop",
      files: {
        'package.json': pkg({ express: '^4.19.2', openai: '^4.56.0', axios: '^1.7.2' }),
        'server/llm.js': "import OpenAI from 'openai';\nconst openai = new OpenAI();\nexport async function runLLM(messages) {\n  const response = await openai.chat.completions.create({ model: 'gpt-4o', messages, tools: [] });\n  return response.choices[0].message;\n}\n",
        'server/tools.js': "import axios from 'axios';\nexport const getUrlContent = async ({ toolArgs }) => (await axios(toolArgs.url)).data;\nexport const runTool = (toolCall, userMessage) => getUrlContent({ userMessage, toolArgs: JSON.parse(toolCall.function.arguments || '{}') });\n",
        'server/agent.js': "import { runLLM } from './llm.js';\nimport { runTool } from './tools.js';\nexport async function runAgent(userMessage) {\n  const messages = [{ role: 'user', content: userMessage }];\n  const response = await runLLM(messages);\n  if (response.tool_calls) return runTool(response.tool_calls[0], userMessage);\n  return response.content;\n}\n",
      },
      errors: [{ messageId: 'tool', line: 2, file: 'server/tools.js' }],
    },
  ],
});
