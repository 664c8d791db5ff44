import { ruleTester } from '../../helpers/rule-tester.js';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'api', dependencies: deps });
const EXPRESS = pkg({ express: '^4.19.2' });
const VITE = pkg({ react: '^18.3.1', vite: '^5.2.0' });

/** An Express router file with one route whose body is `lines`. */
const route = (lines: string[], imports: string[] = []) =>
  [`import { Router } from 'express';`, ...imports, `export const calc = Router();`, `calc.post('/calc', (req, res) => {`, ...lines.map((l) => `  ${l}`), `});`, ``].join('\n');

ruleTester('code-injection', {
  valid: [
    {
      name: 'JSON.parse is data, not code',
      files: { 'package.json': EXPRESS, 'server/routes/calc.ts': route([`res.json(JSON.parse(req.body.json));`]) },
    },
    {
      name: 'numbers in eval and functions passed to timers',
      files: {
        'package.json': EXPRESS,
        'server/routes/calc.ts': route([
          `const n = Number(req.body.n);`,
          `const doubled = eval('2 * ' + n);`,
          `setTimeout(() => res.json({ doubled, echo: req.body.n }), Number(req.body.delay));`,
          `setInterval(poll, req.body.ms);`,
        ]) + `function poll() {}\n`,
      },
    },
    {
      name: 'new Function with constant code and client arguments',
      files: {
        'package.json': EXPRESS,
        'server/routes/calc.ts': route([`const add = new Function('a', 'b', 'return a + b');`, `res.json(add(req.body.a, req.body.b));`]),
      },
    },
    {
      name: 'an operation chosen from a fixed table',
      files: {
        'package.json': EXPRESS,
        'server/routes/calc.ts': route([`const op = OPS[String(req.body.op)];`, `if (!op) return res.status(400).end();`, `res.json(op(Number(req.body.a), Number(req.body.b)));`], [`const OPS: Record<string, (a: number, b: number) => number> = { add: (a, b) => a + b };`]),
      },
    },
    {
      name: 'a Mongo filter with operators instead of $where',
      files: {
        'package.json': pkg({ express: '^4.19.2', mongoose: '^8.4.0' }),
        'server/routes/calc.ts': route([`res.json(await User.find({ age: { $gt: Number(req.query.age) } }));`], [`import { User } from '../models/user';`]).replace('(req, res) =>', 'async (req, res) =>'),
      },
    },
    {
      name: 'the page URL used as a number for a timer',
      files: {
        'package.json': VITE,
        'src/pages/Splash.tsx': `export function Splash() {\n  const delay = new URLSearchParams(location.search).get('delay');\n  setTimeout(() => location.assign('/home'), Number(delay));\n  return null;\n}\n`,
      },
    },
    {
      name: 'the page URL does not matter to server code',
      files: {
        'package.json': EXPRESS,
        'server/jobs/report.ts': `const filter = process.env.REPORT_FILTER ?? 'true';\nexport const predicate = new Function('row', 'return ' + filter);\n`,
      },
    },
    {
      name: "template engines rendering the server's own templates with the client's data, and logic-less engines given the client's template",
      files: {
        'package.json': pkg({ express: '^4.19.2', ejs: '^3.1.10', pug: '^3.0.3', lodash: '^4.17.21', handlebars: '^4.7.8', mustache: '^4.2.0' }),
        'server/routes/mail.js': route(
          [
            `const html = ejs.render(WELCOME, { name: req.body.name });`,
            `const page = pug.render('p Hello #{name}', { name: req.body.name });`,
            `const text = _.template('Hi <%- name %>')({ name: req.body.name });`,
            `const card = Handlebars.compile(req.body.template)({ name: 'x' });`,
            `const note = Mustache.render(req.body.template, { name: 'x' });`,
            `res.json({ html, page, text, card, note });`,
          ],
          [`import ejs from 'ejs';`, `import pug from 'pug';`, `import _ from 'lodash';`, `import Handlebars from 'handlebars';`, `import Mustache from 'mustache';`, `const WELCOME = '<p>Hi <%= name %></p>';`],
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'a window message event run as code in the page',
      files: {
        'package.json': EXPRESS,
        'admin-auth/message-handler.js': `window.addEventListener('message', (event) => {\n  eval(event.data);\n});\n`,
      },
      errors: [{ messageId: 'message', line: 2 }],
    },
    {
      name: 'eval, new Function, Function() and vm with the request body',
      files: {
        'package.json': EXPRESS,
        'server/routes/calc.ts': route(
          [
            `const { expression } = req.body;`,
            `const a = eval(expression);`,
            `const f = new Function('x', 'return ' + req.body.formula);`,
            `const g = Function(req.body.code)();`,
            `const h = vm.runInNewContext(req.body.script, {});`,
            `const s = new vm.Script(req.body.src);`,
            `res.json({ a, f, g, h, s });`,
          ],
          [`import vm from 'node:vm';`],
        ),
      },
      errors: [
        { messageId: 'request', line: 6 },
        { messageId: 'request', line: 7 },
        { messageId: 'request', line: 8 },
        { messageId: 'request', line: 9 },
        { messageId: 'request', line: 10 },
      ],
    },
    {
      name: 'setTimeout with a string',
      files: {
        'package.json': EXPRESS,
        'server/routes/calc.ts': route([`setTimeout('notify(' + req.body.id + ')', 1000);`, `res.end();`]),
      },
      errors: [{ messageId: 'request', line: 4 }],
    },
    {
      name: 'a Mongo $where and mapReduce built from the request',
      files: {
        'package.json': pkg({ express: '^4.19.2', mongoose: '^8.4.0' }),
        'server/routes/calc.ts': route(
          ['const a = await User.find({ $where: `this.age > ${req.query.age}` });', `const b = await User.find({ $where: req.body.expression });`, `const c = await Order.mapReduce(req.body.map, req.body.reduce);`, `res.json([a, b, c]);`],
          [`import { Order, User } from '../models';`],
        ).replace('(req, res) =>', 'async (req, res) =>'),
      },
      errors: [
        { messageId: 'request', line: 5 },
        { messageId: 'request', line: 6 },
        { messageId: 'request', line: 7 },
      ],
    },
    {
      name: 'a helper in another file evaluates its parameter',
      files: {
        'package.json': EXPRESS,
        'server/lib/formula.ts': `export function evaluate(formula: string) {\n  return eval(formula);\n}\n`,
        'server/routes/formula.ts': `import express from 'express';\nimport { evaluate } from '../lib/formula';\nconst app = express();\napp.post('/f', (req, res) => res.json(evaluate(req.body.formula)));\n`,
      },
      errors: [{ messageId: 'request', line: 2, file: 'server/lib/formula.ts' }],
    },
    {
      name: 'a socket.io message',
      files: {
        'package.json': pkg({ 'socket.io': '^4.7.5' }),
        'server/socket.ts': `import { Server } from 'socket.io';\nconst io = new Server(3001);\nio.on('connection', (socket) => {\n  socket.on('run', (payload) => {\n    socket.emit('result', eval(payload.code));\n  });\n});\n`,
      },
      errors: [{ messageId: 'message', line: 5 }],
    },
    {
      name: 'a function written by a language model',
      files: {
        'package.json': pkg({ next: '^14.2.0', ai: '^3.1.0', '@ai-sdk/openai': '^0.0.20' }),
        'app/api/chart/route.ts': `import { generateText } from 'ai';\nimport { openai } from '@ai-sdk/openai';\nexport async function POST(req: Request) {\n  const { prompt } = await req.json();\n  const { text } = await generateText({ model: openai('gpt-4o'), prompt });\n  const transform = new Function('rows', text);\n  return Response.json(transform([1, 2, 3]));\n}\n`,
      },
      errors: [{ messageId: 'llm', line: 6 }],
    },
    {
      name: 'eval of a URL parameter in a React component',
      files: {
        'package.json': VITE,
        'src/components/Calculator.tsx': `export function Calculator() {\n  const params = new URLSearchParams(window.location.search);\n  const expr = params.get('expr') ?? '0';\n  return <output>{String(eval(expr))}</output>;\n}\n`,
      },
      errors: [{ messageId: 'browser', line: 4 }],
    },
    {
      name: 'a string timer from the location hash',
      files: { 'package.json': VITE, 'src/main.ts': `const callback = location.hash.slice(1);\nsetTimeout(callback, 0);\n` },
      errors: [{ messageId: 'browser', line: 2 }],
    },
    {
      name: 'a template the client wrote compiled by EJS, Pug, Nunjucks and lodash (their templates run JavaScript)',
      files: {
        'package.json': pkg({ express: '^4.19.2', ejs: '^3.1.10', pug: '^3.0.3', lodash: '^4.17.21', nunjucks: '^3.2.4' }),
        'server/routes/mail.js': route(
          [
            `const { emailHTML, sms } = req.body;`,
            `const html = emailHTML ? ejs.compile(emailHTML, {})({ name: 'x' }) : null;`,
            `const page = pug.render(req.body.page);`,
            `const text = nunjucks.renderString(sms, {});`,
            `const other = template(req.body.text)({});`,
            `res.json({ html, page, text, other });`,
          ],
          [`import ejs from 'ejs';`, `import pug from 'pug';`, `import nunjucks from 'nunjucks';`, `import template from 'lodash/template';`],
        ),
      },
      errors: [
        { messageId: 'request', line: 9 },
        { messageId: 'request', line: 10 },
        { messageId: 'request', line: 11 },
        { messageId: 'request', line: 12 },
      ],
    },
  ],
});
