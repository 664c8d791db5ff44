import { ruleTester } from '../../helpers/rule-tester.js';

const PKG = JSON.stringify({ name: 'api', dependencies: { express: '^4.19.2' } });
/** An Express route whose handler body is `body` (line 4 onward). */
const route = (body: string, imports = '') => ({
  'package.json': PKG,
  'server/routes.ts': `import express from 'express';\n${imports}\nconst app = express();\napp.post('/items', async (req, res) => {\n${body}\n  res.json({ ok: true });\n});\n`,
});

ruleTester('sql-injection', {
  valid: [
    {
      name: 'a pg query object whose text is built from fixed parts in every branch, the values bound',
      files: route(`  let select = 'select content from listing';
  let query;
  if (req.query.category !== undefined) {
    select += " where (content ->> 'Category' = $1)";
    query = { text: select, values: [req.query.category] };
  } else {
    query = select;
  }
  await pool.query(query);`),
    },
    {
      name: 'a sort column reset to a default unless it is one of the allowed names',
      files: route(`  let searchOrder = req.query.searchOrder as string;
  if (!searchOrder || (searchOrder !== 'name' && searchOrder !== 'type')) {
    searchOrder = 'email';
  }
  await connection.raw(\`SELECT * FROM users ORDER BY \${searchOrder}\`);`),
    },
    { name: 'pg with $1 parameters', files: route(`  await pool.query('SELECT * FROM items WHERE name = $1', [req.body.name]);`) },
    { name: "deno-postgres's queryObject with its arguments bound", files: route(`  await client.queryObject('SELECT * FROM items WHERE name = $1', [req.body.name]);\n  await client.queryObject\`SELECT * FROM items WHERE name = \${req.body.name}\`;`) },
    { name: 'mysql2 with ? placeholders', files: route(`  await db.execute('SELECT * FROM items WHERE name = ? AND owner = ?', [req.body.name, req.body.owner]);`) },
    { name: 'Prisma tagged $queryRaw', files: route(`  await prisma.$queryRaw\`SELECT * FROM items WHERE name = \${req.body.name}\`;`) },
    { name: 'Vercel/Drizzle sql tagged template', files: route(`  await db.execute(sql\`SELECT * FROM items WHERE name = \${req.body.name}\`);`, `import { sql } from 'drizzle-orm';`) },
    { name: 'knex whereRaw with bindings', files: route(`  await knex('items').whereRaw('name = ?', [req.body.name]);`) },
    { name: 'numbers only', files: route(`  const limit = Number(req.query.limit) || 20;\n  await pool.query('SELECT * FROM items LIMIT ' + limit);`) },
    { name: 'sort column from an allow-list', files: route(`  const sort = req.query.sort === 'name' ? 'name' : 'created_at';\n  await pool.query('SELECT * FROM items ORDER BY ' + sort);`) },
    { name: 'escaped with mysql.escape', files: route(`  await db.query('SELECT * FROM items WHERE name = ' + mysql.escape(req.body.name));`) },
    { name: 'user id from the session, not the request input', files: route(`  await pool.query(\`SELECT * FROM items WHERE owner = '\${req.user.id}'\`);`) },
    { name: 'lowdb-style key lookup is not SQL', files: route(`  const item = db.get('items').find({ id: req.params.id }).value();\n  res.json(item);`) },
    { name: 'GraphQL client query with variables', files: route(`  await client.query({ query: ITEMS, variables: { name: req.body.name } });`) },
    { name: 'test files are not analysed', files: { 'package.json': PKG, 'server/routes.test.ts': `app.post('/x', (req, res) => pool.query('SELECT ' + req.body.a));\n` } },
    {
      name: "SvelteKit: a filter on the signed-in user's id from locals, and a load function outside src/routes",
      files: {
        'package.json': JSON.stringify({ name: 'app', dependencies: { '@sveltejs/kit': '^2.5.0', pocketbase: '^0.21.0' } }),
        'src/routes/links/+page.server.ts': `export const load = async ({ locals }) => {\n  const user = locals.pb.authStore.model;\n  return { links: await locals.pb.collection('links').getFullList({ filter: \`createdBy="\${user.id}"\` }) };\n};\n`,
        'src/lib/server/links.ts': `export async function load({ params }) {\n  return pb.collection('links').getFirstListItem(\`slug="\${params.slug}"\`);\n}\n`,
      },
    },
    { name: 'Supabase typed filter method', files: route(`  await supabase.from('items').select('*').ilike('name', \`%\${req.query.q}%\`);`) },
    {
      name: 'PocketBase: values bound with pb.filter, a constant filter beside a sort from the query, and a getList that is not PocketBase\'s',
      files: route(
        [
          `  const user = await pb.collection('users').getFirstListItem(pb.filter('email = {:email}', { email: req.body.email }));`,
          `  const posts = await pb.collection('posts').getList(1, 20, { filter: 'published = true', sort: req.query.sort });`,
          `  const options = { filter: pb.filter('author = {:id}', { id: req.params.id }), expand: req.query.expand };`,
          `  const mine = await pb.collection('posts').getFullList(options);`,
          `  const page = await api.getList(1, 20, { filter: \`name = "\${req.query.q}"\` });`,
        ].join('\n'),
      ),
    },
    {
      name: "the digits and words a regular expression's groups captured from the request, and every word of a global match",
      files: route(`  const m = /^\\/items\\/(\\d+)$/.exec(req.path);
  const [, slug] = req.url.match(/slug=([a-z0-9_]+)/) ?? [];
  const words = req.body.q.match(/\\w+/g);
  await pool.query(\`SELECT * FROM items WHERE id = \${m[1]} OR slug = '\${slug}' OR name = '\${words[0]}'\`);`, `import { pool } from './db';`),
    },
  ],
  invalid: [
    {
      // `var Products = { getCategoryProducts: function (…) {…} }`, exported whole and called by a route in another file; and one used in its own file.
      name: 'helpers kept in an object of functions, in the route file and in a model file exported as the object',
      files: {
        'package.json': JSON.stringify({ name: 'grocery', dependencies: { express: '4.21.1', mysql: '2.18.1' } }),
        'server/db.js': `const mysql = require('mysql');\nmodule.exports = mysql.createPool({ host: process.env.DB_HOST, user: process.env.DB_USER, database: 'shop' });\n`,
        'server/models/Products.js': `var db = require('../db');\nvar Products = {\n  getCategoryProducts: function (category, callback) {\n    return db.query(\`SELECT * FROM products WHERE category = \${category}\`, callback);\n  },\n  byId: function (id, callback) {\n    return db.query('SELECT * FROM products WHERE id = ?', [id], callback);\n  },\n};\nmodule.exports = Products;\n`,
        'server/api.js': `const express = require('express');\nconst db = require('./db');\nconst Products = require('./models/Products');\nconst Search = { byName(name, cb) { return db.query("SELECT * FROM products WHERE name LIKE '%" + name + "%'", cb); } };\nconst api = express.Router();\napi.get('/category', (req, res) => Products.getCategoryProducts(req.query.category, (e, rows) => res.json(rows)));\napi.get('/products/:id', (req, res) => Products.byId(req.params.id, (e, rows) => res.json(rows)));\napi.get('/search', (req, res) => Search.byName(req.query.q, (e, rows) => res.json(rows)));\nmodule.exports = api;\n`,
      },
      errors: [
        { messageId: 'request', line: 4, file: 'server/api.js' },
        { messageId: 'request', line: 4, file: 'server/models/Products.js' },
      ],
    },
    {
      name: 'SQL built by a helper from a body taken apart in a class method typed with Request',
      files: {
        'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.19.2', sequelize: '^6.37.0' } }),
        'src/user/queries.ts': "export const getUserListQuery = ({ limit, offset, filters = {} }: { limit: number; offset: number; filters: { name?: string } }) =>\n  `SELECT * FROM users WHERE name LIKE '%${filters.name || ''}%' LIMIT ${limit} OFFSET ${offset};`;\n",
        'src/user/user.controller.ts': "import { Request, Response } from 'express';\nimport sequelize from '../models';\nimport { getUserListQuery } from './queries';\nclass UserController {\n  async list({ body }: Request, res: Response) {\n    const { offset, limit, filters = {} } = body;\n    const users = await sequelize.query(getUserListQuery({ limit, offset, filters }));\n    res.json({ users });\n  }\n}\nexport const userController = new UserController();\n",
      },
      errors: [{ messageId: 'request', line: 7, file: 'src/user/user.controller.ts' }],
    },
    {
      name: 'a sort column compared with allowed names, but used when it is none of them',
      files: route(`  let searchOrder = req.query.searchOrder as string;
  if (searchOrder === 'name' || searchOrder === 'type') {
    console.log('known order');
  }
  await connection.raw(\`SELECT * FROM users ORDER BY \${searchOrder}\`);`),
      errors: [{ messageId: 'request', line: 9 }],
    },
    {
      name: "SvelteKit: an endpoint's route param, a server load's URL query and a form action's form data in PocketBase filters",
      files: {
        'package.json': JSON.stringify({ name: 'app', dependencies: { '@sveltejs/kit': '^2.5.0', pocketbase: '^0.21.0' } }),
        'src/routes/s/[slug]/+server.js': `export async function GET({ params, locals }) {\n  const link = await locals.pb.collection('links').getFirstListItem(\`slug="\${params.slug}"\`);\n  return Response.redirect(link.url, 302);\n}\n`,
        'src/routes/search/+page.server.ts': `import type { Actions, PageServerLoad } from './$types';\nexport const load: PageServerLoad = async ({ url, locals }) => {\n  const q = url.searchParams.get('q') ?? '';\n  return { items: await locals.pb.collection('items').getList(1, 20, { filter: \`title ~ "\${q}"\` }) };\n};\nexport const actions = {\n  rename: async ({ request, locals }) => {\n    const data = await request.formData();\n    const name = String(data.get('name'));\n    return locals.pb.collection('items').getFirstListItem(\`name = "\${name}"\`);\n  },\n} satisfies Actions;\n`,
      },
      errors: [
        { messageId: 'pocketbaseFilter', line: 2, file: 'src/routes/s/[slug]/+server.js' },
        { messageId: 'pocketbaseFilter', line: 4, file: 'src/routes/search/+page.server.ts' },
        { messageId: 'pocketbaseFilter', line: 10, file: 'src/routes/search/+page.server.ts' },
      ],
    },
    {
      name: 'PocketBase filter strings built from the request: the first argument and the filter option',
      files: route(
        [
          `  const user = await pb.collection('users').getFirstListItem(\`email="\${req.body.email}"\`);`,
          `  const posts = await pb.collection('posts').getList(1, 20, { filter: \`author = "\${req.query.author}"\`, sort: '-created' });`,
          `  const found = await pb.collection('posts').getFullList({ filter: 'title ~ "' + req.query.q + '"', sort: '-created' });`,
        ].join('\n'),
      ),
      errors: [
        { messageId: 'pocketbaseFilter', line: 5, severity: 'high' },
        { messageId: 'pocketbaseFilter', line: 6, severity: 'high' },
        { messageId: 'pocketbaseFilter', line: 7, severity: 'high' },
      ],
    },
    {
      name: 'next-safe-action and zsa server actions: the parsed input is the browser\'s',
      files: {
        'package.json': JSON.stringify({ name: 'app', dependencies: { next: '15.0.3', 'next-safe-action': '7.9.0', zsa: '0.6.0', 'drizzle-orm': '0.36.0' } }),
        'src/server/search.ts': "'use server';\nimport { sql } from 'drizzle-orm';\nimport { createServerAction } from 'zsa';\nimport { authActionClient } from '@/lib/safe-action';\nimport { db } from '@/db';\nexport const search = authActionClient.schema(schema).action(async ({ parsedInput: { q }, ctx }) => db.execute(sql.raw(`select * from notes where owner = '${ctx.userId}' and title like '%${q}%'`)));\nexport const find = createServerAction().input(schema).handler(async ({ input }) => db.execute(sql.raw('select * from notes where title = ' + input.title)));\nexport const mine = authActionClient.action(async ({ ctx }) => db.execute(sql.raw(`select * from notes where owner = '${ctx.userId}'`)));\n",
      },
      errors: [
        { messageId: 'request', line: 6 },
        { messageId: 'request', line: 7 },
      ],
    },
    { name: "deno-postgres's queryObject of the SQL a body sends", files: route(`  const body = req.body;\n  res.json(await client.queryObject(body.query));`), errors: [{ messageId: 'request', line: 6, severity: 'critical' }] },
    { name: 'pg template literal', files: route(`  const { name } = req.body;\n  await pool.query(\`SELECT * FROM items WHERE name = '\${name}'\`);`), errors: [{ messageId: 'request', line: 6, severity: 'critical' }] },
    { name: 'mysql2 concatenation', files: route(`  await connection.execute('SELECT * FROM items ORDER BY ' + req.query.sort);`), errors: [{ messageId: 'request', line: 5 }] },
    { name: 'better-sqlite3 prepare', files: route(`  db.prepare(\`SELECT * FROM items WHERE id = \${req.params.id}\`).get();`), errors: [{ messageId: 'request', line: 5 }] },
    { name: 'knex whereRaw', files: route(`  await knex('items').whereRaw(\`name = '\${req.body.name}'\`);`), errors: [{ messageId: 'request', line: 5 }] },
    { name: 'Sequelize query', files: route(`  await sequelize.query('SELECT * FROM items WHERE name = "' + req.body.name + '"');`), errors: [{ messageId: 'request', line: 5 }] },
    { name: 'Prisma $queryRawUnsafe', files: route(`  await prisma.$queryRawUnsafe(\`SELECT * FROM items WHERE name = '\${req.body.name}'\`);`), errors: [{ messageId: 'request', line: 5 }] },
    { name: 'TypeORM query builder with a string where', files: route(`  await dataSource.getRepository(Item).createQueryBuilder('i').where(\`i.name = '\${req.query.name}'\`).getMany();`), errors: [{ messageId: 'request', line: 5 }] },
    { name: 'Drizzle sql.raw', files: route(`  await db.execute(sql.raw('SELECT * FROM items ORDER BY ' + req.query.sort));`, `import { sql } from 'drizzle-orm';`), errors: [{ messageId: 'request', line: 5 }] },
    { name: 'Supabase .or() filter string', files: route(`  await supabase.from('items').select('*').or(\`name.ilike.%\${req.query.q}%,tag.eq.\${req.query.q}\`);`), errors: [{ messageId: 'filter', line: 5, severity: 'high' }] },
    {
      name: 'LLM-written SQL run as is',
      files: route(`  const out = await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: req.body.question }] });\n  const rows = await pool.query(out.choices[0].message.content!);`),
      errors: [{ messageId: 'llm', line: 6 }],
    },
    {
      name: 'through a repository helper in another file',
      files: {
        'package.json': PKG,
        'server/repo.ts': `import { pool } from './pool';\nexport const search = (term: string) => pool.query("SELECT * FROM items WHERE name LIKE '%" + term + "%'");\n`,
        'server/routes.ts': `import express from 'express';\nimport { search } from './repo';\nconst app = express();\napp.get('/search', async (req, res) => res.json(await search(req.query.q as string)));\n`,
      },
      errors: [{ messageId: 'request', line: 2, file: 'server/repo.ts' }],
    },
    {
      name: 'a WebSocket message',
      files: { 'package.json': JSON.stringify({ dependencies: { ws: '8' } }), 'server/ws.ts': `wss.on('connection', (socket) => {\n  socket.on('message', (raw) => {\n    const msg = JSON.parse(String(raw));\n    db.query("SELECT * FROM rooms WHERE id = '" + msg.room + "'");\n  });\n});\n` },
      errors: [{ messageId: 'message', line: 4 }],
    },
    {
      name: "what a regular expression matched when it can hold spaces or any character: the whole match, a wildcard group, the match's input",
      files: route(`  const m = req.body.q.match(/(\\w+) (\\w+)/);
  const n = /q=(.*)/.exec(req.url);
  await pool.query(\`SELECT * FROM items WHERE a = \${m[0]}\`);
  await pool.query(\`SELECT * FROM items WHERE b = \${n[1]}\`);
  await pool.query(\`SELECT * FROM items WHERE c = \${m.input}\`);`, `import { pool } from './db';`),
      errors: [
        { messageId: 'request', line: 7 },
        { messageId: 'request', line: 8 },
        { messageId: 'request', line: 9 },
      ],
    },
  ],
});
