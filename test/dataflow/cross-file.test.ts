import { describe, expect, it } from 'vitest';
import { flowStrings, flowsOf } from '../helpers/dataflow.js';

const PKG = JSON.stringify({ name: 'api', dependencies: { express: '^4.19.2', pg: '^8.11.0' } });

describe('flows across files', () => {
  it('follows a value into an imported helper that holds the sink, and reports at the sink', async () => {
    const flows = await flowsOf({
      'package.json': PKG,
      'server/db/users.ts': `import { pool } from './pool';\nexport async function findUser(email: string) {\n  const sql = "SELECT * FROM users WHERE email = '" + email + "'";\n  return pool.query(sql);\n}\n`,
      'server/routes/users.ts': `import { Router } from 'express';\nimport { findUser } from '../db/users';\nexport const router = Router();\nrouter.get('/users', async (req, res) => {\n  res.json(await findUser(req.query.email as string));\n});\n`,
    });
    expect(flows.map((f) => `${f.sink.file}:${f.sink.range.startLine} ${f.source.label} ${f.confidence}`)).toEqual(['server/db/users.ts:4 req.query.email medium']);
    expect(flows[0].steps.map((s) => `${s.file}:${s.range.startLine} ${s.kind}`)).toEqual([
      'server/routes/users.ts:5 source',
      'server/db/users.ts:2 call',
      'server/db/users.ts:3 step',
      'server/db/users.ts:4 sink',
    ]);
  });

  it('reports sinks reached through helpers that call each other many ways once each, with the trail of the first way', async () => {
    // Ten layers of five helpers, each calling all five of the next layer: 5^10 ways from the handler to the query.
    const layer = (l: number) =>
      Array.from({ length: 5 }, (_, i) => (l === 9 ? `export function h9_${i}(v: string) { return pool.query('SELECT ' + v); }` : `export function h${l}_${i}(v: string) { ${Array.from({ length: 5 }, (_, j) => `h${l + 1}_${j}(v);`).join(' ')} }`)).join('\n');
    const flows = await flowsOf({
      'package.json': PKG,
      'server/helpers.ts': `import { pool } from './pool';\n${Array.from({ length: 10 }, (_, l) => layer(9 - l)).join('\n')}\n`,
      'server/routes.ts': `import { Router } from 'express';\nimport { h0_0 } from './helpers';\nexport const router = Router();\nrouter.post('/q', (req, res) => res.json(h0_0(req.body.q)));\n`,
    });
    // The five queries of the last layer (lines 2-6), each once.
    expect(flows.map((f) => `${f.sink.file}:${f.sink.range.startLine} ${f.source.label}`)).toEqual([2, 3, 4, 5, 6].map((line) => `server/helpers.ts:${line} req.body.q`));
    // Into the first helper of each layer, as the code reads.
    expect(flows[0].steps.filter((s) => s.kind === 'call').map((s) => s.message)).toContain('enters `h0_0` as `v`');
  });

  it('reports SQL built by each caller of a query helper at that call, once per call, not once at the helper', async () => {
    const flows = await flowsOf({
      'package.json': PKG,
      'server/db.js': `const { Pool } = require('pg');\nconst pool = new Pool();\nasync function run(sql, params) {\n  const { rows } = await pool.query(sql, params);\n  return rows;\n}\nmodule.exports = { run };\n`,
      'server/items.js': [
        `const { run } = require('./db');`,
        `exports.list = async (req, res) => res.json(await run(\`SELECT * FROM items ORDER BY \${req.query.sort}\`));`,
        `exports.get = async (req, res) => res.json(await run('SELECT * FROM items WHERE id = ' + req.params.id));`,
        `exports.safe = async (req, res) => res.json(await run('SELECT * FROM items WHERE id = $1', [req.params.id]));`,
        ``,
      ].join('\n'),
      'server/app.js': `const express = require('express');\nconst items = require('./items');\nconst app = express();\napp.get('/items', items.list);\napp.get('/items/:id', items.get);\napp.get('/safe/:id', items.safe);\n`,
    });
    expect(flows.map((f) => `${f.sink.label} @${f.sink.file}:${f.sink.range.startLine} ${f.source.label}`).sort()).toEqual([
      'run @server/items.js:2 req.query.sort',
      'run @server/items.js:3 req.params.id',
    ]);
    const last = flows[0].steps[flows[0].steps.length - 1];
    expect(last).toMatchObject({ file: 'server/items.js', kind: 'sink', message: 'reaches `run`, which hands it to `pool.query` (server/db.js:4)' });
  });

  it('reports a query helper that builds the SQL itself once, at its query', async () => {
    const flows = await flowStrings({
      'package.json': PKG,
      'server/db.js': `const { Pool } = require('pg');\nconst pool = new Pool();\nexports.byName = (name) => pool.query("SELECT * FROM t WHERE name = '" + name + "'");\n`,
      'server/app.js': `const express = require('express');\nconst db = require('./db');\nconst app = express();\napp.get('/a', async (req, res) => res.json(await db.byName(req.query.a)));\napp.get('/b', async (req, res) => res.json(await db.byName(req.query.b)));\n`,
    });
    expect(flows).toEqual(['sql: req.query.a -> pool.query @server/db.js:3']);
  });

  it('applies return summaries: a helper that builds the query text', async () => {
    expect(
      await flowStrings({
        'package.json': PKG,
        'server/lib/sql.js': `function where(col, value) {\n  return \` WHERE \${col} = '\${value}'\`;\n}\nmodule.exports = { where };\n`,
        'server/app.js': `const express = require('express');\nconst { where } = require('./lib/sql');\nconst app = express();\napp.get('/t', async (req, res) => {\n  await db.query('SELECT * FROM t' + where('name', req.query.name));\n});\n`,
      }),
    ).toEqual(['sql: req.query.name -> db.query @server/app.js:5']);
  });

  it('resolves namespace imports, default exports, index files and tsconfig path aliases', async () => {
    const flows = await flowStrings({
      'package.json': JSON.stringify({ name: 'web', dependencies: { next: '14.2.0' } }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@lib/*': ['src/lib/*'] } } }),
      'src/lib/db/index.ts': `export default function run(sql: string) {\n  return db.query(sql);\n}\nexport function byName(name: string) {\n  return db.query(\`SELECT * FROM t WHERE name = '\${name}'\`);\n}\n`,
      'src/app/api/a/route.ts': `import run from '@lib/db';\nexport async function POST(request: Request) {\n  const { sql } = await request.json();\n  return Response.json(await run(sql));\n}\n`,
      'src/app/api/b/route.ts': `import * as db from '@/lib/db/index';\nexport async function GET(request: Request) {\n  const name = new URL(request.url).searchParams.get('name');\n  return Response.json(await db.byName(name!));\n}\n`,
    });
    expect(flows.sort()).toEqual(['sql: request.json() -> db.query @src/lib/db/index.ts:2', 'sql: request.url -> db.query @src/lib/db/index.ts:5']);
  });

  it("resolves module-alias's `_moduleAliases` and Node's subpath `imports` from package.json; an alias is no prefix of a longer name", async () => {
    const flows = await flowStrings({
      'package.json': JSON.stringify({
        name: 'api',
        dependencies: { express: '^4.19.2', pg: '^8.11.0', 'module-alias': '^2.2.2' },
        _moduleAliases: { '@db': 'server/db', '@util': 'server/util' },
        imports: { '#queries/*': './server/queries/*.js', '#raw': { node: './server/raw.js', default: './server/raw-browser.js' } },
      }),
      'server/db/index.js': `module.exports = { byName: (name) => pool.query("SELECT * FROM t WHERE name = '" + name + "'") };\n`,
      'server/util/sql.js': `module.exports = { run: (sql) => pool.query(sql) };\n`,
      'server/utility/sql.js': `module.exports = { run: (sql) => pool.query(sql) };\n`,
      'server/queries/users.js': `exports.byEmail = (email) => pool.query(\`SELECT * FROM users WHERE email = '\${email}'\`);\n`,
      'server/raw.js': `module.exports = (sql) => pool.query(sql);\n`,
      'server/app.js': [
        `require('module-alias/register');`,
        `const express = require('express');`,
        `const db = require('@db');`,
        `const { run } = require('@util/sql');`,
        `const other = require('@utility/sql');`,
        `const { byEmail } = require('#queries/users');`,
        `const raw = require('#raw');`,
        `const app = express();`,
        `app.get('/a', (req, res) => db.byName(req.query.name));`,
        `app.get('/b', (req, res) => run(req.query.sql));`,
        `app.get('/c', (req, res) => other.run(req.query.sql));`,
        `app.get('/d', (req, res) => byEmail(req.query.email));`,
        `app.get('/e', (req, res) => raw(req.query.sql));`,
      ].join('\n'),
    });
    expect(flows.sort()).toEqual([
      'sql: req.query.email -> pool.query @server/queries/users.js:1',
      'sql: req.query.name -> pool.query @server/db/index.js:1',
      'sql: req.query.sql -> pool.query @server/raw.js:1',
      'sql: req.query.sql -> pool.query @server/util/sql.js:1',
    ]);
  });

  it("resolves SvelteKit's $lib alias, and takes a server load function's URL query as request input", async () => {
    const flows = await flowStrings({
      'package.json': JSON.stringify({ name: 'lms', dependencies: { '@sveltejs/kit': '2.5.0', pocketbase: '0.21.0' } }),
      'src/lib/actions/getCourses.ts': `export async function getCourses({ pb, title }: { pb: any; title: string }) {\n  return pb.collection('courses').getFullList({ filter: \`title ~ "\${title}"\`, sort: '-created' });\n}\n`,
      'src/routes/search/+page.server.ts': `import { getCourses } from '$lib/actions/getCourses.js';\nexport const load = async ({ locals: { pb }, url }) => {\n  const title = url.searchParams.get('title') || '';\n  return { courses: await getCourses({ pb, title }) };\n};\n`,
    });
    expect(flows).toEqual(['sql: url -> getFullList() filter of a PocketBase query @src/lib/actions/getCourses.ts:2']);
  });

  it('does not report a helper whose parameter reaches the sink only as a bound parameter', async () => {
    expect(
      await flowStrings({
        'package.json': PKG,
        'server/db.ts': `export function find(id: string) {\n  return pool.query('SELECT * FROM t WHERE id = $1', [id]);\n}\n`,
        'server/app.ts': `import express from 'express';\nimport { find } from './db';\nconst app = express();\napp.get('/t/:id', async (req, res) => res.json(await find(req.params.id)));\n`,
      }),
    ).toEqual([]);
  });

  it('finds flows through a file that is part of an import cycle', async () => {
    const flows = await flowStrings({
      'package.json': PKG,
      'server/a.ts': `import { helper } from './b';\nexport function a(x: string) {\n  return db.query('SELECT ' + x);\n}\nexport function other() {\n  return helper();\n}\n`,
      'server/b.ts': `import { a } from './a';\nimport express from 'express';\nexport function helper() {\n  return 1;\n}\nconst app = express();\napp.get('/', async (req, res) => res.json(await a(req.query.q as string)));\n`,
    });
    expect(flows).toEqual(['sql: req.query.q -> db.query @server/a.ts:3']);
  });

  it('terminates on mutual recursion across files', async () => {
    const flows = await flowStrings({
      'package.json': PKG,
      'server/a.ts': `import { b } from './b';\nexport function a(x: string): string {\n  return x.length > 3 ? b(x) : 'SELECT ' + x;\n}\n`,
      'server/b.ts': `import { a } from './a';\nexport function b(x: string): string {\n  return a(x.slice(1));\n}\n`,
    });
    expect(flows).toEqual([]);
  });

  it('records the import graph in the project model', async () => {
    const { scanVirtual } = await import('../../src/engine/scan.js');
    const { defaultConfig } = await import('../../src/config/types.js');
    let imports = new Map<string, string[]>();
    await scanVirtual(
      {
        'package.json': PKG,
        'server/a.ts': `import { b } from './b.js';\nimport express from 'express';\nexport const x = b;\n`,
        'server/b.ts': `export const b = 1;\n`,
      },
      { config: defaultConfig(), offline: true, onModel: (m) => (imports = m.imports) },
    );
    expect(imports.get('server/a.ts')).toEqual(['server/b.ts']);
  });

  it('follows a value into the methods of a class: an imported one made into an instance, one a module exports made, `this`, and a field', async () => {
    const flows = await flowsOf({
      'package.json': PKG,
      'server/db/user-service.ts': [
        `import { pool } from './pool';`,
        `export class UserService {`,
        `  async find(id: string) { return pool.query(\`SELECT * FROM users WHERE id = \${id}\`); }`,
        `  async byName(name: string) { return this.find(name); }`,
        `  async safe(id: string) { return pool.query('SELECT * FROM users WHERE id = $1', [id]); }`,
        `}`,
      ].join('\n'),
      'server/db/bank.js': [
        `const pool = require('./pool');`,
        `class Bank {`,
        `  balance(email) { return pool.query("SELECT balance FROM accounts WHERE email = '" + email + "'"); }`,
        `}`,
        `module.exports = Bank;`,
      ].join('\n'),
      'server/controllers/orders.ts': [
        `import { pool } from '../db/pool';`,
        `import type { Request, Response } from 'express';`,
        `class OrderRepo {`,
        `  remove(id: string) { return pool.query('DELETE FROM orders WHERE id = ' + id); }`,
        `}`,
        `export class OrderController {`,
        `  private repo = new OrderRepo();`,
        `  async remove(req: Request, res: Response) { res.json(await this.repo.remove(req.params.orderId)); }`,
        `}`,
      ].join('\n'),
      'server/routes.ts': [
        `import { Router } from 'express';`,
        `import { UserService } from './db/user-service';`,
        `import { OrderController } from './controllers/orders';`,
        `const Bank = require('./db/bank');`,
        `export const router = Router();`,
        `const users = new UserService();`,
        `const orders = new OrderController();`,
        `router.get('/users/:id', async (req, res) => res.json(await users.find(req.params.id)));`,
        `router.get('/by-name', async (req, res) => res.json(await users.byName(req.query.name as string)));`,
        `router.get('/safe/:id', async (req, res) => res.json(await users.safe(req.params.id)));`,
        `router.post('/balance', async (req, res) => { const bank = new Bank(); res.json(await bank.balance(req.body.email)); });`,
        `router.delete('/orders/:orderId', (req, res) => orders.remove(req, res));`,
      ].join('\n'),
    });
    expect(flows.map((f) => `${f.sink.file}:${f.sink.range.startLine} ${f.source.label}`).sort()).toEqual([
      'server/controllers/orders.ts:4 req.params.orderId',
      'server/db/bank.js:3 req.body.email',
      'server/db/user-service.ts:3 req.params.id',
    ]);
  });

  it('calls the method of the class the instance was made from, not one of the same name in another class', async () => {
    const flows = await flowsOf({
      'package.json': PKG,
      'server/db.ts': [
        `import { pool } from './pool';`,
        `export class Safe { find(id: string) { return pool.query('SELECT * FROM t WHERE id = $1', [id]); } }`,
        `export class Unsafe { find(id: string) { return pool.query('SELECT * FROM t WHERE id = ' + id); } }`,
      ].join('\n'),
      'server/routes.ts': [
        `import { Router } from 'express';`,
        `import { Safe } from './db';`,
        `export const router = Router();`,
        `router.get('/t/:id', async (req, res) => { const db = new Safe(); res.json(await db.find(req.params.id)); });`,
      ].join('\n'),
    });
    expect(flows.map((f) => `${f.sink.file}:${f.sink.range.startLine} ${f.source.label}`)).toEqual([]);
  });

  it('follows a NestJS controller into the service it is given, by the service method even when a string method has its name', async () => {
    const flows = await flowsOf({
      'package.json': JSON.stringify({ name: 'api', dependencies: { '@nestjs/core': '^10.4.0', '@nestjs/common': '^10.4.0', typeorm: '^0.3.20' } }),
      'src/users/users.service.ts': [
        `import { Injectable } from '@nestjs/common';`,
        `import { DataSource } from 'typeorm';`,
        `@Injectable()`,
        `export class UsersService {`,
        `  constructor(private readonly dataSource: DataSource) {}`,
        `  async search(term: string) { return this.dataSource.query(\`SELECT * FROM users WHERE name LIKE '%\${term}%'\`); }`,
        `  async byId(id: string) { return this.dataSource.query('SELECT * FROM users WHERE id = $1', [id]); }`,
        `}`,
      ].join('\n'),
      'src/users/users.controller.ts': [
        `import { Controller, Get, Param, Query } from '@nestjs/common';`,
        `import { UsersService } from './users.service';`,
        `@Controller('users')`,
        `export class UsersController {`,
        `  constructor(private readonly usersService: UsersService) {}`,
        `  @Get('search') search(@Query('q') q: string) { return this.usersService.search(q); }`,
        `  @Get(':id') one(@Param('id') id: string) { return this.usersService.byId(id); }`,
        `}`,
      ].join('\n'),
    });
    expect(flows.map((f) => `${f.sink.file}:${f.sink.range.startLine} ${f.source.label}`)).toEqual(['src/users/users.service.ts:6 @Query() q']);
  });

  it('follows a LoopBack controller through a barrel (`export *`, `export { … as … } from`) into its repository; a number or a filter is no SQL text', async () => {
    const flows = await flowsOf({
      'package.json': JSON.stringify({ name: 'api', dependencies: { '@loopback/rest': '^14.0.0', '@loopback/repository': '^7.0.0' } }),
      'src/repositories/product.repository.ts': [
        `import { DefaultCrudRepository } from '@loopback/repository';`,
        `export class ProductRepository extends DefaultCrudRepository<any, any, any> {`,
        `  async searchByName(query: string) { return this.dataSource.execute(\`SELECT * FROM product WHERE name LIKE '%\${query}%'\`); }`,
        `  async byGuid(guid: number) { return this.dataSource.execute(\`SELECT * FROM product WHERE guid = \${guid}\`); }`,
        `  async raw(where: object) { return this.dataSource.execute('SELECT * FROM product WHERE ' + where); }`,
        `}`,
      ].join('\n'),
      'src/repositories/order.repository.ts': [
        `export class OrderRepository {`,
        `  constructor(private dataSource: any) {}`,
        `  async byStatus(status: string) { return this.dataSource.execute(\`SELECT * FROM orders WHERE status = '\${status}'\`); }`,
        `}`,
      ].join('\n'),
      'src/repositories/index.ts': `export * from './product.repository';\nexport { OrderRepository as Orders } from './order.repository';\n`,
      'src/controllers/product.controller.ts': [
        `import { get, param, requestBody } from '@loopback/rest';`,
        `import { repository } from '@loopback/repository';`,
        `import { ProductRepository, Orders } from '../repositories';`,
        `export class ProductController {`,
        `  constructor(@repository(ProductRepository) public productRepository: ProductRepository, @repository(Orders) public orders: Orders) {}`,
        `  @get('/products/search') search(@param.query.string('query') query: string) { return this.productRepository.searchByName(query); }`,
        `  @get('/products/{guid}') one(@param.path.number('guid') guid: number) { return this.productRepository.byGuid(guid); }`,
        `  @get('/products') list(@param.filter(Object) filter: object) { return this.productRepository.raw(filter); }`,
        `  @get('/orders') byStatus(@param.query.string('status') status: string) { return this.orders.byStatus(status); }`,
        `}`,
      ].join('\n'),
    });
    expect(flows.map((f) => `${f.sink.file}:${f.sink.range.startLine} ${f.source.label}`).sort()).toEqual([
      'src/repositories/order.repository.ts:3 @param.query.string() status',
      'src/repositories/product.repository.ts:3 @param.query.string() query',
    ]);
  });

  it('follows a method an instance inherits from a base class of its module, up the chain', async () => {
    const flows = await flowsOf({
      'package.json': PKG,
      'server/db/users.ts': [
        `import { pool } from './pool';`,
        `class BaseRepo {`,
        `  findBy(column: string, value: string) { return pool.query('SELECT * FROM t WHERE ' + column + ' = $1', [value]); }`,
        `  safe(value: string) { return pool.query('SELECT * FROM t WHERE id = $1', [value]); }`,
        `}`,
        `class Named extends BaseRepo {`,
        `  byName(name: string) { return pool.query(\`SELECT * FROM users WHERE name = '\${name}'\`); }`,
        `}`,
        `export class UserRepo extends Named {}`,
      ].join('\n'),
      'server/routes.ts': [
        `import { Router } from 'express';`,
        `import { UserRepo } from './db/users';`,
        `export const router = Router();`,
        `const users = new UserRepo();`,
        `router.get('/by-name', async (req, res) => res.json(await users.byName(req.query.name as string)));`,
        `router.get('/by', async (req, res) => res.json(await users.findBy(req.query.column as string, 'x')));`,
        `router.get('/safe', async (req, res) => res.json(await users.safe(req.query.id as string)));`,
      ].join('\n'),
    });
    expect(flows.map((f) => `${f.sink.file}:${f.sink.range.startLine} ${f.source.label}`).sort()).toEqual(['server/db/users.ts:3 req.query.column', 'server/db/users.ts:7 req.query.name']);
  });

  it('follows a service a class makes in its constructor (`this.repo = new UserRepo()`)', async () => {
    const flows = await flowsOf({
      'package.json': PKG,
      'server/repo.js': `const pool = require('./pool');\nclass UserRepo {\n  find(id) { return pool.query('SELECT * FROM users WHERE id = ' + id); }\n  safe(id) { return pool.query('SELECT * FROM users WHERE id = $1', [id]); }\n}\nmodule.exports = UserRepo;\n`,
      'server/controller.js': `const UserRepo = require('./repo');\nclass UserController {\n  constructor() { this.repo = new UserRepo(); }\n  async get(req, res) { res.json(await this.repo.find(req.params.id)); }\n  async one(req, res) { res.json(await this.repo.safe(req.params.id)); }\n}\nmodule.exports = new UserController();\n`,
      'server/app.js': `const express = require('express');\nconst users = require('./controller');\nconst app = express();\napp.get('/users/:id', (req, res) => users.get(req, res));\napp.get('/one/:id', (req, res) => users.one(req, res));\n`,
    });
    expect(flows.map((f) => `${f.sink.file}:${f.sink.range.startLine} ${f.source.label}`)).toEqual(['server/repo.js:3 req.params.id']);
  });
});

