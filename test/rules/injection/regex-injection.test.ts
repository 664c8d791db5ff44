import { ruleTester } from '../../helpers/rule-tester.js';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'api', dependencies: deps });
const EXPRESS = pkg({ express: '^4.19.2', mongoose: '^8.4.0' });

/** An Express router file with one search route whose body is `lines` (the first body line is line 5 + imports). */
const route = (imports: string[], lines: string[], after: string[] = []) =>
  [`import { Router } from 'express';`, ...imports, `export const r = Router();`, `r.get('/search', async (req, res) => {`, ...lines.map((l) => `  ${l}`), `  res.end();`, `});`, ...after, ``].join('\n');

ruleTester('regex-injection', {
  valid: [
    {
      name: 'escape-string-regexp and lodash escapeRegExp',
      files: {
        'package.json': pkg({ express: '^4.19.2', lodash: '^4.17.21', 'escape-string-regexp': '^5.0.0' }),
        'server/routes/search.ts': route(
          [`import escapeStringRegexp from 'escape-string-regexp';`, `import _ from 'lodash';`, `import { escapeRegExp } from 'lodash';`],
          [`const q = String(req.query.q);`, `const a = new RegExp(escapeStringRegexp(q), 'i');`, `const b = new RegExp(_.escapeRegExp(q));`, `const c = RegExp('^' + escapeRegExp(q));`],
        ),
      },
    },
    {
      name: 'the usual escape written out, inline and in a helper',
      files: {
        'package.json': EXPRESS,
        'server/routes/search.ts': route(
          [`import { Product } from '../models/product';`],
          [
            `const q = String(req.query.q);`,
            `const a = new RegExp(q.replace(/[.*+?^\${}()|[\\]\\\\]/g, '\\\\$&'), 'i');`,
            `const b = new RegExp(escapeRegex(q));`,
            `const c = new RegExp(q.replace(/[-[\\]{}()*+?.,\\\\^$|#\\s]/g, '\\\\$&'));`,
            `await Product.find({ name: { $regex: escapeRegex(q), $options: 'i' } });`,
          ],
          [`function escapeRegex(s: string) {`, `  return s.replace(/[.*+?^\${}()|[\\]\\\\]/g, '\\\\$&');`, `}`],
        ),
      },
    },
    {
      name: 'constant patterns, numbers and allow-listed values',
      files: {
        'package.json': EXPRESS,
        'server/routes/search.ts': route(
          [`const FIELDS = ['name', 'sku'];`],
          [
            `const q = String(req.query.q);`,
            `const a = new RegExp('^[a-z0-9-]+$', 'i');`,
            `const b = new RegExp(\`^.{0,\${Number(req.query.max)}}$\`);`,
            `const field = FIELDS.includes(q) ? q : 'name';`,
            `const c = new RegExp(field);`,
            `const order = String(req.query.order);`,
            `if (!['asc', 'desc'].includes(order)) return res.status(400).end();`,
            `const d = new RegExp(order);`,
          ],
        ),
      },
    },
    {
      name: 'a request value only as the text to search in',
      files: { 'package.json': EXPRESS, 'server/routes/search.ts': route([], [`const ok = /^[\\w.-]+@[\\w.-]+$/.test(String(req.query.email));`, `res.json({ ok });`]) },
    },
    {
      name: 'a class name a regular expression captured as a word, put into another pattern',
      files: {
        'package.json': EXPRESS,
        'src/routes/java.js': route([], [
          `const code = String(req.query.code);`,
          `const oldClass = code.match(/class\\s+(\\w+)/)?.[1];`,
          `res.send(code.replace(new RegExp(\`\\\\b\${oldClass}\\\\b\`, 'g'), 'Main'));`,
        ]),
      },
    },
  ],
  invalid: [
    {
      name: 'RegExp from the query string and the body, with and without new',
      files: {
        'package.json': EXPRESS,
        'server/routes/search.ts': route(
          [],
          [`const re = new RegExp(req.query.q as string);`, `const q = String(req.body.term);`, `const r2 = RegExp(q, 'i');`, `const r3 = new RegExp('^' + q + '$', 'i');`, `const r4 = new RegExp(\`\\\\b\${req.body.word}\\\\b\`, 'g');`],
        ),
      },
      errors: [
        { messageId: 'request', line: 4 },
        { messageId: 'request', line: 6 },
        { messageId: 'request', line: 7 },
        { messageId: 'request', line: 8 },
      ],
    },
    {
      name: 'a MongoDB $regex from the query string',
      files: {
        'package.json': EXPRESS,
        'server/routes/search.ts': route([`import { Product } from '../models/product';`], [`const name = String(req.query.name ?? '');`, `res.json(await Product.find({ name: { $regex: name, $options: 'i' } }));`]),
      },
      errors: [{ messageId: 'request', line: 6 }],
    },
    {
      name: 'a helper in another file builds the pattern',
      files: {
        'package.json': EXPRESS,
        'server/lib/match.ts': `export function matcher(term: string) {\n  return new RegExp(term.trim(), 'i');\n}\n`,
        'server/routes/search.ts': route([`import { matcher } from '../lib/match';`], [`const re = matcher(String(req.query.q));`, `res.json({ hit: re.test('x') });`]),
      },
      errors: [{ messageId: 'request', line: 2, file: 'server/lib/match.ts' }],
    },
    {
      name: 'a Next.js route handler and a WebSocket message',
      files: {
        'package.json': pkg({ next: '^14.2.0', ws: '^8.17.0' }),
        'app/api/search/route.ts': `import { NextRequest, NextResponse } from 'next/server';\nexport async function GET(request: NextRequest) {\n  const q = request.nextUrl.searchParams.get('q') ?? '';\n  const re = new RegExp(q, 'i');\n  return NextResponse.json({ ok: re.test('x') });\n}\n`,
        'server/ws.ts': `import { WebSocketServer } from 'ws';\nconst wss = new WebSocketServer({ port: 8080 });\nwss.on('connection', (ws) => {\n  ws.on('message', (raw) => {\n    const msg = JSON.parse(raw.toString());\n    ws.send(String(new RegExp(msg.filter).test('abc')));\n  });\n});\n`,
      },
      errors: [
        { messageId: 'request', line: 4, file: 'app/api/search/route.ts' },
        { messageId: 'message', line: 6, file: 'server/ws.ts' },
      ],
    },
    {
      name: 'what a regular expression captured with a wildcard, put into another pattern',
      files: {
        'package.json': EXPRESS,
        'src/routes/java.js': route([], [
          `const code = String(req.query.code);`,
          `const oldClass = code.match(/class\\s+(.+?)\\{/)?.[1];`,
          `res.send(code.replace(new RegExp(\`\\\\b\${oldClass}\\\\b\`, 'g'), 'Main'));`,
        ]),
      },
      errors: [{ messageId: 'request', line: 6 }],
    },
  ],
});
