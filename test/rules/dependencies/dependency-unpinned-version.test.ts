import { expect, it } from 'vitest';
import { findingsOf, ruleTester } from '../../helpers/rule-tester.js';
import { manifest, npmLock } from './helpers.js';

const app = (deps: Record<string, unknown>) => manifest({ name: 'app', private: true, ...deps });

ruleTester('dependency-unpinned-version', {
  valid: [
    { name: 'exact, caret, tilde and bounded ranges', files: { 'package.json': app({ dependencies: { express: '4.21.2', lodash: '^4.17.21', zod: '~3.23.8', tiny: '^0.x', old: '1.x', legacy: '<2', span: '1.2.3 - 2.0.0', v: 'v1.2.3' } }) } },
    { name: 'local and workspace protocols', files: { 'package.json': app({ dependencies: { ui: 'workspace:*', lib: 'file:../lib', linked: 'link:../linked', react: 'catalog:', p: 'portal:../p', patched: 'patch:lodash@npm%3A4.17.21#./patches/lodash.patch', rel: './vendor/x' } }) } },
    { name: 'aliases with a bounded inner range', files: { 'package.json': app({ dependencies: { lodash4: 'npm:lodash@^4.17.21', std: 'jsr:@std/path@^1.0.8', inner: 'npm:^2.0.0' } }) } },
    { name: 'wide peerDependencies are normal for libraries', files: { 'package.json': manifest({ name: 'ui-kit', version: '1.0.0', peerDependencies: { react: '*', 'react-dom': '>=18' } }) } },
    { name: 'git and URL specs are another rule', files: { 'package.json': app({ dependencies: { fork: 'github:acme/fork#main', tar: 'https://example.com/x.tgz' } }) } },
    {
      name: 'npm workspace siblings referenced as *',
      files: {
        'package.json': manifest({ name: 'monorepo', private: true, workspaces: ['packages/*'] }),
        'packages/shared/package.json': manifest({ name: '@acme/shared', version: '1.0.0' }),
        'packages/web/package.json': manifest({ name: '@acme/web', private: true, dependencies: { '@acme/shared': '*' } }),
      },
    },
    { name: 'fixtures and templates are samples', files: { 'test/fixtures/app/package.json': app({ dependencies: { express: 'latest' } }), 'templates/react/package.json': app({ dependencies: { react: 'latest' } }) } },
  ],
  invalid: [
    {
      name: 'dist-tag, any and open ranges in runtime dependencies without a lockfile are high',
      files: { 'package.json': app({ dependencies: { express: 'latest', lodash: '*', jsonwebtoken: '>=9.0.0', ok: '^1.0.0' } }) },
      errors: [
        { messageId: 'distTag', line: 5, severity: 'high' },
        { messageId: 'anyVersion', line: 6, severity: 'high' },
        { messageId: 'noUpperBound', line: 7, severity: 'high' },
      ],
    },
    {
      name: 'runtime dependencies held by a lockfile are medium',
      files: { 'package.json': app({ dependencies: { express: 'latest' } }), 'package-lock.json': npmLock({ '': { express: 'latest' } }) },
      errors: [{ messageId: 'distTag', line: 5, severity: 'medium' }],
    },
    {
      name: 'devDependencies are low',
      files: { 'package.json': app({ devDependencies: { typescript: 'latest', vitest: '>1' } }) },
      errors: [
        { messageId: 'distTag', line: 5, severity: 'low' },
        { messageId: 'noUpperBound', line: 6, severity: 'low' },
      ],
    },
    {
      name: 'optionalDependencies count as runtime',
      files: { 'package.json': app({ optionalDependencies: { fsevents: '*' } }) },
      errors: [{ messageId: 'anyVersion', line: 5, severity: 'high' }],
    },
    {
      name: 'empty, x, X and >=0.0.0 accept anything',
      files: { 'package.json': app({ dependencies: { a: '', b: 'x', c: 'X', d: '>=0.0.0' } }) },
      errors: [
        { messageId: 'anyVersion', line: 5 },
        { messageId: 'anyVersion', line: 6 },
        { messageId: 'anyVersion', line: 7 },
        { messageId: 'anyVersion', line: 8 },
      ],
    },
    {
      name: 'an alternative without upper bound, other tags, and aliases',
      files: { 'package.json': app({ dependencies: { a: '1.x || >=2', b: 'next', c: 'npm:lodash', d: 'npm:lodash@*', e: 'beta' } }) },
      errors: [
        { messageId: 'noUpperBound', line: 5 },
        { messageId: 'distTag', line: 6 },
        { messageId: 'distTag', line: 7 },
        { messageId: 'anyVersion', line: 8 },
        { messageId: 'distTag', line: 9 },
      ],
    },
    {
      name: 'the entry is found in the right block when a name repeats',
      files: { 'package.json': app({ dependencies: { react: '^18.3.1' }, devDependencies: { react: 'latest' } }) },
      errors: [{ messageId: 'distTag', line: 8, severity: 'low' }],
    },
    {
      name: 'a workspace member is reported in its own manifest',
      files: {
        'package.json': manifest({ name: 'monorepo', private: true, workspaces: ['apps/*'] }),
        'apps/api/package.json': app({ dependencies: { fastify: 'latest' } }),
      },
      errors: [{ messageId: 'distTag', line: 5, file: 'apps/api/package.json' }],
    },
  ],
});

it('points at the exact entry and names package, range and block', async () => {
  const text = '{\n  "name": "app",\n  "scripts": { "lodash": "echo lodash" },\n  "dependencies": {\n    "cors": "^2.8.5",   "lodash":"latest"\n  }\n}\n';
  const [f] = await findingsOf('dependency-unpinned-version', { files: { 'package.json': text } });
  expect(f.range).toEqual({ startLine: 5, startColumn: 25, endLine: 5, endColumn: 42 });
  expect(f.message).toBe(
    '`lodash` is requested as `latest` in `package.json` (dependencies): a dist-tag moves with every release, so every install can pull a different, possibly compromised, version.',
  );
});

it('shows an empty range as ""', async () => {
  const [f] = await findingsOf('dependency-unpinned-version', { files: { 'package.json': app({ dependencies: { a: '' } }) } });
  expect(f.message).toContain('`a` is requested as `""`');
});
