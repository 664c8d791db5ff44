import { expect, it } from 'vitest';
import { findingsOf, ruleTester } from '../../helpers/rule-tester.js';
import { manifest, SHA_A } from './helpers.js';

const SHA = '4f1d2c3b5a6e7f8091a2b3c4d5e6f708192a3b4c';
const lib = (deps: Record<string, unknown>) => manifest({ name: 'lib', version: '1.0.0', types: 'index.d.ts', ...deps });

const tarballLock = (integrity?: string) =>
  `${JSON.stringify(
    {
      name: 'lib',
      lockfileVersion: 3,
      packages: {
        '': { name: 'lib', dependencies: { sdk: 'https://downloads.example.com/sdk-1.2.0.tgz' } },
        'node_modules/sdk': { version: '1.2.0', resolved: 'https://downloads.example.com/sdk-1.2.0.tgz', ...(integrity ? { integrity } : {}) },
      },
    },
    null,
    2,
  )}\n`;

ruleTester('dependency-unpinned-source', {
  valid: [
    {
      name: 'git dependencies pinned to a full commit',
      files: {
        'package.json': lib({
          dependencies: {
            a: `github:acme/a#${SHA}`,
            b: `git+https://github.com/acme/b.git#${SHA}`,
            c: `acme/c#${SHA}`,
            d: `git+ssh://git@github.com/acme/d.git#${SHA}`,
            e: `https://github.com/acme/e.git#commit=${SHA}`,
          },
        }),
      },
    },
    { name: 'registry ranges, tags and local paths', files: { 'package.json': lib({ dependencies: { a: '^1.0.0', b: 'latest', c: 'file:./vendor/c-1.0.0.tgz', d: 'npm:lodash@^4.17.21' } }) } },
    { name: 'an https tarball whose integrity the lockfile records', files: { 'package.json': lib({ dependencies: { sdk: 'https://downloads.example.com/sdk-1.2.0.tgz' } }), 'package-lock.json': tarballLock(SHA_A) } },
    { name: 'a tarball URL that names a full commit', files: { 'package.json': lib({ dependencies: { x: `https://codeload.github.com/acme/x/tar.gz/${SHA}` } }) } },
    { name: 'a binary bun.lockb may hold the hash', files: { 'package.json': lib({ dependencies: { sdk: 'https://downloads.example.com/sdk-1.2.0.tgz' } }), 'bun.lockb': '' } },
    { name: 'peerDependencies are not installed by this package', files: { 'package.json': lib({ peerDependencies: { a: 'github:acme/a' } }) } },
  ],
  invalid: [
    {
      name: 'git dependencies on a branch, a tag, a short sha or nothing',
      files: {
        'package.json': lib({
          dependencies: {
            a: 'github:acme/a#main',
            b: 'acme/b',
            c: 'git+https://github.com/acme/c.git',
            d: 'git+ssh://git@github.com/acme/d.git#v1.0.0',
            e: 'https://github.com/acme/e',
            f: 'acme/f#4f1d2c3',
            g: 'gitlab:acme/g#semver:^1.0.0',
            h: 'git@github.com:acme/h.git',
          },
        }),
      },
      errors: [
        { messageId: 'gitNoCommit', line: 6, severity: 'medium' },
        { messageId: 'gitNoCommit', line: 7, severity: 'medium' },
        { messageId: 'gitNoCommit', line: 8, severity: 'medium' },
        { messageId: 'gitNoCommit', line: 9, severity: 'medium' },
        { messageId: 'gitNoCommit', line: 10, severity: 'medium' },
        { messageId: 'gitNoCommit', line: 11, severity: 'medium' },
        { messageId: 'gitNoCommit', line: 12, severity: 'medium' },
        { messageId: 'gitNoCommit', line: 13, severity: 'medium' },
      ],
    },
    {
      name: 'devDependencies from git are low',
      files: { 'package.json': lib({ devDependencies: { tooling: 'github:acme/tooling' } }) },
      errors: [{ messageId: 'gitNoCommit', line: 6, severity: 'low' }],
    },
    {
      name: 'plain HTTP downloads: high at runtime, medium in dev',
      files: { 'package.json': lib({ dependencies: { sdk: 'http://downloads.example.com/sdk-1.2.0.tgz' }, devDependencies: { t: 'http://downloads.example.com/t.tgz' } }) },
      errors: [
        { messageId: 'insecureHttp', line: 6, severity: 'high' },
        { messageId: 'insecureHttp', line: 9, severity: 'medium' },
      ],
    },
    {
      name: 'an https tarball with no lockfile',
      files: { 'package.json': lib({ dependencies: { sdk: 'https://downloads.example.com/sdk-1.2.0.tgz' } }) },
      errors: [{ messageId: 'tarballNoIntegrity', line: 6, severity: 'medium' }],
    },
    {
      name: 'an https tarball the lockfile holds without integrity',
      files: { 'package.json': lib({ dependencies: { sdk: 'https://downloads.example.com/sdk-1.2.0.tgz' } }), 'package-lock.json': tarballLock() },
      errors: [{ messageId: 'tarballNoIntegrity', line: 6 }],
    },
    {
      name: 'an https tarball in a yarn.lock entry without integrity',
      files: {
        'package.json': lib({ dependencies: { sdk: 'https://downloads.example.com/sdk-1.2.0.tgz' } }),
        'yarn.lock': '# yarn lockfile v1\n\n\n"sdk@https://downloads.example.com/sdk-1.2.0.tgz":\n  version "1.2.0"\n  resolved "https://downloads.example.com/sdk-1.2.0.tgz"\n',
      },
      errors: [{ messageId: 'tarballNoIntegrity', line: 6 }],
    },
  ],
});

it('never prints credentials embedded in a git URL', async () => {
  const token = 'ghp_Zq8xV2mK4pL7nR1tY6wB3cD9fH5jS0aE2uGi';
  const [f] = await findingsOf('dependency-unpinned-source', {
    files: { 'package.json': lib({ dependencies: { internal: `git+https://deploy:${token}@github.com/acme/internal.git#main` } }) },
  });
  expect(f.messageId).toBe('gitNoCommit');
  expect(f.message).toContain('git+https://***@github.com/acme/internal.git');
  expect(f.message).not.toContain(token);
  expect(f.snippet).not.toContain(token);
});

it('names the package, the spec and the block', async () => {
  const [f] = await findingsOf('dependency-unpinned-source', { files: { 'package.json': lib({ dependencies: { 'chart-kit': 'github:acme/chart-kit#main' } }) } });
  expect(f.message).toBe(
    '`chart-kit` is installed from `github:acme/chart-kit#main` in `package.json` (dependencies) without a full commit id: the branch or tag can be moved to different code at any time.',
  );
});
