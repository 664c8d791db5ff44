import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fetchOptionsOf, loadNpmConfig, parseNpmrc, registryFor } from '../../src/registry/npmrc.js';

function userrc(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'va-npmrc-')), '.npmrc');
  writeFileSync(path, text);
  return path;
}

describe('.npmrc loading', () => {
  it('layers user, project and environment settings as npm does', () => {
    const env = { npm_config_userconfig: userrc('registry=https://user.example/\n@acme:registry=https://acme.example/npm/\n') };
    expect(loadNpmConfig(undefined, env).registry).toBe('https://user.example/');
    const project = loadNpmConfig('registry=https://project.example', env);
    expect(project.registry).toBe('https://project.example/');
    expect(project['@acme:registry']).toBe('https://acme.example/npm/');
    expect(loadNpmConfig('registry=https://project.example/', { ...env, npm_config_registry: 'https://env.example/' }).registry).toBe('https://env.example/');
  });

  it('defaults to the public registry', () => {
    expect(loadNpmConfig(undefined, { npm_config_userconfig: '/no/such/file' }).registry).toBe('https://registry.npmjs.org/');
  });

  it('expands ${VAR} from the environment and keeps auth keys for npm-registry-fetch', () => {
    const config = parseNpmrc('//npm.acme.example/:_authToken=${ACME_TOKEN}\nstrict-ssl=false\n', { ACME_TOKEN: 'tok' });
    expect(config['//npm.acme.example/:_authToken']).toBe('tok');
    const opts = fetchOptionsOf({ ...config, registry: 'https://r.example/' });
    expect(opts['//npm.acme.example/:_authToken']).toBe('tok');
    expect(opts.strictSSL).toBe(false);
  });

  it('picks the scope registry for scoped names only', () => {
    const config = { registry: 'https://r.example/', '@acme:registry': 'https://acme.example/npm' };
    expect(registryFor('@acme/ui', config)).toBe('https://acme.example/npm/');
    expect(registryFor('@other/ui', config)).toBe('https://r.example/');
    expect(registryFor('acme', config)).toBe('https://r.example/');
  });
});
