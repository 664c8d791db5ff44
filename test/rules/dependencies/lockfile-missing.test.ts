import { expect, it } from 'vitest';
import { findingsOf, ruleTester } from '../../helpers/rule-tester.js';
import { manifest, npmLock } from './helpers.js';

const expressApp = manifest({ name: 'api', version: '1.0.0', main: 'server.js', scripts: { start: 'node server.js' }, dependencies: { express: '^4.21.2' } });

ruleTester('lockfile-missing', {
  valid: [
    { name: 'npm lockfile', files: { 'package.json': expressApp, 'package-lock.json': npmLock({ '': { express: '^4.21.2' } }) } },
    { name: 'yarn lockfile', files: { 'package.json': expressApp, 'yarn.lock': '# yarn lockfile v1\n\n\nexpress@^4.21.2:\n  version "4.21.2"\n' } },
    { name: 'pnpm lockfile', files: { 'package.json': expressApp, 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n" } },
    { name: 'bun text lockfile', files: { 'package.json': expressApp, 'bun.lock': '{ "lockfileVersion": 1 }\n' } },
    { name: 'bun binary lockfile', files: { 'package.json': expressApp, 'bun.lockb': '' } },
    { name: 'npm-shrinkwrap', files: { 'package.json': expressApp, 'npm-shrinkwrap.json': npmLock({ '': { express: '^4.21.2' } }) } },
    { name: 'deno lockfile', files: { 'package.json': expressApp, 'deno.lock': '{ "version": "4" }\n' } },
    {
      name: 'a library published to npm',
      files: { 'package.json': manifest({ name: 'date-utils', version: '2.3.0', exports: { '.': './dist/index.js' }, scripts: { build: 'tsup', dev: 'tsup --watch' }, dependencies: { dayjs: '^1.11.13' } }) },
    },
    { name: 'a CLI published to npm', files: { 'package.json': manifest({ name: 'mk', version: '1.0.0', bin: { mk: 'cli.js' }, scripts: { start: 'node cli.js' }, dependencies: { commander: '^12.0.0' } }) } },
    { name: 'nothing to install', files: { 'package.json': manifest({ name: 'site', private: true, scripts: { start: 'node server.js' } }) } },
    { name: 'not an application: only tooling', files: { 'package.json': manifest({ name: 'tools', private: true, scripts: { lint: 'eslint .' }, devDependencies: { eslint: '^9.0.0' } }) } },
    {
      name: 'workspace members of a root with a lockfile',
      files: {
        'package.json': manifest({ name: 'monorepo', private: true, workspaces: ['apps/*', 'packages/*'] }),
        'package-lock.json': npmLock({ '': {} }),
        'apps/web/package.json': manifest({ name: 'web', private: true, scripts: { dev: 'next dev' }, dependencies: { next: '^15.0.3' } }),
        'packages/ui/package.json': manifest({ name: 'ui', private: true, scripts: { build: 'tsc' }, dependencies: { react: '^18.3.1' } }),
      },
    },
    {
      name: 'pnpm workspace members',
      files: {
        'package.json': manifest({ name: 'monorepo', private: true }),
        'pnpm-workspace.yaml': "packages:\n  - 'apps/*'\n",
        'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
        'apps/api/package.json': manifest({ name: 'api', private: true, dependencies: { hono: '^4.6.0' } }),
      },
    },
    { name: 'examples are samples', files: { 'examples/basic/package.json': expressApp, 'package.json': manifest({ name: 'lib', version: '1.0.0', types: 'index.d.ts' }) } },
  ],
  invalid: [
    { name: 'an express app created with npm init', files: { 'package.json': expressApp }, errors: [{ messageId: 'missing', line: 1 }] },
    { name: 'a Next.js app with no scripts', files: { 'package.json': manifest({ name: 'web', dependencies: { next: '^15.0.3', react: '^18.3.1' } }) }, errors: [{ messageId: 'missing', line: 1 }] },
    { name: 'a private package with a build script', files: { 'package.json': manifest({ name: 'site', private: true, scripts: { build: 'node build.js' }, dependencies: { marked: '^14.0.0' } }) }, errors: [{ messageId: 'missing', line: 1 }] },
    {
      name: 'a monorepo without a lockfile is reported once, on its root',
      files: {
        'package.json': manifest({ name: 'monorepo', private: true, workspaces: ['apps/*'], scripts: { dev: 'turbo dev' } }),
        'apps/web/package.json': manifest({ name: 'web', private: true, dependencies: { next: '^15.0.3' } }),
        'apps/api/package.json': manifest({ name: 'api', private: true, dependencies: { express: '^4.21.2' } }),
      },
      errors: [{ messageId: 'missing', line: 1, file: 'package.json' }],
    },
    {
      name: 'a separate app folder that the root lockfile does not install',
      files: {
        'package.json': expressApp,
        'package-lock.json': npmLock({ '': { express: '^4.21.2' } }),
        'functions/package.json': manifest({ name: 'functions', private: true, scripts: { serve: 'firebase emulators:start' }, dependencies: { 'firebase-functions': '^6.1.0' } }),
      },
      errors: [{ messageId: 'missing', line: 1, file: 'functions/package.json' }],
    },
    {
      name: 'a library-looking package that is private is still an application',
      files: { 'package.json': manifest({ name: 'admin', private: true, types: 'index.d.ts', dependencies: { vite: '^5.4.0' } }) },
      errors: [{ messageId: 'missing', line: 1 }],
    },
  ],
});

it('says why the package is an application', async () => {
  const [f] = await findingsOf('lockfile-missing', {
    files: {
      'package.json': manifest({ name: 'monorepo', private: true, workspaces: ['apps/*'] }),
      'apps/web/package.json': manifest({ name: 'web', private: true, dependencies: { next: '^15.0.3' } }),
    },
  });
  expect(f.file).toBe('package.json');
  expect(f.message).toBe(
    '`package.json` belongs to an application (its workspace `apps/web` depends on `next`) but no lockfile is committed next to it or in its workspace root: every install resolves the versions again and can pull different, possibly compromised, code.',
  );
});
