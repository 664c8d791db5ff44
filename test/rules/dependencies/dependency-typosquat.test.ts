import { describe, expect, it } from 'vitest';
import { fromOwnAuthors } from '../../../src/rules/dependencies/dependency-typosquat.js';
import { bitCount, charsOf, editDistance, lookAlikeOf } from '../../../src/rules/dependencies/typosquat.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const manifest = (deps: Record<string, string>, block = 'dependencies', name = 'shop-api') =>
  `${JSON.stringify({ name, private: true, [block]: deps }, null, 2)}\n`;

ruleTester('dependency-typosquat', {
  valid: [
    { name: 'popular packages', files: { 'package.json': manifest({ express: '^4.21.2', 'react-dom': '^18.3.1', '@types/node': '^20.0.0', lodash: '^4.17.21' }) } },
    { name: 'a popular look-alike of another popular package', files: { 'package.json': manifest({ preact: '^10.0.0', bcryptjs: '^2.4.3', 'babel-core': '^6.26.3' }) } },
    { name: 'short names are not judged by distance', files: { 'package.json': manifest({ pgx: '^1.0.0', zed: '^1.0.0', parse: '^5.3.0', chalc: '^1.0.0' }) } },
    { name: 'names differing only by a version number', files: { 'package.json': manifest({ 'react-router-dom5': '^5.0.0', 'vue3': '^1.0.0' }) } },
    { name: 'unrelated in-house names', files: { 'package.json': manifest({ '@acme/billing-core': '^1.0.0', 'shop-api-utils': '^1.0.0' }) } },
    { name: 'a near miss inside the same scope (only the scope owner publishes there)', files: { 'package.json': manifest({ '@aws-sdk/client-dax': '^3.0.0', '@types/nodes': '^1.0.0' }) } },
    { name: 'a scoped fork of a popular name', files: { 'package.json': manifest({ '@acme/lodash': '^4.0.0' }) } },
    // `strapi-utils` is two edits from `ts-api-utils`; strapi publishes it.
    { name: 'a package named after the one that depends on it', files: { 'package.json': manifest({ 'strapi-utils': '^3.6.8' }, 'dependencies', 'strapi') } },
    { name: 'a package in the scope of the one that depends on it', files: { 'package.json': manifest({ '@typse/node': '^1.0.0', 'typse-utils': '^1.0.0' }, 'dependencies', '@typse/web') } },
    { name: 'workspace sibling and git dependency', files: { 'package.json': manifest({ lodahs: 'github:acme/lodahs#0123456789abcdef0123456789abcdef01234567', 'expresss': 'file:../expresss' }) } },
  ],
  invalid: [
    { name: 'swapped letters', files: { 'package.json': manifest({ lodahs: '^4.17.21' }) }, errors: [{ messageId: 'typo', line: 5 }] },
    { name: 'added letter, in devDependencies', files: { 'package.json': manifest({ expresss: '^4.21.2' }, 'devDependencies') }, errors: [{ messageId: 'typo', line: 5 }] },
    { name: 'separators removed or changed', files: { 'package.json': manifest({ reactdom: '^18.3.1', react_dom: '^18.3.1' }) }, errors: [{ messageId: 'separator', line: 5 }, { messageId: 'separator', line: 6 }] },
    { name: 'scope flattened', files: { 'package.json': manifest({ 'types-node': '^20.0.0' }) }, errors: [{ messageId: 'scope', line: 5 }] },
    { name: 'look-alike characters', files: { 'package.json': manifest({ '1odash': '^4.17.21', rnongoose: '^8.0.0' }) }, errors: [{ messageId: 'homoglyph', line: 5 }, { messageId: 'homoglyph', line: 6 }] },
    { name: 'two edits in a long name', files: { 'package.json': manifest({ jsonwebtokne: '^9.0.0' }) }, errors: [{ messageId: 'typo', line: 5 }] },
    { name: 'a misspelt scope', files: { 'package.json': manifest({ '@typse/node': '^20.0.0' }) }, errors: [{ messageId: 'typo', line: 5 }] },
    {
      name: 'a look-alike named after a scoped package\u2019s own name, not its scope',
      files: { 'package.json': manifest({ 'strapi-utils': '^1.0.0' }, 'dependencies', '@acme/strapi') },
      errors: [{ messageId: 'typo', line: 5 }],
    },
  ],
});

describe('packages from the project\u2019s own authors', () => {
  it('are those in its scope, or named after it or its scope and a separator', () => {
    expect(fromOwnAuthors('strapi-utils', 'strapi')).toBe(true);
    expect(fromOwnAuthors('strapi-utils', '@strapi/admin')).toBe(true);
    expect(fromOwnAuthors('@strapi/utils', '@strapi/admin')).toBe(true);
    expect(fromOwnAuthors('n8n_workflow', 'n8n')).toBe(true);
  });

  it('are not another scope, a scoped package\u2019s own name, a bare prefix or a short one', () => {
    expect(fromOwnAuthors('@strapi/utils', 'strapi')).toBe(false);
    expect(fromOwnAuthors('@other/utils', '@strapi/admin')).toBe(false);
    expect(fromOwnAuthors('admin-utils', '@strapi/admin')).toBe(false);
    expect(fromOwnAuthors('strapiutils', 'strapi')).toBe(false);
    expect(fromOwnAuthors('strapi-', 'strapi')).toBe(false);
    expect(fromOwnAuthors('ui-kit', 'ui')).toBe(false);
    expect(fromOwnAuthors('lodahs', undefined)).toBe(false);
  });
});

describe('look-alike matching', () => {
  it('names the popular package imitated', () => {
    expect(lookAlikeOf('lodahs')).toEqual({ popular: 'lodash', kind: 'typo' });
    expect(lookAlikeOf('types-node')).toEqual({ popular: '@types/node', kind: 'scope' });
    expect(lookAlikeOf('react_dom')).toEqual({ popular: 'react-dom', kind: 'separator' });
    // Substitutions that take a character out and bring another in, one and two of them.
    expect(lookAlikeOf('lodaxh')).toEqual({ popular: 'lodash', kind: 'typo' });
    expect(lookAlikeOf('jsonwebtoxez')).toEqual({ popular: 'jsonwebtoken', kind: 'typo' });
  });

  it('never rules out by characters a name within reach by edits (the quick test before the distance)', () => {
    let seed = 11;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789-_.@/ëR';
    let checked = 0;
    for (let i = 0; i < 3000; i++) {
      let a = '';
      for (let j = 3 + random(14); j > 0; j--) a += alphabet[random(alphabet.length)];
      let b = a;
      for (let e = random(3); e > 0; e--) {
        const at = random(b.length + 1);
        const c = alphabet[random(alphabet.length)];
        const kind = random(4);
        if (kind === 0) b = b.slice(0, at) + c + b.slice(at);
        else if (kind === 1) b = b.slice(0, at) + b.slice(at + 1);
        else if (kind === 2) b = b.slice(0, at) + c + b.slice(at + 1);
        else if (at > 0 && at < b.length) b = b.slice(0, at - 1) + b[at] + b[at - 1] + b.slice(at + 1);
      }
      const distance = editDistance(a, b, 4);
      if (distance > 2) continue;
      checked++;
      expect(bitCount(charsOf(a) ^ charsOf(b)), `${a} / ${b}`).toBeLessThanOrEqual(2 * distance);
    }
    expect(checked).toBeGreaterThan(2500);
  });

  it('counts an adjacent swap as one edit', () => {
    expect(editDistance('lodahs', 'lodash', 2)).toBe(1);
    expect(editDistance('kitten', 'sitting', 5)).toBe(3);
    expect(editDistance('abc', 'xyzxyz', 1)).toBe(2);
  });
});
