import { describe, expect, it } from 'vitest';
import { findingsOf } from '../helpers/rule-tester.js';

const MCP = JSON.stringify({ name: 'mcp-server', dependencies: { '@modelcontextprotocol/sdk': '1.17.0', sqlite3: '5.1.7', zod: '3.23.8', playwright: '1.48.0' } });

describe('MCP servers: tool arguments are untrusted input', () => {
  it("server.tool and registerTool handlers: a URL the model chose opened by a headless browser, a file name joined to the server's folder", async () => {
    const files = {
      'package.json': MCP,
      'src/index.ts': [
        `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';`,
        `import { z } from 'zod';`,
        `import { chromium } from 'playwright';`,
        `import { readFile } from 'node:fs/promises';`,
        `import path from 'node:path';`,
        `const server = new McpServer({ name: 'fetch', version: '1.0.0' });`,
        `server.tool('fetch_url', { url: z.string().url() }, async ({ url }) => {`,
        `  const page = await (await chromium.launch()).newPage();`,
        `  await page.goto(url);`,
        `  return { content: [{ type: 'text', text: await page.content() }] };`,
        `});`,
        `server.registerTool('read_note', { inputSchema: { name: z.string() } }, async ({ name }) => ({ content: [{ type: 'text', text: await readFile(path.join('/srv/notes', name), 'utf8') }] }));`,
        // The host is fixed: only the path of the search changes.
        `server.tool('search', { q: z.string() }, async ({ q }) => ({ content: [{ type: 'text', text: await (await fetch(\`https://api.search.example.com/v1?q=\${encodeURIComponent(q)}\`)).text() }] }));`,
      ].join('\n'),
    };
    const ssrf = await findingsOf('ssrf', { files });
    expect(ssrf.map((f) => `${f.range.startLine} ${f.messageId}`)).toEqual(['9 tool']);
    expect(ssrf[0].message).toMatch(/a tool argument an AI model chose/);
    expect((await findingsOf('path-traversal', { files })).map((f) => `${f.range.startLine} ${f.messageId}`)).toEqual(['12 tool']);
  });

  it('setRequestHandler(CallToolRequestSchema): table and column names from the arguments pasted into SQLite through class methods; values bound are not', async () => {
    const files = {
      'package.json': MCP,
      'src/server.ts': [
        `import { Server } from '@modelcontextprotocol/sdk/server/index.js';`,
        `import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';`,
        `import sqlite3 from 'sqlite3';`,
        `export class SqliteServer {`,
        `  private server = new Server({ name: 'sqlite', version: '1.0.0' }, { capabilities: { tools: {} } });`,
        `  private db = new sqlite3.Database(process.env.DB_PATH!);`,
        `  constructor() {`,
        `    this.server.setRequestHandler(CallToolRequestSchema, async (request) => {`,
        `      const { name, arguments: args } = request.params;`,
        `      if (name === 'describe_table') return this.describeTable(args.table_name);`,
        `      if (name === 'find_user') return this.findUser(args.email);`,
        `    });`,
        `  }`,
        `  private describeTable(tableName: string) {`,
        `    return new Promise((resolve) => this.db.all(\`PRAGMA table_info(\${tableName})\`, [], (err, rows) => resolve(rows)));`,
        `  }`,
        `  private findUser(email: string) {`,
        `    return new Promise((resolve) => this.db.get('SELECT id, name FROM users WHERE email = ?', [email], (err, row) => resolve(row)));`,
        `  }`,
        `}`,
      ].join('\n'),
    };
    const found = await findingsOf('sql-injection', { files });
    expect(found.map((f) => `${f.range.startLine} ${f.messageId}`)).toEqual(['15 tool']);
  });

  it('a tool that runs a command: a shell string built from an argument, not an argument array without a shell', async () => {
    const files = {
      'package.json': MCP,
      'src/index.ts': [
        `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';`,
        `import { z } from 'zod';`,
        `import { exec, execFile } from 'node:child_process';`,
        `const server = new McpServer({ name: 'py', version: '1.0.0' });`,
        `server.tool('install', { packages: z.string() }, async ({ packages }) => {`,
        `  exec('pip install ' + packages);`,
        `  return { content: [] };`,
        `});`,
        `server.tool('history', { file: z.string() }, async ({ file }) => {`,
        `  execFile('git', ['log', '--', file]);`,
        `  return { content: [] };`,
        `});`,
      ].join('\n'),
    };
    expect((await findingsOf('command-injection', { files })).map((f) => `${f.range.startLine} ${f.messageId}`)).toEqual(['6 tool']);
  });

  it('a plain value passed to a helper that builds the SQL (sqlite3 db.all in a function of its own) is SQL injection too', async () => {
    const found = await findingsOf('sql-injection', {
      files: {
        'package.json': JSON.stringify({ name: 'api', dependencies: { express: '4.21.1', sqlite3: '5.1.7' } }),
        'server.js': [
          `const express = require('express');`,
          `const sqlite3 = require('sqlite3');`,
          `const db = new sqlite3.Database('app.db');`,
          `function byName(name) {`,
          `  return new Promise((resolve) => db.all(\`SELECT * FROM products WHERE name = '\${name}'\`, [], (e, rows) => resolve(rows)));`,
          `}`,
          `function byId(id) {`,
          `  return new Promise((resolve) => db.get('SELECT * FROM products WHERE id = ?', [id], (e, row) => resolve(row)));`,
          `}`,
          `const app = express();`,
          `app.get('/products', async (req, res) => res.json(await byName(req.query.name)));`,
          `app.get('/products/:id', async (req, res) => res.json(await byId(req.params.id)));`,
        ].join('\n'),
      },
    });
    expect(found.map((f) => `${f.range.startLine} ${f.messageId}`)).toEqual(['5 request']);
  });

  it("fastmcp's addTool({ execute }) and mcp-framework's MCPTool.execute get the model's arguments; a URL on a fixed host and a value bound as a parameter are safe", async () => {
    const files = {
      'package.json': JSON.stringify({ name: 'mcp', dependencies: { fastmcp: '3.13.0', 'mcp-framework': '0.2.2', postgres: '3.4.4', zod: '3.23.8' } }),
      'src/server.ts': [
        `import { FastMCP } from 'fastmcp';`,
        `import postgres from 'postgres';`,
        `import { z } from 'zod';`,
        `const sql = postgres(process.env.DATABASE_URL!);`,
        `const server = new FastMCP({ name: 'pg', version: '1.0.0' });`,
        `server.addTool({ name: 'count_rows', parameters: z.object({ table: z.string() }), execute: async ({ table }) => JSON.stringify(await sql.unsafe('SELECT count(*) FROM ' + table)) });`,
        `server.addTool({ name: 'find_user', parameters: z.object({ email: z.string() }), execute: async (args) => JSON.stringify(await sql.unsafe('SELECT id FROM users WHERE email = $1', [args.email])) });`,
      ].join('\n'),
      'src/tools/EvaluateTool.ts': [
        `import { MCPTool } from 'mcp-framework';`,
        `import { z } from 'zod';`,
        `export default class EvaluateTool extends MCPTool<{ code: string; user: string }> {`,
        `  name = 'evaluate';`,
        `  schema = { code: { type: z.string(), description: 'JavaScript' }, user: { type: z.string(), description: 'GitHub user' } };`,
        `  async execute(input: { code: string; user: string }) {`,
        `    const repos = await fetch(\`https://api.github.com/users/\${encodeURIComponent(input.user)}/repos\`);`,
        `    return String(new Function(\`return \${input.code}\`)()) + (await repos.text());`,
        `  }`,
        `}`,
      ].join('\n'),
    };
    expect((await findingsOf('sql-injection', { files })).map((f) => `${f.file}:${f.range.startLine} ${f.messageId}`)).toEqual(['src/server.ts:6 tool']);
    expect((await findingsOf('code-injection', { files })).map((f) => `${f.file}:${f.range.startLine} ${f.messageId}`)).toEqual(['src/tools/EvaluateTool.ts:8 tool']);
    expect(await findingsOf('ssrf', { files })).toEqual([]);
  });

  it("an app's own model's tools: the AI SDK's tool({ execute }), Mastra's createTool, LangChain's tools; a string-only LangChain tool carries no Mongo operators", async () => {
    const files = {
      'package.json': JSON.stringify({ name: 'agent', dependencies: { ai: '4.3.0', '@mastra/core': '0.17.0', '@langchain/core': '0.3.0', '@prisma/client': '6.0.0', mongoose: '8.8.0' } }),
      'lib/ai/tools.ts': [
        `import { tool } from 'ai';`,
        `import { z } from 'zod';`,
        `import { prisma } from '@/lib/db';`,
        `export const queryDatabase = tool({`,
        `  parameters: z.object({ sql_query: z.string() }),`,
        `  execute: async ({ sql_query }) => {`,
        `    if (!sql_query.trim().toLowerCase().startsWith('select')) return { error: 'SELECT only' };`,
        `    return { rows: await prisma.$queryRawUnsafe(sql_query) };`,
        `  },`,
        `});`,
        `export const countInvoices = tool({ parameters: z.object({ siteId: z.string() }), execute: async ({ siteId }) => prisma.$queryRaw\`SELECT count(*) FROM invoices WHERE site_id = \${siteId}\` });`,
      ].join('\n'),
      'src/mastra/tools.ts': [
        `import { createTool } from '@mastra/core/tools';`,
        `import { z } from 'zod';`,
        `export const fetchPage = createTool({ id: 'fetch-page', inputSchema: z.object({ url: z.string() }), execute: async ({ context }) => (await fetch(context.url)).text() });`,
        `export const weather = createTool({ id: 'weather', inputSchema: z.object({ city: z.string() }), execute: async ({ context }) => (await fetch(\`https://api.weather.example.com/v1?q=\${encodeURIComponent(context.city)}\`)).json() });`,
      ].join('\n'),
      'server/tools/profile.js': [
        `import { DynamicTool } from '@langchain/core/tools';`,
        `import Profile from '../models/Profile.js';`,
        `export const getProfile = new DynamicTool({ name: 'get_profile', description: 'A profile', func: async (userId) => JSON.stringify(await Profile.findOne({ user: userId })) });`,
      ].join('\n'),
    };
    const sql = await findingsOf('sql-injection', { files });
    expect(sql.map((f) => `${f.file}:${f.range.startLine} ${f.messageId}`)).toEqual(['lib/ai/tools.ts:8 tool']);
    expect(sql[0].message).toMatch(/a tool argument an AI model chose/);
    expect((await findingsOf('ssrf', { files })).map((f) => `${f.file}:${f.range.startLine} ${f.messageId}`)).toEqual(['src/mastra/tools.ts:3 tool']);
    expect(await findingsOf('nosql-injection', { files })).toEqual([]);
  });
});
