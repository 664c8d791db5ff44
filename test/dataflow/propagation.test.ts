import { describe, expect, it } from 'vitest';
import { flowStrings, flowsOf } from '../helpers/dataflow.js';

const EXPRESS = JSON.stringify({ name: 'api', dependencies: { express: '^4.19.2', pg: '^8.11.0' } });

/** One Express handler body; the sink is always `pool.query`. */
function handler(body: string): Record<string, string> {
  return {
    'package.json': EXPRESS,
    'server/app.ts': `import express from 'express';\nimport { pool } from './db';\nconst app = express();\napp.post('/x', async (req, res) => {\n${body}\n  res.end();\n});\n`,
  };
}

describe('propagation inside a function', () => {
  it.each([
    ['destructuring', `  const { name } = req.body;\n  await pool.query("SELECT '" + name + "'");`],
    ['nested destructuring with default', `  const { filter: { name = '' } = {} } = req.body;\n  await pool.query(\`SELECT \${name}\`);`],
    ['template literal', `  const q = \`SELECT * FROM t WHERE a = '\${req.query.a}'\`;\n  await pool.query(q);`],
    ['string methods', `  const q = ('SELECT ' + req.query.cols).trim().toLowerCase();\n  await pool.query(q);`],
    ['array join', `  const parts = ['SELECT', req.body.cols];\n  await pool.query(parts.join(' '));`],
    ['push into an array', `  const parts: string[] = [];\n  parts.push(req.body.cols);\n  await pool.query('SELECT ' + parts.join(','));`],
    ['object property then member read', `  const input = { sort: req.query.sort };\n  await pool.query('SELECT 1 ORDER BY ' + input.sort);`],
    ['spread of the body', `  const data = { ...req.body };\n  await pool.query('SELECT ' + data.cols);`],
    ['reassignment and +=', `  let sql = 'SELECT * FROM t';\n  sql += ' WHERE a = ' + req.body.a;\n  await pool.query(sql);`],
    ['conditional and logical operators', `  const a = req.query.a ?? 'x';\n  const b = Math.random() > 0.5 ? a : 'y';\n  await pool.query('SELECT ' + b);`],
    ['await and JSON.parse', `  const data = JSON.parse(await req.body.raw);\n  await pool.query('SELECT ' + data.col);`],
    ['for-of over input', `  for (const col of req.body.cols) {\n    await pool.query('SELECT ' + col);\n  }`],
    ['array callback', `  req.body.ids.forEach(async (id: string) => {\n    await pool.query('DELETE FROM t WHERE id = ' + id);\n  });`],
    ['a helper in the same file', `  await pool.query(build(req.query.q));\n}\n);\nfunction build(q: string) {\n  return 'SELECT * FROM t WHERE q = ' + q;\n}\nvoid (async () => {\n`],
  ])('%s', async (_name, body) => {
    const flows = await flowStrings(handler(body));
    expect(flows.filter((f) => f.startsWith('sql:'))).toHaveLength(1);
  });

  it('does not flow through unrelated values', async () => {
    const flows = await flowStrings(
      handler(
        [
          `  const user = req.user;`,
          `  const count = req.body.items.length;`,
          `  const isAdmin = req.body.role === 'admin';`,
          `  const id = Number(req.params.id);`,
          `  await pool.query('SELECT ' + user.id + count + isAdmin + id);`,
          `  await pool.query('SELECT * FROM t WHERE a = $1', [req.body.a]);`,
          `  const q = \`SELECT * FROM t WHERE id = $1\`;`,
          `  await pool.query(q, [req.query.id]);`,
        ].join('\n'),
      ),
    );
    expect(flows).toEqual([]);
  });

  it('a reassignment with a clean value ends the taint; one inside a branch does not', async () => {
    const flows = await flowStrings(
      handler(
        [
          `  let a = req.query.a;`,
          `  a = 'fixed';`,
          `  await pool.query('SELECT ' + a);`,
          `  let b = req.query.b;`,
          `  if (Math.random() > 0.5) b = 'fixed';`,
          `  await pool.query('SELECT ' + b);`,
        ].join('\n'),
      ),
    );
    expect(flows).toEqual(['sql: req.query.b -> pool.query @server/app.ts:10']);
  });

  it('a value written into one field of an object taints the object and that field, not its other fields', async () => {
    // Mongoose's load, change, save: `record._id` stays the server's after `record.status = req.body.status`.
    const flows = await flowStrings(
      handler(
        [
          `  const record = await pool.query('SELECT * FROM t WHERE id = $1', [1]);`,
          `  record.status = req.body.status;`,
          `  record.meta.note = req.body.note;`,
          `  await pool.query('UPDATE t SET a = 1 WHERE id = ' + record.id);`,
          `  const { owner } = record;`,
          `  await pool.query('SELECT ' + owner);`,
          `  const alias = record;`,
          `  await pool.query('SELECT ' + alias.createdAt);`,
        ].join('\n'),
      ),
    );
    expect(flows).toEqual([]);
  });

  it('an object literal keeps its fields apart, through spreads and branches', async () => {
    // A record made from a draft that holds the client's role: its `_id` is the server's.
    const flows = await flowStrings(
      handler(
        [
          `  const draft: any = { role: req.body.role, createdAt: new Date() };`,
          `  let record;`,
          `  if (req.body.id) record = await pool.query('SELECT * FROM t WHERE id = $1', [1]);`,
          `  if (!record) record = { _id: 7, ...draft };`,
          `  await pool.query('UPDATE t SET a = 1 WHERE id = ' + record._id);`,
          `  const { createdAt } = { ...draft, note: req.body.note };`,
          `  await pool.query('SELECT ' + createdAt);`,
        ].join('\n'),
      ),
    );
    expect(flows).toEqual([]);
  });

  it.each([
    ['the field of a literal that holds it', `  const r = { status: req.body.status, at: 1 };\n  await pool.query('SELECT ' + r.status);`],
    ['the field of a spread literal', `  const draft = { role: req.body.role };\n  const r = { _id: 1, ...draft };\n  await pool.query('SELECT ' + r.role);`],
    ['a field of a literal after a branch', `  let r: any = { id: 1 };\n  if (req.body.x) r = { id: req.body.x };\n  await pool.query('SELECT ' + r.id);`],
    ['a field a spread of the request may hold', `  const r = { _id: 1, ...req.body };\n  await pool.query('SELECT ' + r._id);`],
    ['a field under a computed key', `  const r = { [req.query.k as string]: req.body.v, id: 1 };\n  await pool.query('SELECT ' + r.other);`],
  ])('a literal field still reaches the sink: %s', async (_name, body) => {
    const flows = await flowStrings(handler(body));
    expect(flows.filter((f) => f.startsWith('sql:'))).toHaveLength(1);
  });

  it('the keys of an object that named its fields itself are its own: Object.keys, and Object.entries taken apart', async () => {
    const flows = await flowStrings(
      handler(
        [
          `  const product = { name: req.body.name, price: req.body.price };`,
          `  await pool.query(\`INSERT INTO products (\${Object.keys(product).join(', ')}) VALUES ($1, $2)\`, Object.values(product));`,
          `  const changes: Record<string, unknown> = {};`,
          `  Object.entries(product).forEach(([key, value]) => { if (value) changes[key] = value; });`,
          `  for (const [column] of Object.entries(product)) await pool.query('UPDATE products SET ' + column + ' = NULL');`,
          `  await pool.query(\`UPDATE products SET \${Object.keys(changes).map((k) => k + ' = ?').join(', ')}\`, Object.values(changes));`,
        ].join('\n'),
      ),
    );
    expect(flows).toEqual([]);
  });

  it("the keys of what a caller passes to a helper that builds its SQL from them: the server's keys stay the server's", async () => {
    const repo = `const pool = require('../db');\nasync function updateProduct(product) {\n  const { productId } = product;\n  delete product.productId;\n  const query = \`update producttable set \${Object.keys(product).map((key) => \`\${key}=?\`).join(',')} where productId=?\`;\n  return pool.query(query, [...Object.values(product), productId]);\n}\nmodule.exports = { updateProduct };\n`;
    const controller = (arg: string) => ({
      'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.19.2', mysql2: '^3.11.0' } }),
      'repository/product.js': repo,
      'controller/product.js': `const express = require('express');\nconst { updateProduct } = require('../repository/product');\nconst router = express.Router();\nrouter.put('/products/:productId', async (req, res) => {\n${arg}\n  res.json(await updateProduct(valueToPass));\n});\nmodule.exports = router;\n`,
    });
    const own = await flowStrings(controller(`  const product = { price: req.body.price, name: req.body.name, productId: req.params.productId };\n  const valueToPass = {};\n  Object.entries(product).forEach(([key, val]) => { if (val) valueToPass[\`\${key}\`] = val; });`));
    expect(own.filter((f) => f.startsWith('sql:'))).toEqual([]);
    const clients = await flowStrings(controller(`  const valueToPass = { ...req.body, productId: req.params.productId };`));
    expect(clients.filter((f) => f.startsWith('sql:'))).toHaveLength(1);
  });

  it.each([
    ['Object.keys of the body', `  await pool.query(\`INSERT INTO t (\${Object.keys(req.body).join(', ')}) VALUES (1)\`);`],
    ['Object.keys of a spread of the body', `  const row = { ...req.body, at: 1 };\n  await pool.query('INSERT INTO t (' + Object.keys(row).join(', ') + ') VALUES (1)');`],
    ['the keys of Object.entries of the body', `  for (const [column] of Object.entries(req.body)) await pool.query('UPDATE t SET ' + column + ' = 1');`],
    ['the values of Object.entries of a literal', `  const product = { name: req.body.name };\n  Object.entries(product).forEach(([key, value]) => pool.query('SELECT ' + value));`],
  ])('keys and values of objects the client shaped still reach the sink: %s', async (_name, body) => {
    const flows = await flowStrings(handler(body));
    expect(flows.filter((f) => f.startsWith('sql:'))).toHaveLength(1);
  });

  it.each([
    ['the written field, read back through another name', `  const r: any = {};\n  r.status = req.body.status;\n  const again = r;\n  await pool.query('SELECT ' + again.status);`],
    ['a field below the written one', `  const r: any = {};\n  r.meta.note = req.body.note;\n  await pool.query('SELECT ' + r.meta);`],
    ['the whole object', `  const r: any = {};\n  r.status = req.body.status;\n  await pool.query('SELECT ' + JSON.stringify(r));`],
    ['a computed key', `  const r: any = {};\n  r[req.query.k as string] = req.body.v;\n  await pool.query('SELECT ' + r.other);`],
    ['a field the request filled as well', `  const r = { ...req.body };\n  r.status = req.body.status;\n  await pool.query('SELECT ' + r.other);`],
    ['the same origin written into two fields', `  const r: any = {};\n  const v = req.body.v;\n  r.a = v;\n  r.b = v;\n  const same = r;\n  await pool.query('SELECT ' + same.b);`],
  ])('a field write still reaches the sink: %s', async (_name, body) => {
    const flows = await flowStrings(handler(body));
    expect(flows.filter((f) => f.startsWith('sql:'))).toHaveLength(1);
  });

  it('records the path from source to sink with messages', async () => {
    const [flow] = await flowsOf(handler(`  const { email } = req.body;\n  const sql = "SELECT * FROM users WHERE email = '" + email + "'";\n  await pool.query(sql);`));
    expect(flow.steps.map((s) => [s.kind, s.range.startLine, s.message])).toEqual([
      ['source', 5, '`req.body.email` is read from the request'],
      ['step', 5, 'assigned to `email`'],
      ['step', 6, 'assigned to `sql`'],
      ['sink', 7, 'reaches `pool.query`'],
    ]);
    expect(flow.confidence).toBe('high');
  });
});

describe('guards and sanitizers', () => {
  it.each([
    ['allow-list with early return', `  const sort = String(req.query.sort);\n  if (!['name', 'date'].includes(sort)) return res.status(400).end();\n  await pool.query('SELECT * FROM t ORDER BY ' + sort);`],
    ['allow-list branch', `  const sort = req.query.sort as string;\n  if (ALLOWED.has(sort)) {\n    await pool.query('SELECT * FROM t ORDER BY ' + sort);\n  }`],
    ['regex test with throw', `  const id = req.params.id;\n  if (!/^[0-9]+$/.test(id)) throw new Error('bad id');\n  await pool.query('SELECT * FROM t WHERE id = ' + id);`],
    ['numeric conversion', `  const limit = parseInt(req.query.limit as string, 10);\n  await pool.query('SELECT * FROM t LIMIT ' + limit);`],
    ['escaping function', `  await pool.query('SELECT * FROM t WHERE a = ' + mysql.escape(req.body.a));`],
    ['typeof number check', `  const n = req.body.n;\n  if (typeof n !== 'number') return;\n  await pool.query('SELECT ' + n);`],
  ])('%s', async (_name, body) => {
    expect(await flowStrings(handler(body))).toEqual([]);
  });

  it('a guard only holds inside its branch', async () => {
    const flows = await flowStrings(handler(`  const sort = req.query.sort as string;\n  if (ALLOWED.has(sort)) {\n    console.log(sort);\n  }\n  await pool.query('SELECT * FROM t ORDER BY ' + sort);`));
    expect(flows).toEqual(['sql: req.query.sort -> pool.query @server/app.ts:9']);
  });

  it('a null check is not a guard', async () => {
    const flows = await flowStrings(handler(`  const sort = req.query.sort;\n  if (!sort) return res.status(400).end();\n  await pool.query('SELECT * FROM t ORDER BY ' + sort);`));
    expect(flows).toHaveLength(1);
  });
});

describe('bounds', () => {
  it('survives a huge generated concatenation and deep nesting', async () => {
    // One operand per line: a single huge line would be classified as minified and skipped.
    const long = Array.from({ length: 900 }, (_v, i) => `'p${i}'`).join(' +\n');
    // Deeper than the evaluation bound, shallower than the parser's nesting guard (src/parse/nesting.ts).
    const deep = `${'f(\n'.repeat(900)}req.body.x${')'.repeat(900)}`;
    const flows = await flowStrings(handler(`  await pool.query('SELECT ' + ${deep});\n  const big = ${long} + req.body.tail;\n  await pool.query(big);`));
    // Past the depth bound the nested value is given up on; the analysis goes on with the rest of the file.
    expect(flows).toEqual(['sql: req.body.tail -> pool.query @server/app.ts:1806']);
  });

  it('terminates on recursion', async () => {
    const flows = await flowStrings(handler(`  await pool.query(loop(req.body.q, 10));\n}\n);\nfunction loop(q: string, n: number): string {\n  return n === 0 ? 'SELECT ' + q : loop(q, n - 1);\n}\nvoid (async () => {\n`));
    expect(flows.filter((f) => f.startsWith('sql:'))).toHaveLength(1);
  });
});

describe('names that exist on every object', () => {
  it('treats constructor, toString and __proto__ as ordinary names', async () => {
    const flows = await flowStrings(
      handler(`  const c = req.constructor;\n  const s = x.constructor(req.body.a);\n  const t = req.toString();\n  await pool.query('SELECT ' + c + s + t + req.__proto__);\n  await pool.query('SELECT ' + req.body.toString());`),
    );
    expect(flows).toEqual(['sql: req.body -> pool.query @server/app.ts:9']);
  });
});
