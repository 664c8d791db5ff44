import { ruleTester } from '../../helpers/rule-tester.js';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'api', dependencies: deps });
const EXPRESS = pkg({ express: '^4.19.2' });
const OLD_LODASH = pkg({ express: '^4.19.2', lodash: '4.17.4', jquery: '3.3.1' });

/** An npm lockfile that installs `lodash` at `version`. */
const lockWithLodash = (version: string) =>
  JSON.stringify({
    name: 'api',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'api', dependencies: { express: '^4.19.2', lodash: '^4.17.4' } },
      'node_modules/lodash': { version, resolved: `https://registry.npmjs.org/lodash/-/lodash-${version}.tgz` },
    },
  });

/** An Express router file with one POST route whose body is `lines` (the first line of the body is line 5 + imports). */
const route = (imports: string[], lines: string[], after: string[] = []) =>
  [`import { Router } from 'express';`, ...imports, `export const r = Router();`, `r.post('/settings', (req, res) => {`, ...lines.map((l) => `  ${l}`), `  res.end();`, `});`, ...after, ``].join('\n');

/** A hand-written recursive merge, with an optional check at the top of its loop. */
const deepMerge = (check = '') =>
  [
    `function deepMerge(target: any, source: any) {`,
    `  for (const key of Object.keys(source)) {`,
    ...(check ? [`    ${check}`] : []),
    `    if (source[key] && typeof source[key] === 'object') {`,
    `      target[key] = deepMerge(target[key] || {}, source[key]);`,
    `    } else {`,
    `      target[key] = source[key];`,
    `    }`,
    `  }`,
    `  return target;`,
    `}`,
  ];

ruleTester('prototype-pollution', {
  valid: [
    {
      name: 'shallow copies, constant merges, a schema, Map#set and text',
      files: {
        'package.json': pkg({ express: '^4.19.2', lodash: '4.17.4', zod: '^3.23.8' }),
        'server/routes/settings.ts': route(
          [`import _ from 'lodash';`, `import { z } from 'zod';`, `const Settings = z.object({ theme: z.enum(['light', 'dark']) });`, `const DEFAULTS = { theme: 'light' };`],
          [
            `const a = Object.assign({}, DEFAULTS, req.body);`,
            `const b = { ...DEFAULTS, ...req.body };`,
            `const c = _.merge({}, DEFAULTS, { theme: 'dark' });`,
            `const d = _.merge({}, DEFAULTS, Settings.parse(req.body));`,
            `const cache = new Map();`,
            `cache.set(req.body.key, req.body.value);`,
            `const e = _.merge({}, DEFAULTS, String(req.body.note));`,
          ],
        ),
      },
    },
    {
      name: 'lodash 4.17.21 and jQuery 3.7 refuse prototype keys themselves',
      files: {
        'package.json': pkg({ express: '^4.19.2', lodash: '^4.17.21', jquery: '^3.7.1' }),
        'server/routes/settings.ts': route(
          [`import _ from 'lodash';`, `import { merge, defaultsDeep, set } from 'lodash';`, `import $ from 'jquery';`, `const current = {};`],
          [`_.merge(current, req.body);`, `merge(current, req.body.prefs);`, `defaultsDeep(current, req.body);`, `set(current, req.body.path, req.body.value);`, `$.extend(true, current, req.body);`],
        ),
      },
    },
    {
      name: 'the lockfile installs a fixed lodash although the range allows an old one',
      files: {
        'package.json': pkg({ express: '^4.19.2', lodash: '^4.17.4' }),
        'package-lock.json': lockWithLodash('4.17.21'),
        'server/routes/settings.ts': route([`import _ from 'lodash';`, `const current = {};`], [`_.merge(current, req.body);`]),
      },
    },
    {
      name: 'deepmerge builds a new object and never writes through __proto__',
      files: {
        'package.json': pkg({ express: '^4.19.2', deepmerge: '^4.3.1' }),
        'server/routes/settings.ts': route([`import deepmerge from 'deepmerge';`, `const DEFAULTS = { theme: 'light' };`], [`res.json(deepmerge(DEFAULTS, req.body));`]),
      },
    },
    {
      name: 'keys compared with the prototype names before a nested write',
      files: {
        'package.json': EXPRESS,
        'server/routes/settings.ts': route(
          [`const store: any = { ui: {}, mail: {} };`],
          [
            `const { section, field, value } = req.body;`,
            `if (section === '__proto__' || section === 'constructor' || section === 'prototype') return res.status(400).end();`,
            `store[section][field] = value;`,
            `if (['__proto__', 'constructor', 'prototype'].includes(req.body.group)) return res.status(400).end();`,
            `store[req.body.group][req.body.name] = req.body.flag;`,
          ],
        ),
      },
    },
    {
      name: 'a deny-list set, and Object.hasOwn on the server object',
      files: {
        'package.json': EXPRESS,
        'server/routes/settings.ts': route(
          [`const store: any = { ui: {}, mail: {} };`, `const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);`],
          [
            `const { section, field, value } = req.body;`,
            `if (FORBIDDEN_KEYS.has(section)) return res.status(400).end();`,
            `store[section][field] = value;`,
            `if (!Object.hasOwn(store, req.body.group)) return res.status(404).end();`,
            `store[req.body.group][req.body.name] = req.body.flag;`,
          ],
        ),
      },
    },
    {
      name: 'a recursive merge that skips the prototype keys',
      files: {
        'package.json': EXPRESS,
        'server/routes/settings.ts': route([`const current = {};`], [`deepMerge(current, req.body);`], deepMerge(`if (key === '__proto__' || key === 'constructor') continue;`)),
      },
    },
    {
      name: 'a local shallow merge named merge, and a one-level copy loop',
      files: {
        'package.json': EXPRESS,
        'server/routes/settings.ts': route(
          [`const DEFAULTS = { theme: 'light' };`],
          [`res.json({ a: merge(DEFAULTS, req.body), b: copy(req.body) });`],
          [`function merge(a: object, b: object) {`, `  return { ...a, ...b };`, `}`, `function copy(o: any) {`, `  const out: any = {};`, `  for (const k in o) out[k] = o[k];`, `  return out;`, `}`],
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'lodash merge, defaultsDeep, set and jQuery deep extend in old releases',
      files: {
        'package.json': OLD_LODASH,
        'server/routes/settings.ts': route(
          [`import _ from 'lodash';`, `import { merge, defaultsDeep } from 'lodash';`, `import $ from 'jquery';`, `const current = {};`],
          [`_.merge({}, req.body);`, `merge(current, req.body.prefs);`, `defaultsDeep(current, req.body);`, `_.set(current, req.body.path, req.body.value);`, `$.extend(true, {}, current, req.body);`, `$.extend({}, req.body);`],
        ),
      },
      errors: [
        { messageId: 'request', line: 8 },
        { messageId: 'request', line: 9 },
        { messageId: 'request', line: 10 },
        { messageId: 'request', line: 11 },
        { messageId: 'request', line: 12 },
      ],
    },
    {
      name: 'the lockfile installs an old lodash, required in CommonJS',
      files: {
        'package.json': pkg({ express: '^4.19.2', lodash: '^4.17.4' }),
        'package-lock.json': lockWithLodash('4.17.15'),
        'server/app.js': `const express = require('express');\nconst _ = require('lodash');\nconst app = express();\nconst config = {};\napp.post('/config', (req, res) => {\n  _.defaultsDeep(config, req.body);\n  res.json(config);\n});\n`,
      },
      errors: [{ messageId: 'request', line: 6 }],
    },
    {
      name: 'the lodash.set package has no fixed release',
      files: {
        'package.json': pkg({ express: '^4.19.2', 'lodash.set': '^4.3.2' }),
        'server/routes/settings.ts': route([`import set from 'lodash.set';`, `const current = {};`], [`set(current, req.body.path, req.body.value);`]),
      },
      errors: [{ messageId: 'request', line: 6 }],
    },
    {
      name: 'a hand-written recursive merge in the same file',
      files: { 'package.json': EXPRESS, 'server/routes/settings.ts': route([`const current = {};`], [`deepMerge(current, req.body);`], deepMerge()) },
      errors: [{ messageId: 'request', line: 13 }],
    },
    {
      name: 'a recursive merge in another file that checks hasOwn on the source, which a parsed body passes',
      files: {
        'package.json': EXPRESS,
        'server/lib/merge.ts': `export ${deepMerge(`if (!Object.hasOwn(source, key)) continue;`).join('\n')}\n`,
        'server/routes/settings.ts': route([`import { deepMerge } from '../lib/merge';`, `const current = {};`], [`deepMerge(current, req.body.settings);`]),
      },
      errors: [{ messageId: 'request', line: 7, file: 'server/lib/merge.ts' }],
    },
    {
      name: 'a nested write with two keys from the body',
      files: {
        'package.json': EXPRESS,
        'server/routes/settings.ts': route([`const store: any = {};`], [`store[req.body.key][req.body.sub] = req.body.value;`, `const { section, field } = req.body;`, `store[section][field] = true;`]),
      },
      errors: [
        { messageId: 'request', line: 5 },
        { messageId: 'request', line: 7 },
      ],
    },
    {
      name: 'a WebSocket message names the keys',
      files: {
        'package.json': pkg({ ws: '^8.17.0' }),
        'server/ws.ts': `import { WebSocketServer } from 'ws';\nconst state: any = {};\nconst wss = new WebSocketServer({ port: 8080 });\nwss.on('connection', (ws) => {\n  ws.on('message', (raw) => {\n    const msg = JSON.parse(raw.toString());\n    state[msg.room][msg.key] = msg.value;\n  });\n});\n`,
      },
      errors: [{ messageId: 'message', line: 7 }],
    },
  ],
});
