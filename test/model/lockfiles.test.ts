import { describe, expect, it } from 'vitest';
import { languageOf } from '../../src/classify/language.js';
import { lineStartsOf } from '../../src/discover/read.js';
import { pnpmPackageKey, readLockfiles, stripNpmProtocol } from '../../src/model/lockfiles.js';
import type { LockfileInfo, SourceFile } from '../../src/model/types.js';
import { parseFile } from '../../src/parse/index.js';

function sourceFile(path: string, text: string): SourceFile {
  const file: SourceFile = {
    path,
    absPath: path,
    language: languageOf(path),
    role: 'config',
    roleReason: 'test',
    buildOutput: false,
    text,
    lineStarts: lineStartsOf(text),
    minified: false,
    suppressions: [],
  };
  parseFile(file);
  return file;
}

function read(path: string, text: string): LockfileInfo {
  const [info] = readLockfiles([sourceFile(path, text)]);
  return info;
}

const ranges = (info: LockfileInfo, dir: string) => Object.fromEntries(info.importerRanges?.get(dir) ?? []);
const SHA_A = 'sha512-28HqgMZAmih1Czt9ny7qr6ek2qddF4FclbMzwhCREB6OFfH+rXAnuNCwo1/wFvrtbgsQDb4kSbX9de9lFbrXnA==';
const SHA_B = 'sha512-v2kDEe57lecTulaDIuNTPy3Ry4gLGJ6Z1O3vE1krgXZNrsQ+LFTGHVxVjcXPs17LhbZVGedAJv8XZ1tvj5FvSg==';

describe('npm package-lock.json', () => {
  const v3 = JSON.stringify({
    name: 'monorepo',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'monorepo', workspaces: ['packages/*'], devDependencies: { typescript: '^5.6.0' } },
      'packages/web': { name: 'web', version: '1.0.0', dependencies: { react: '^18.3.1', lodash4: 'npm:lodash@^4.17.21', shared: '*' } },
      'node_modules/web': { resolved: 'packages/web', link: true },
      'node_modules/react': { version: '18.3.1', resolved: 'https://registry.npmjs.org/react/-/react-18.3.1.tgz', integrity: SHA_A },
      'node_modules/lodash4': { name: 'lodash', version: '4.17.21', resolved: 'https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz', integrity: SHA_B },
      'node_modules/typescript': { version: '5.6.3', dev: true, resolved: 'https://registry.npmjs.org/typescript/-/typescript-5.6.3.tgz', integrity: SHA_A },
      'packages/web/node_modules/@types/react': { version: '18.3.12', resolved: 'https://registry.npmjs.org/@types/react/-/react-18.3.12.tgz', integrity: SHA_B },
    },
  });

  it('reads v3 importers with their ranges, relative to the scan root', () => {
    const info = read('app/package-lock.json', v3);
    expect(info).toMatchObject({ kind: 'npm', dir: 'app', readable: true, version: '3' });
    expect([...info.importerRanges!.keys()]).toEqual(['app', 'app/packages/web']);
    expect(ranges(info, 'app')).toEqual({ typescript: '^5.6.0' });
    expect(ranges(info, 'app/packages/web')).toEqual({ react: '^18.3.1', lodash4: 'npm:lodash@^4.17.21', shared: '*' });
    expect(info.importers!.get('app/packages/web')).toEqual(new Set(['react', 'lodash4', 'shared']));
  });

  it('records every installed package with version, resolved URL and integrity; aliases keep the real name', () => {
    const info = read('package-lock.json', v3);
    expect([...info.names].sort()).toEqual(['@types/react', 'lodash4', 'react', 'typescript', 'web']);
    expect(info.packages.get('lodash4')).toEqual([
      { name: 'lodash', version: '4.17.21', resolved: 'https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz', integrity: SHA_B },
    ]);
    expect(info.packages.get('@types/react')?.[0].version).toBe('18.3.12');
    // A workspace link is installed but is not a downloaded package.
    expect(info.packages.has('web')).toBe(false);
  });

  it('reads a v1 dependency tree without importers', () => {
    const info = read(
      'npm-shrinkwrap.json',
      JSON.stringify({
        name: 'old-app',
        lockfileVersion: 1,
        requires: true,
        dependencies: {
          express: {
            version: '4.17.1',
            resolved: 'https://registry.npmjs.org/express/-/express-4.17.1.tgz',
            integrity: SHA_A,
            requires: { debug: '2.6.9' },
            dependencies: { debug: { version: '2.6.9', resolved: 'https://registry.npmjs.org/debug/-/debug-2.6.9.tgz', integrity: SHA_B } },
          },
          lodash4: { version: 'npm:lodash@4.17.21', integrity: SHA_B },
          forked: { version: 'git+https://github.com/acme/forked.git#0123456789abcdef0123456789abcdef01234567', from: 'github:acme/forked' },
        },
      }),
    );
    expect(info).toMatchObject({ readable: true, version: '1' });
    expect(info.importers).toBeUndefined();
    expect(info.importerRanges).toBeUndefined();
    expect([...info.names].sort()).toEqual(['debug', 'express', 'forked', 'lodash4']);
    expect(info.packages.get('lodash4')?.[0]).toMatchObject({ name: 'lodash', version: '4.17.21' });
    expect(info.packages.get('forked')?.[0]).toMatchObject({ version: undefined, resolved: 'git+https://github.com/acme/forked.git#0123456789abcdef0123456789abcdef01234567' });
  });

  it('marks an unparsable lockfile (a merge conflict) as present but unreadable', () => {
    const info = read('package-lock.json', '{\n<<<<<<< HEAD\n  "name": "a"\n=======\n  "name": "b"\n>>>>>>> main\n}\n');
    expect(info).toMatchObject({ kind: 'npm', readable: false });
    expect(info.names.size).toBe(0);
  });
});

describe('yarn.lock', () => {
  const classic = `# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.
# yarn lockfile v1


"@babel/code-frame@^7.0.0", "@babel/code-frame@^7.22.13":
  version "7.22.13"
  resolved "https://registry.yarnpkg.com/@babel/code-frame/-/code-frame-7.22.13.tgz#e3c1c099402598483b7a8c46a721d1038803755e"
  integrity ${SHA_A}
  dependencies:
    "@babel/highlight" "^7.22.13"
    chalk "^2.4.2"

lodash@^4.17.20, lodash@^4.17.21:
  version "4.17.21"
  resolved "https://registry.yarnpkg.com/lodash/-/lodash-4.17.21.tgz#679591c564c3bffaae8454cf0b3df370c3d6911c"
  integrity ${SHA_B}

"lodash4@npm:lodash@^4.17.0":
  version "4.17.21"
  resolved "https://registry.yarnpkg.com/lodash/-/lodash-4.17.21.tgz#679591c564c3bffaae8454cf0b3df370c3d6911c"
  integrity ${SHA_B}

"chart-kit@github:acme/chart-kit#main":
  version "1.0.0"
  resolved "https://codeload.github.com/acme/chart-kit/tar.gz/0123456789abcdef0123456789abcdef01234567"
`;

  it('reads classic entries: every requested range by name, no importers', () => {
    const info = read('yarn.lock', classic);
    expect(info).toMatchObject({ kind: 'yarn', readable: true, version: '1' });
    expect(info.importers).toBeUndefined();
    expect(info.requests!.get('lodash')).toEqual(new Set(['^4.17.20', '^4.17.21']));
    expect(info.requests!.get('@babel/code-frame')).toEqual(new Set(['^7.0.0', '^7.22.13']));
    expect(info.requests!.get('lodash4')).toEqual(new Set(['npm:lodash@^4.17.0']));
    expect(info.requests!.get('chart-kit')).toEqual(new Set(['github:acme/chart-kit#main']));
    // Dependencies of an entry are not entries.
    expect(info.names.has('chalk')).toBe(false);
  });

  it('keeps version, resolved URL and integrity per entry', () => {
    const info = read('yarn.lock', classic);
    expect(info.packages.get('@babel/code-frame')).toEqual([
      {
        name: '@babel/code-frame',
        version: '7.22.13',
        resolved: 'https://registry.yarnpkg.com/@babel/code-frame/-/code-frame-7.22.13.tgz#e3c1c099402598483b7a8c46a721d1038803755e',
        integrity: SHA_A,
      },
    ]);
    expect(info.packages.get('lodash4')?.[0].name).toBe('lodash');
    expect(info.packages.get('chart-kit')?.[0]).toMatchObject({ version: '1.0.0', integrity: undefined });
  });

  it('reads berry entries and its workspace importers, with `npm:` ranges made plain', () => {
    const berry = `# This file is generated by running "yarn install" inside your project.
# Manual changes might be lost - proceed with caution!

__metadata:
  version: 8
  cacheKey: 10c0

"express@npm:^4.21.2":
  version: 4.21.2
  resolution: "express@npm:4.21.2"
  dependencies:
    accepts: "npm:~1.3.8"
  checksum: 10c0/38168fd0a32756600b56e6214afecf4fc79ec28eca7f7a91c2ab8d50df4f47562ca3f9dee412da7f5cea6b1a1544b33b40f9f8586dbacfbdada0fe90dbb10a1f
  languageName: node
  linkType: hard

"lodash4@npm:lodash@^4.17.21":
  version: 4.17.21
  resolution: "lodash@npm:4.17.21"
  languageName: node
  linkType: hard

"shop@workspace:.":
  version: 0.0.0-use.local
  resolution: "shop@workspace:."
  dependencies:
    express: "npm:^4.21.2"
    lodash4: "npm:lodash@^4.17.21"
    typescript: "patch:typescript@npm%3A^5.6.0#optional!builtin<compat/typescript>"
  languageName: unknown
  linkType: soft

"web@workspace:apps/web":
  version: 0.0.0-use.local
  resolution: "web@workspace:apps/web"
  dependencies:
    "@types/react": ^18.3.12
  dependenciesMeta:
    fsevents:
      optional: true
  languageName: unknown
  linkType: soft
`;
    const info = read('yarn.lock', berry);
    expect(info).toMatchObject({ readable: true, version: '8' });
    expect(ranges(info, '')).toEqual({ express: '^4.21.2', lodash4: 'npm:lodash@^4.17.21', typescript: '^5.6.0' });
    expect(ranges(info, 'apps/web')).toEqual({ '@types/react': '^18.3.12' });
    expect(info.requests!.get('express')).toEqual(new Set(['^4.21.2']));
    // Berry keeps the tarball hash as `checksum`.
    expect(info.packages.get('express')?.[0]).toEqual({ name: 'express', version: '4.21.2', resolved: undefined, integrity: expect.stringMatching(/^10c0\/38168fd0/) });
    expect(info.packages.get('lodash4')?.[0].integrity).toBeUndefined();
    expect(info.packages.get('lodash4')?.[0].name).toBe('lodash');
    expect(info.packages.has('shop')).toBe(false);
  });
});

describe('pnpm-lock.yaml', () => {
  it('reads v9 importers, registry, tarball and git packages', () => {
    const text = `lockfileVersion: '9.0'

settings:
  autoInstallPeers: true
  excludeLinksFromLockfile: false

importers:

  .:
    devDependencies:
      typescript:
        specifier: ^5.6.0
        version: 5.6.3

  apps/web:
    dependencies:
      '@acme/ui':
        specifier: workspace:*
        version: link:../../packages/ui
      react-dom:
        specifier: ^18.3.1
        version: 18.3.1(react@18.3.1)
      legacy-sdk:
        specifier: https://downloads.example.com/legacy-sdk-1.2.0.tgz
        version: https://downloads.example.com/legacy-sdk-1.2.0.tgz

packages:

  react-dom@18.3.1:
    resolution: {integrity: ${SHA_A}}
    peerDependencies:
      react: ^18.3.1

  '@types/react@18.3.12':
    resolution: {integrity: ${SHA_B}}

  legacy-sdk@https://downloads.example.com/legacy-sdk-1.2.0.tgz:
    resolution: {tarball: https://downloads.example.com/legacy-sdk-1.2.0.tgz}
    version: 1.2.0

  chart-kit@https://codeload.github.com/acme/chart-kit/tar.gz/0123456789abcdef0123456789abcdef01234567:
    resolution: {tarball: https://codeload.github.com/acme/chart-kit/tar.gz/0123456789abcdef0123456789abcdef01234567}
    version: 1.0.0

snapshots:

  react-dom@18.3.1(react@18.3.1): {}
`;
    const info = read('pnpm-lock.yaml', text);
    expect(info).toMatchObject({ kind: 'pnpm', readable: true, version: '9.0' });
    expect(ranges(info, '')).toEqual({ typescript: '^5.6.0' });
    expect(ranges(info, 'apps/web')).toEqual({
      '@acme/ui': 'workspace:*',
      'react-dom': '^18.3.1',
      'legacy-sdk': 'https://downloads.example.com/legacy-sdk-1.2.0.tgz',
    });
    expect(info.packages.get('react-dom')).toEqual([{ name: 'react-dom', version: '18.3.1', resolved: undefined, integrity: SHA_A }]);
    expect(info.packages.get('@types/react')?.[0].version).toBe('18.3.12');
    expect(info.packages.get('legacy-sdk')).toEqual([
      { name: 'legacy-sdk', version: '1.2.0', resolved: 'https://downloads.example.com/legacy-sdk-1.2.0.tgz', integrity: undefined },
    ]);
    expect(info.packages.get('chart-kit')?.[0].resolved).toMatch(/^https:\/\/codeload/);
  });

  it('reads v6 importers and `/name@version(peer)` keys', () => {
    const text = `lockfileVersion: '6.0'

settings:
  autoInstallPeers: true
  excludeLinksFromLockfile: false

importers:

  .:
    dependencies:
      next:
        specifier: 14.2.15
        version: 14.2.15(react-dom@18.3.1)(react@18.3.1)

  packages/api:
    dependencies:
      express:
        specifier: ^4.21.2
        version: 4.21.2

packages:

  /next@14.2.15(react-dom@18.3.1)(react@18.3.1):
    resolution: {integrity: ${SHA_A}}
    engines: {node: '>=18.17.0'}
    dev: false

  /@next/env@14.2.15:
    resolution: {integrity: ${SHA_B}}
    dev: false

  github.com/acme/forked/0123456789abcdef0123456789abcdef01234567:
    resolution: {tarball: https://codeload.github.com/acme/forked/tar.gz/0123456789abcdef0123456789abcdef01234567}
    name: forked
    version: 2.0.0
    dev: false
`;
    const info = read('pnpm-lock.yaml', text);
    expect(info.version).toBe('6.0');
    expect(ranges(info, '')).toEqual({ next: '14.2.15' });
    expect(ranges(info, 'packages/api')).toEqual({ express: '^4.21.2' });
    expect(info.packages.get('next')?.[0]).toMatchObject({ name: 'next', version: '14.2.15', integrity: SHA_A });
    expect(info.packages.get('@next/env')?.[0].version).toBe('14.2.15');
    expect(info.packages.get('forked')?.[0]).toMatchObject({ version: '2.0.0', resolved: expect.stringMatching(/^https:\/\/codeload/) });
  });

  it('reads v5 single-project lockfiles with top-level `specifiers`', () => {
    const text = `lockfileVersion: 5.4

specifiers:
  express: ^4.18.2
  typescript: ^5.0.0

dependencies:
  express: 4.18.2

devDependencies:
  typescript: 5.0.4

packages:

  /express/4.18.2:
    resolution: {integrity: ${SHA_A}}
    engines: {node: '>= 0.10.0'}
    dev: false

  /@types/node/18.15.11:
    resolution: {integrity: ${SHA_B}}
    dev: true

  /react-dom/18.2.0_react@18.2.0:
    resolution: {integrity: ${SHA_B}}
    dev: false
`;
    const info = read('server/pnpm-lock.yaml', text);
    expect(info.version).toBe('5.4');
    expect(ranges(info, 'server')).toEqual({ express: '^4.18.2', typescript: '^5.0.0' });
    expect(info.packages.get('express')?.[0]).toMatchObject({ version: '4.18.2', integrity: SHA_A });
    expect(info.packages.get('@types/node')?.[0].version).toBe('18.15.11');
    expect(info.packages.get('react-dom')?.[0].version).toBe('18.2.0');
  });

  it('takes the project document when pnpm writes an environment document first', () => {
    const text = `---
lockfileVersion: '9.0'

importers:

  .:
    configDependencies: {}
    packageManagerDependencies:
      pnpm:
        specifier: 10.12.1
        version: 10.12.1

packages:

  pnpm@10.12.1:
    resolution: {integrity: ${SHA_A}}

---
lockfileVersion: '9.0'

importers:

  .:
    dependencies:
      hono:
        specifier: ^4.6.0
        version: 4.6.9

packages:

  hono@4.6.9:
    resolution: {integrity: ${SHA_B}}
`;
    const info = read('pnpm-lock.yaml', text);
    expect(info.readable).toBe(true);
    expect(ranges(info, '')).toEqual({ hono: '^4.6.0' });
    expect(info.packages.get('hono')?.[0].integrity).toBe(SHA_B);
  });

  it('parses package keys of each version', () => {
    expect(pnpmPackageKey('/@babel/core/7.22.5_supports-color@5.5.0', true)).toEqual({ name: '@babel/core', version: '7.22.5' });
    expect(pnpmPackageKey('/@babel/core@7.22.5(supports-color@5.5.0)', false)).toEqual({ name: '@babel/core', version: '7.22.5' });
    expect(pnpmPackageKey('zod@3.23.8', false)).toEqual({ name: 'zod', version: '3.23.8' });
    expect(pnpmPackageKey('x@https://a.example/x.tgz', false)).toEqual({ name: 'x', remote: 'https://a.example/x.tgz' });
    expect(pnpmPackageKey('github.com/acme/forked/0123456', false)).toBeUndefined();
  });
});

describe('bun lockfiles', () => {
  it('reads bun.lock (JSONC with trailing commas): workspaces, nested keys, git packages', () => {
    const text = `{
  "lockfileVersion": 1,
  "workspaces": {
    "": {
      "name": "shop",
      "dependencies": {
        "hono": "^4.6.0",
      },
      "devDependencies": {
        "@types/bun": "latest",
      },
    },
    "packages/ui": {
      "name": "@shop/ui",
      "dependencies": {
        "react": "^18.3.1",
      },
    },
  },
  "packages": {
    "@shop/ui": ["@shop/ui@workspace:packages/ui"],

    "@types/bun": ["@types/bun@1.1.13", "", { "dependencies": { "bun-types": "1.1.34" } }, "${SHA_A}"],

    "hono": ["hono@4.6.9", "", {}, "${SHA_B}"],

    "react": ["react@18.3.1", "", { "dependencies": { "loose-envify": "^1.1.0" } }, "${SHA_A}"],

    "react/loose-envify": ["loose-envify@1.4.0", "", {}, "${SHA_B}"],

    "chart-kit": ["chart-kit@github:acme/chart-kit#0123456", {}, "acme-chart-kit-0123456"],
  }
}
`;
    const info = read('bun.lock', text);
    expect(info).toMatchObject({ kind: 'bun', readable: true, version: '1' });
    expect(ranges(info, '')).toEqual({ hono: '^4.6.0', '@types/bun': 'latest' });
    expect(ranges(info, 'packages/ui')).toEqual({ react: '^18.3.1' });
    expect(info.packages.get('hono')).toEqual([{ name: 'hono', version: '4.6.9', resolved: undefined, integrity: SHA_B }]);
    expect(info.packages.get('loose-envify')?.[0].version).toBe('1.4.0');
    expect(info.packages.get('chart-kit')?.[0]).toEqual({ name: 'chart-kit', version: undefined, resolved: 'github:acme/chart-kit#0123456', integrity: undefined });
    expect(info.names.has('@shop/ui')).toBe(true);
    expect(info.packages.has('@shop/ui')).toBe(false);
  });

  it('counts bun.lockb as present but unreadable', () => {
    const info = read('bun.lockb', '');
    expect(info).toMatchObject({ kind: 'bun', readable: false });
    expect(info.importers).toBeUndefined();
    expect(info.names.size).toBe(0);
  });
});

describe('lockfile helpers', () => {
  it('strips the npm: protocol of plain ranges only', () => {
    expect(stripNpmProtocol('npm:^4.17.21')).toBe('^4.17.21');
    expect(stripNpmProtocol('npm:lodash@^4.17.21')).toBe('npm:lodash@^4.17.21');
    expect(stripNpmProtocol('npm:@scope/pkg@1')).toBe('npm:@scope/pkg@1');
    expect(stripNpmProtocol('^1.0.0')).toBe('^1.0.0');
  });

  it('ignores files that are not lockfiles', () => {
    expect(readLockfiles([sourceFile('package.json', '{}'), sourceFile('locks/yarn.lock.bak', '')])).toEqual([]);
  });
});
