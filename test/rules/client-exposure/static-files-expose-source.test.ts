import { describe, expect, it } from 'vitest';
import { findingsOf, ruleTester } from '../../helpers/rule-tester.js';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'site', dependencies: deps });
const EXPRESS = pkg({ express: '^4.21.0' });

ruleTester('static-files-expose-source', {
  valid: [
    {
      name: 'folders made for public files, under this file or the project',
      files: {
        'package.json': EXPRESS,
        'server.js': [
          `const express = require('express');`,
          `const path = require('path');`,
          `const app = express();`,
          `app.use(express.static(path.join(__dirname, 'public')));`,
          `app.use('/assets', express.static(__dirname + '/assets'));`,
          `app.use(express.static('dist'));`,
          `app.use(express.static(path.resolve(__dirname, '../client/build')));`,
          `app.listen(3000);`,
        ].join('\n'),
      },
    },
    {
      name: 'a function named static that is not a static-file middleware, and Fastify serving its public folder',
      files: {
        'package.json': pkg({ fastify: '^5.1.0', '@fastify/static': '^8.0.0' }),
        'server.js': [
          `import Fastify from 'fastify';`,
          `import fastifyStatic from '@fastify/static';`,
          `import { join } from 'node:path';`,
          `const app = Fastify();`,
          `app.register(fastifyStatic, { root: join(import.meta.dirname, 'public') });`,
          `const cache = { static: (dir) => dir };`,
          `cache.static(__dirname);`,
        ].join('\n'),
      },
    },
  ],
  invalid: [
    {
      name: "Express serving this file's folder and the project root, Fastify and Hono serving theirs",
      files: {
        'package.json': pkg({ express: '^4.21.0', fastify: '^5.1.0', '@fastify/static': '^8.0.0', hono: '^4.6.0', '@hono/node-server': '^1.13.0', 'serve-static': '^1.16.0' }),
        'server/index.js': [
          `const express = require('express');`,
          `const path = require('path');`,
          `const serveStatic = require('serve-static');`,
          `const app = express();`,
          `app.use(express.static(__dirname));`,
          `app.use(express.static(path.join(__dirname, '..')));`,
          `app.use(serveStatic('.'));`,
          `app.use(express.static(\`\${__dirname}/\`));`,
        ].join('\n'),
        'api/server.ts': [
          `import Fastify from 'fastify';`,
          `import fastifyStatic from '@fastify/static';`,
          `import { serveStatic } from '@hono/node-server/serve-static';`,
          `import { Hono } from 'hono';`,
          `const fastify = Fastify();`,
          `fastify.register(fastifyStatic, { root: __dirname, prefix: '/' });`,
          `const app = new Hono();`,
          `app.use('/*', serveStatic({ root: './' }));`,
        ].join('\n'),
      },
      errors: [
        { messageId: 'servesCode', file: 'api/server.ts', line: 6 },
        { messageId: 'servesCode', file: 'api/server.ts', line: 8 },
        { messageId: 'servesCode', file: 'server/index.js', line: 5 },
        { messageId: 'servesCode', file: 'server/index.js', line: 6 },
        { messageId: 'servesCode', file: 'server/index.js', line: 7 },
        { messageId: 'servesCode', file: 'server/index.js', line: 8 },
      ],
    },
  ],
});

describe('static-files-expose-source messages', () => {
  it('names the folder served, relative to the project', async () => {
    const found = await findingsOf('static-files-expose-source', {
      files: {
        'package.json': EXPRESS,
        'server/index.js': `const express = require('express');\nconst path = require('path');\nconst app = express();\napp.use(express.static(__dirname));\napp.use(express.static(path.join(__dirname, '..')));\napp.use(express.static(process.cwd()));\n`,
      },
    });
    expect(found.map((f) => f.message)).toEqual([
      "`express.static(…)` serves `server/`, the folder of this file, where the server's code lives: anyone can download its source, `package.json` and any key or database file kept there.",
      "`express.static(…)` serves the project root, above this file, where the server's code lives: anyone can download its source, `package.json` and any key or database file kept there.",
      "`express.static(…)` serves the folder the server runs in (usually the project root), where the server's code lives: anyone can download its source, `package.json` and any key or database file kept there.",
    ]);
  });
});
