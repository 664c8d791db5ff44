import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'ini';

/** Flat npm configuration: `registry`, `@scope:registry`, `//host/:_authToken`, proxy settings. */
export type NpmConfig = Record<string, string>;

export const DEFAULT_REGISTRY = 'https://registry.npmjs.org/';

/** `${VAR}` and `${VAR?}` are replaced from the environment, as npm does (an unset `${VAR}` stays literal). */
function substitute(value: string, env: NodeJS.ProcessEnv): string {
  return value.replace(/(\\*)\$\{([^${}?]+)(\?)?\}/g, (whole, escapes: string, name: string, optional?: string) => {
    if (escapes.length % 2) return whole.slice((escapes.length + 1) / 2);
    const v = env[name];
    return escapes.slice(escapes.length / 2) + (v !== undefined ? v : optional ? '' : `\${${name}}`);
  });
}

/** One .npmrc text as flat string settings; a file that does not parse contributes nothing. */
export function parseNpmrc(text: string, env: NodeJS.ProcessEnv = process.env): NpmConfig {
  const out: NpmConfig = {};
  let parsed: Record<string, unknown>;
  try {
    parsed = parse(text);
  } catch {
    return out;
  }
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') out[substitute(key, env)] = substitute(String(value), env);
  }
  return out;
}

function readUserNpmrc(env: NodeJS.ProcessEnv): string | undefined {
  const path = env.npm_config_userconfig ?? env.NPM_CONFIG_USERCONFIG ?? join(homedir(), '.npmrc');
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * npm's precedence without its CLI flags: built-in default < user ~/.npmrc < the project's .npmrc (read from
 * the scanned files, never executed) < `npm_config_*` environment variables. The global npmrc under npm's
 * prefix is left out: finding it means asking npm where it is installed.
 */
export function loadNpmConfig(projectNpmrc: string | undefined, env: NodeJS.ProcessEnv = process.env): NpmConfig {
  const config: NpmConfig = { registry: DEFAULT_REGISTRY };
  const user = readUserNpmrc(env);
  if (user) Object.assign(config, parseNpmrc(user, env));
  if (projectNpmrc) Object.assign(config, parseNpmrc(projectNpmrc, env));
  for (const [key, value] of Object.entries(env)) {
    const m = /^npm_config_(.+)$/i.exec(key);
    if (!m || value === undefined || value === '') continue;
    const name = m[1].toLowerCase();
    // Environment names cannot hold `:` or `/`; npm maps `_` to `-` for plain keys only.
    if (name === 'userconfig' || name === 'globalconfig') continue;
    config[name.startsWith('//') || name.startsWith('@') ? name : name.replace(/_/g, '-')] = value;
  }
  if (!config.registry.endsWith('/')) config.registry += '/';
  return config;
}

/** The registry a package name is fetched from: its scope's registry when `.npmrc` names one. */
export function registryFor(name: string, config: NpmConfig): string {
  const scope = name.startsWith('@') ? name.slice(0, name.indexOf('/')) : undefined;
  const url = (scope && config[`${scope}:registry`]) || config.registry || DEFAULT_REGISTRY;
  return url.endsWith('/') ? url : `${url}/`;
}

/** Options npm-registry-fetch understands, from npm's config names (auth keys pass through unchanged). */
export function fetchOptionsOf(config: NpmConfig): Record<string, unknown> {
  const opts: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (key.startsWith('//') || key.endsWith(':registry') || key === 'registry') opts[key] = value;
  }
  if (config['https-proxy']) opts.httpsProxy = config['https-proxy'];
  if (config.proxy) opts.proxy = config.proxy;
  if (config.noproxy) opts.noProxy = config.noproxy;
  if (config['strict-ssl'] === 'false') opts.strictSSL = false;
  if (config.ca) opts.ca = config.ca;
  return opts;
}
