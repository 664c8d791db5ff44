import { describe, expect, it } from 'vitest';
import { isEnvTemplate, languageOf } from '../../src/classify/language.js';
import { defaultConfig } from '../../src/config/types.js';
import { scanVirtual } from '../../src/engine/scan.js';

async function roles(files: Record<string, string>): Promise<Record<string, string>> {
  const result = await scanVirtual(files, { config: defaultConfig(), offline: true });
  return Object.fromEntries(result.files.map((f) => [f.path, f.role]));
}

const pkg = (deps: Record<string, string>, extra: Record<string, unknown> = {}) => JSON.stringify({ name: 'app', dependencies: deps, ...extra });

describe('languages', () => {
  it.each([
    ['src/a.ts', 'ts'], ['src/a.mts', 'ts'], ['src/A.tsx', 'tsx'], ['a.js', 'js'], ['a.jsx', 'jsx'], ['a.mjs', 'mjs'], ['a.cjs', 'cjs'],
    ['package.json', 'json'], ['tsconfig.json', 'json'], ['ci.yml', 'yaml'], ['x.yaml', 'yaml'], ['db/001.sql', 'sql'],
    ['.env', 'env'], ['.env.local', 'env'], ['apps/web/.env.production', 'env'], ['.env.example', 'env'], ['Dockerfile', 'dockerfile'],
    ['docker/api.Dockerfile', 'dockerfile'], ['README.md', 'other'], ['Makefile', 'other'],
  ])('%s is %s', (path, language) => {
    expect(languageOf(path)).toBe(language);
  });

  it('knows env templates from real env files', () => {
    expect(['.env.example', '.env.sample', 'web/.env.template', '.env-example'].every(isEnvTemplate)).toBe(true);
    expect(['.env', '.env.local', '.env.production', '.environment.ts'].some(isEnvTemplate)).toBe(false);
  });
});

describe('roles', () => {
  it('knows Node scripts beside a front end: run by a package script, or in scripts/ with Node-only imports', async () => {
    expect(
      await roles({
        'package.json': pkg({ expo: '~54.0.0', react: '19.1.0' }, { scripts: { seed: 'tsx scripts/seed-firestore.ts', gen: 'node ./tools/gen-icons.js --out assets' } }),
        'scripts/seed-firestore.ts': "import { initializeApp } from 'firebase-admin/app';\ninitializeApp();\n",
        'scripts/send-push.ts': "import { readFileSync } from 'node:fs';\nexport const key = readFileSync('key.json', 'utf8');\n",
        'tools/gen-icons.js': 'console.log(1);\n',
        'scripts/theme.ts': 'export const colors = { primary: "#000" };\n',
        'app/index.tsx': 'export default function Home() { return null; }\n',
      }),
    ).toEqual({
      'package.json': 'config',
      'scripts/seed-firestore.ts': 'server',
      'scripts/send-push.ts': 'server',
      'tools/gen-icons.js': 'server',
      'scripts/theme.ts': 'client',
      'app/index.tsx': 'client',
    });
  });

  it('classifies a Lovable-style Vite + Supabase app', async () => {
    expect(
      await roles({
        'package.json': pkg({ react: '18.2.0', '@supabase/supabase-js': '2.39.0' }, { devDependencies: { vite: '5.0.0' } }),
        'src/lib/supabase.ts': 'export const x = 1;',
        'src/api/projects.ts': 'export const list = () => fetch("/rest/v1/projects");',
        'src/App.tsx': 'export default function App() { return null; }',
        'supabase/functions/send-email/index.ts': 'Deno.serve(() => new Response());',
        'vite.config.ts': 'export default {};',
        'src/App.test.tsx': 'test("x", () => {});',
        'dist/assets/index-abc123.js': 'console.log(1)',
        'supabase/migrations/001_init.sql': 'create table t (id int);',
      }),
    ).toEqual({
      'dist/assets/index-abc123.js': 'build-output',
      'package.json': 'config',
      'src/App.test.tsx': 'test',
      'src/App.tsx': 'client',
      'src/api/projects.ts': 'client',
      'src/lib/supabase.ts': 'client',
      'supabase/functions/send-email/index.ts': 'server',
      'supabase/migrations/001_init.sql': 'server',
      'vite.config.ts': 'config',
    });
  });

  it('takes a `test` or `e2e` folder inside the routes for part of a URL, and outside them for tests', async () => {
    expect(
      await roles({
        'package.json': pkg({ next: '15.1.0' }),
        'app/api/test/credit-update/route.ts': 'export async function POST() { return Response.json({}); }',
        'pages/api/e2e/seed.ts': 'export default function handler(req, res) { res.json({}); }',
        'app/api/users/route.test.ts': 'test("x", () => {});',
        'app/__tests__/route.ts': 'test("x", () => {});',
        'tests/app/api/users/route.ts': 'export async function GET() { return Response.json({}); }',
      }),
    ).toEqual({
      'app/__tests__/route.ts': 'test',
      'app/api/test/credit-update/route.ts': 'server',
      'app/api/users/route.test.ts': 'test',
      'package.json': 'config',
      'pages/api/e2e/seed.ts': 'server',
      'tests/app/api/users/route.ts': 'test',
    });
  });

  it('classifies `.server` modules and TanStack Start server functions in a Vite app as server code', async () => {
    expect(
      await roles({
        'package.json': pkg({ react: '19.0.0', '@tanstack/react-start': '1.120.0' }, { devDependencies: { vite: '6.0.0' } }),
        'src/lib/ai-gateway.server.ts': 'export const key = process.env.ANTHROPIC_API_KEY;',
        'src/lib/admin-users.functions.ts': `import { createServerFn } from '@tanstack/react-start';\nexport const createUser = createServerFn({ method: 'POST' }).handler(async () => process.env.SUPABASE_SERVICE_ROLE_KEY);`,
        'src/lib/server-names.ts': `// mentions createServerFn( in a comment only\nexport const x = 1;`,
        'src/routes/index.tsx': 'export default function Home() { return null; }',
      }),
    ).toEqual({
      'package.json': 'config',
      'src/lib/admin-users.functions.ts': 'server',
      'src/lib/ai-gateway.server.ts': 'server',
      'src/lib/server-names.ts': 'client',
      'src/routes/index.tsx': 'client',
    });
  });

  it('classifies a Next.js app by directive and folder', async () => {
    expect(
      await roles({
        'package.json': pkg({ next: '14.1.0', react: '18.2.0' }),
        'app/page.tsx': 'export default function Page() { return null; }',
        'app/dashboard/Chart.tsx': "'use client';\nexport function Chart() { return null; }",
        'app/api/users/route.ts': 'export async function GET() {}',
        'app/actions.ts': "'use server';\nexport async function save() {}",
        'pages/index.tsx': 'export default function Home() { return null; }',
        'pages/api/hello.ts': 'export default function handler() {}',
        'middleware.ts': 'export function middleware() {}',
        'components/Button.tsx': '// a comment first\n"use client"\nexport const B = 1;',
        'lib/db.ts': 'export const db = 1;',
      }),
    ).toEqual({
      'app/actions.ts': 'server',
      'app/api/users/route.ts': 'server',
      'app/dashboard/Chart.tsx': 'client',
      'app/page.tsx': 'server',
      'components/Button.tsx': 'client',
      'lib/db.ts': 'shared',
      'middleware.ts': 'server',
      'package.json': 'config',
      'pages/api/hello.ts': 'server',
      'pages/index.tsx': 'client',
    });
  });

  it('classifies each package of a monorepo on its own dependencies', async () => {
    expect(
      await roles({
        'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['apps/*'] }),
        'apps/web/package.json': pkg({ react: '18.2.0', 'react-scripts': '5.0.1' }),
        'apps/web/src/api.js': 'export const a = 1;',
        'apps/api/package.json': pkg({ express: '4.18.2' }),
        'apps/api/src/index.js': 'const express = require("express");',
        'apps/api/src/components/x.js': 'module.exports = 1;',
        'apps/mobile/package.json': pkg({ expo: '50.0.0', 'react-native': '0.73.0' }),
        'apps/mobile/App.tsx': 'export default function App() { return null; }',
      }),
    ).toMatchObject({
      'apps/web/src/api.js': 'client',
      'apps/api/src/index.js': 'server',
      'apps/api/src/components/x.js': 'server',
      'apps/mobile/App.tsx': 'client',
    });
  });

  it('classifies a Bolt-style single package with a server folder and a React client', async () => {
    expect(
      await roles({
        'package.json': pkg({ express: '4.18.2', mongoose: '8.0.0', react: '18.2.0' }, { devDependencies: { vite: '5.0.0' } }),
        'server/index.js': 'const express = require("express");',
        'server/routes/users.js': 'module.exports = 1;',
        'src/pages/Login.jsx': 'export default function Login() { return null; }',
        'server.js': 'require("./server");',
      }),
    ).toEqual({
      'package.json': 'config',
      'server.js': 'server',
      'server/index.js': 'server',
      'server/routes/users.js': 'server',
      'src/pages/Login.jsx': 'client',
    });
  });

  it('classifies Parse Cloud Code, Firebase functions, Netlify and Vercel functions', async () => {
    expect(
      await roles({
        'package.json': pkg({ 'parse-server': '6.4.0', express: '4.18.2' }),
        'cloud/main.js': 'Parse.Cloud.define("x", () => 1);',
        'index.js': 'const { ParseServer } = require("parse-server");',
        'web/package.json': pkg({ parse: '4.2.0', react: '18.2.0', vite: '5.0.0' }),
        'web/src/parse.js': 'Parse.initialize("a", "b");',
        'functions/package.json': pkg({ 'firebase-functions': '4.5.0', 'firebase-admin': '12.0.0' }),
        'functions/src/index.ts': 'export const f = 1;',
        'netlify/functions/hello.ts': 'export const handler = async () => ({});',
        'site/netlify/functions/package.json': pkg({ stripe: '17.3.1' }),
        'site/netlify/functions/pay.ts': 'export const handler = async () => ({});',
        'site/netlify/edge-functions/geo.ts': 'export default async () => new Response("");',
        'api/hello.ts': 'export default function handler() {}',
      }),
    ).toMatchObject({
      'site/netlify/functions/pay.ts': 'server',
      'site/netlify/edge-functions/geo.ts': 'server',
      'cloud/main.js': 'server',
      'index.js': 'server',
      'web/src/parse.js': 'client',
      'functions/src/index.ts': 'server',
      'netlify/functions/hello.ts': 'server',
      'api/hello.ts': 'server',
    });
  });

  it('classifies SvelteKit server modules, universal loads and library code', async () => {
    expect(
      await roles({
        'package.json': pkg({ '@sveltejs/kit': '2.5.0', svelte: '4.2.0' }),
        'src/routes/api/items/+server.ts': 'export async function GET() {}',
        'src/routes/items/+page.server.ts': 'export async function load() {}',
        'src/routes/items/+page.ts': 'export async function load() {}',
        'src/lib/server/db.ts': 'export const db = 1;',
        'src/lib/format.ts': 'export const f = 1;',
      }),
    ).toMatchObject({
      'src/routes/api/items/+server.ts': 'server',
      'src/routes/items/+page.server.ts': 'server',
      'src/routes/items/+page.ts': 'client',
      'src/lib/server/db.ts': 'server',
      'src/lib/format.ts': 'shared',
    });
  });

  it('treats unminified bundles by their bundler\u2019s runtime as build output', async () => {
    const handler = (i: number) => `const prisma = require('./db');\nmodule.exports = async function handler${i}(req, res) {\n  res.json(await prisma.user.create({ data: req.body }));\n};\n`;
    const modules = Array.from({ length: 40 }, (_, i) => `${i + 1}:[function(require,module,exports){\n${handler(i)}},{}]`).join(',\n');
    const browserify = `require=(function(){function r(e,n,t){function o(i,f){if(!n[i]){if(!e[i]){var c="function"==typeof require&&require;if(!f&&c)return c(i,!0)}}}return o}return r})()({${modules}},{},[1]);\n`;
    const webpack = `/******/ (() => { // webpackBootstrap\n/******/ \tvar __webpack_modules__ = ({\n"./src/a.js": ((module) => {\nmodule.exports = 1;\n})\n});\n`;
    const chunk = `"use strict";\n(self["webpackChunkadmin"] = self["webpackChunkadmin"] || []).push([[179], {\n"./src/b.js": ((module) => { module.exports = 2; })\n}]);\n`;
    const files = { 'package.json': pkg({ express: '^4.19.0' }), 'admin/bundles/js/app.js': browserify, 'assets/js/main.js': webpack, 'admin/static/179.js': chunk, 'server/handler.js': handler(0) };
    const result = await scanVirtual(files, { config: defaultConfig(), offline: true });
    for (const path of ['admin/bundles/js/app.js', 'assets/js/main.js', 'admin/static/179.js']) {
      expect(result.files.find((f) => f.path === path), path).toMatchObject({ role: 'build-output', roleReason: 'minified or bundled code' });
    }
    // Scanned as text only: the server rules read the handler in the server's own file, not in the browser bundle.
    expect(result.findings.filter((f) => f.ruleId === 'mass-assignment').map((f) => f.file)).toEqual(['server/handler.js']);
  });

  it('keeps source that only mentions a bundler, or checks for require, as source', async () => {
    const umd = `(function (root, factory) {\n  if (typeof require === "function" && typeof module === "object") module.exports = factory(require('express'));\n  else root.lib = factory();\n})(this, function (express) {\n  return express.Router();\n});\n`;
    const late = `import express from 'express';\nexport const app = express();\n${'// padding\n'.repeat(400)}// window.webpackJsonp and parcelRequire are what bundles define\n`;
    const files = { 'package.json': pkg({ express: '^4.19.0' }), 'server/umd.js': umd, 'server/app.ts': late, 'server/notes.ts': 'export const note = "webpack 5 names its chunks webpackChunk<name>";\nexport const chunks = () => (globalThis as any).webpackJsonp;\n' };
    expect(await roles(files)).toMatchObject({ 'server/umd.js': 'server', 'server/app.ts': 'server', 'server/notes.ts': 'server' });
  });

  it('treats chunks of a Rollup, Vite, esbuild or webpack build outside build folders as build output', async () => {
    // Handler-shaped code, so that reading the chunks as server code would give findings.
    const body = `const handle = async (req, res) => {\n  res.json(await db.user.create({ data: req.body }));\n};\n`;
    const files = {
      'package.json': pkg({ express: '^4.19.0' }),
      // Vite library build, not minified, with source maps: the map is named by content hash.
      'core/built/assets/modals-191eb359.mjs': `import { c as e, j as s } from "./index-3d57e7aa.mjs";\n${body}export { handle as default };\n//# sourceMappingURL=modals-191eb359.mjs.map\n`,
      // Without source maps: it imports the chunk it was split from (Vite 5's base-64 hash).
      'server/public/assets/settings-B-dr4KFq.js': `import { u as ce, e as _ } from "./index-D2xP4lBn.js";\n${body}export { handle as h };\n`,
      // esbuild's code splitting imports its shared chunks by base-32 hash.
      'app/out/bin.js': `import { run } from "./chunk-5LJQ7T2A.js";\n${body}run(handle);\n`,
      // webpack, its runtime at the end rather than the top.
      'admin/assets/chunk.524.c8d208efb3cca58fb564.js': `${body}(globalThis.webpackChunkapp = globalThis.webpackChunkapp || []).push([[524], {}]);\n//# sourceMappingURL=chunk.524.c8d208efb3cca58fb564.map`,
      'server/handler.js': `${body}module.exports = handle;\n//# sourceMappingURL=handler.js.map\n`,
    };
    const result = await scanVirtual(files, { config: defaultConfig(), offline: true });
    for (const path of Object.keys(files).filter((p) => p.includes('/') && p !== 'server/handler.js')) {
      expect(result.files.find((f) => f.path === path), path).toMatchObject({ role: 'build-output', roleReason: 'minified or bundled code' });
    }
    expect(result.findings.filter((f) => f.ruleId === 'mass-assignment').map((f) => f.file)).toEqual(['server/handler.js']);
  });

  it('keeps compiled files with their own source maps, and modules named with versions, dates or words, as source', async () => {
    const files = {
      'package.json': pkg({ express: '^4.19.0' }),
      // tsc and Babel emit one file per source and name its map after it (Firebase functions' lib/, committed).
      'functions/lib/index.js': `"use strict";\nconst express = require("express");\nexports.app = express();\n//# sourceMappingURL=index.js.map\n`,
      'server/routes.mjs': `import { sign } from "./auth-v1-utils.js";\nimport up from "../db/users-20240101.js";\nimport card from "./Profile-UserCard.js";\nimport c from "./index-BfQxKaaB.js";\nexport const routes = [sign, up, card, c];\n`,
      'server/legacy.js': `module.exports = require("./deadbeef.js");\n//# sourceMappingURL=legacy-Settings.js.map\n`,
    };
    expect(await roles(files)).toMatchObject({ 'functions/lib/index.js': 'server', 'server/routes.mjs': 'server', 'server/legacy.js': 'server' });
  });

  it('treats minified bundles outside build folders as build output', async () => {
    const bundle = `!function(){${'var a=1;'.repeat(1200)}}();`;
    expect(await roles({ 'static-site/vendor.min.js': bundle })).toEqual({ 'static-site/vendor.min.js': 'build-output' });
  });
});
