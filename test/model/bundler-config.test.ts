import { describe, expect, it } from 'vitest';
import { readBundlerExposures } from '../../src/model/bundler-config.js';
import type { BundlerExposure, SourceFile } from '../../src/model/types.js';
import { parseScript } from '../../src/parse/javascript.js';
import { GEMINI_VITE_CONFIG } from '../rules/client-exposure/projects.js';

function file(path: string, text: string, role: SourceFile['role'] = 'config'): SourceFile {
  const language = path.endsWith('.ts') ? 'ts' : path.endsWith('.mjs') ? 'mjs' : path.endsWith('.cjs') ? 'cjs' : 'js';
  const { ast, error } = parseScript(text, language, path);
  if (error) throw new Error(`fixture does not parse: ${error.message}`);
  return {
    path, absPath: path, language, role, roleReason: 'tool configuration script', buildOutput: false, text,
    lineStarts: [0], minified: false, ast, suppressions: [],
  };
}

/** The exposures of one config file, without positions unless asked. */
function exposures(path: string, text: string): Omit<BundlerExposure, 'file' | 'column' | 'endLine' | 'endColumn'>[] {
  return readBundlerExposures([file(path, text)]).map(({ file: _f, column: _c, endLine: _el, endColumn: _ec, ...rest }) => rest);
}

describe('readBundlerExposures: Vite', () => {
  it('reads define entries that JSON.stringify a loadEnv variable inside defineConfig(({ mode }) => …)', () => {
    expect(exposures('vite.config.ts', GEMINI_VITE_CONFIG)).toEqual([
      { line: 8, via: 'vite-define', key: 'process.env.API_KEY', envName: 'GEMINI_API_KEY' },
      { line: 9, via: 'vite-define', key: 'process.env.GEMINI_API_KEY', envName: 'GEMINI_API_KEY' },
    ]);
  });

  it('reads process.env reads, literals and nested process.env objects in define', () => {
    const text = [
      "import { defineConfig } from 'vite';",
      'export default defineConfig({',
      '  define: {',
      "    __STRIPE__: JSON.stringify(process.env.STRIPE_SECRET_KEY),",
      "    __VERSION__: '\"1.2.3\"',",
      "    'process.env': { OPENAI_API_KEY: JSON.stringify(process.env.OPENAI_API_KEY) },",
      '  },',
      '});',
    ].join('\n');
    expect(exposures('vite.config.js', text)).toEqual([
      { line: 4, via: 'vite-define', key: '__STRIPE__', envName: 'STRIPE_SECRET_KEY' },
      { line: 5, via: 'vite-define', key: '__VERSION__', literal: '1.2.3' },
      { line: 6, via: 'vite-define', key: 'process.env.OPENAI_API_KEY', envName: 'OPENAI_API_KEY' },
    ]);
  });

  it("marks the whole environment: 'process.env': process.env, and loadEnv(…, '') passed whole", () => {
    const a = "export default { define: { 'process.env': process.env } };";
    expect(exposures('vite.config.mjs', a)).toEqual([{ line: 1, via: 'vite-define', key: 'process.env', allEnv: true, envSource: 'process.env' }]);
    const b = [
      "import { defineConfig, loadEnv } from 'vite';",
      'export default defineConfig(({ mode }) => {',
      "  const env = loadEnv(mode, process.cwd(), '');",
      "  return { define: { 'process.env': env } };",
      '});',
    ].join('\n');
    expect(exposures('vite.config.ts', b)).toEqual([{ line: 4, via: 'vite-define', key: 'process.env', allEnv: true, envSource: "loadEnv(…, '')" }]);
  });

  it('sees an env object built with Object.keys(env).reduce(…) as the whole environment', () => {
    const text = [
      "import { defineConfig, loadEnv } from 'vite';",
      'export default defineConfig(({ mode }) => {',
      "  const env = loadEnv(mode, process.cwd(), '');",
      '  const envKeys = Object.keys(env).reduce((acc, key) => {',
      '    acc[`process.env.${key}`] = JSON.stringify(env[key]);',
      '    return acc;',
      '  }, {});',
      '  return { define: envKeys };',
      '});',
    ].join('\n');
    const found = exposures('vite.config.ts', text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ via: 'vite-define', allEnv: true, envSource: "loadEnv(…, '')" });
  });

  it('ignores define built only from public variables, and loadEnv with its default VITE_ prefix', () => {
    const filtered = [
      "import { defineConfig, loadEnv } from 'vite';",
      'export default defineConfig(({ mode }) => {',
      "  const env = loadEnv(mode, process.cwd(), '');",
      "  const pub = Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith('VITE_')).map(([k, v]) => [`import.meta.env.${k}`, JSON.stringify(v)]));",
      '  return { define: pub };',
      '});',
    ].join('\n');
    expect(exposures('vite.config.ts', filtered)).toEqual([]);
    const defaultPrefix = [
      "import { defineConfig, loadEnv } from 'vite';",
      'export default defineConfig(({ mode }) => {',
      '  const env = loadEnv(mode, process.cwd());',
      "  return { define: { 'process.env': env, __SECRET__: JSON.stringify(env.STRIPE_SECRET_KEY) } };",
      '});',
    ].join('\n');
    expect(exposures('vite.config.ts', defaultPrefix)).toEqual([]);
  });

  it('limits a loadEnv environment to its extra prefixes', () => {
    const text = [
      "import { defineConfig, loadEnv } from 'vite';",
      'export default defineConfig(({ mode }) => {',
      "  const env = loadEnv(mode, process.cwd(), ['VITE_', 'SUPABASE_']);",
      "  return { define: { 'process.env': env } };",
      '});',
    ].join('\n');
    expect(exposures('vite.config.ts', text)).toEqual([
      { line: 4, via: 'vite-define', key: 'process.env', allEnv: true, prefix: 'SUPABASE_', envSource: "loadEnv(…, 'VITE_', 'SUPABASE_')" },
    ]);
  });

  it('reads envPrefix strings and arrays', () => {
    expect(exposures('vite.config.ts', "export default { envPrefix: ['VITE_', 'SUPABASE_'] };")).toEqual([
      { line: 1, via: 'vite-envPrefix', key: 'VITE_', prefix: 'VITE_' },
      { line: 1, via: 'vite-envPrefix', key: 'SUPABASE_', prefix: 'SUPABASE_' },
    ]);
    expect(exposures('vite.config.ts', "const config = { envPrefix: '' };\nexport default config;")).toEqual([
      { line: 1, via: 'vite-envPrefix', key: '', prefix: '' },
    ]);
  });

  it('follows destructured process.env bindings and a define object held in a const', () => {
    const text = [
      'const { OPENAI_API_KEY } = process.env;',
      "const define = { 'import.meta.env.VITE_OPENAI': JSON.stringify(OPENAI_API_KEY) };",
      "module.exports = require('vite').defineConfig({ define });",
    ].join('\n');
    expect(exposures('vite.config.cjs', text)).toEqual([{ line: 2, via: 'vite-define', key: 'import.meta.env.VITE_OPENAI', envName: 'OPENAI_API_KEY' }]);
  });

  it('reads define under the vite key of Astro and Nuxt configs', () => {
    const text = "export default defineNuxtConfig({ vite: { define: { __KEY__: JSON.stringify(process.env.ANTHROPIC_API_KEY) } } });";
    expect(exposures('nuxt.config.ts', text)).toEqual([{ line: 1, via: 'vite-define', key: '__KEY__', envName: 'ANTHROPIC_API_KEY' }]);
  });

  it('reads vite-plugin-environment', () => {
    const text = [
      "import EnvironmentPlugin from 'vite-plugin-environment';",
      "export default { plugins: [EnvironmentPlugin('all')] };",
    ].join('\n');
    expect(exposures('vite.config.ts', text)).toEqual([{ line: 2, via: 'vite-define', key: 'process.env', allEnv: true, envSource: "EnvironmentPlugin('all')" }]);
  });

  it('reads async config functions and configs behind satisfies', () => {
    const text = [
      "import { defineConfig, loadEnv, type UserConfig } from 'vite';",
      'export default defineConfig(async ({ mode }) => {',
      "  const env = loadEnv(mode, process.cwd(), '');",
      '  if (mode === "test") return {};',
      "  return { define: { __DB__: JSON.stringify(env.DATABASE_URL) } } satisfies UserConfig;",
      '});',
    ].join('\n');
    expect(exposures('vite.config.ts', text)).toEqual([{ line: 5, via: 'vite-define', key: '__DB__', envName: 'DATABASE_URL' }]);
  });

  it('stops on circular bindings', () => {
    const text = "const a = b;\nconst b = a;\nconst c = { define: { K: a } };\nexport default c;";
    expect(exposures('vite.config.js', text)).toEqual([]);
  });

  it('does not read files that are not bundler config, or not config role', () => {
    const text = "export default { define: { __K__: JSON.stringify(process.env.STRIPE_SECRET_KEY) } };";
    expect(readBundlerExposures([file('vitest.config.ts', text), file('tailwind.config.js', text), file('src/vite.config.ts', text, 'client')])).toEqual([]);
  });
});

describe('readBundlerExposures: Next.js', () => {
  it('reads the env block of module.exports and of a named config passed through wrappers', () => {
    const a = "module.exports = { reactStrictMode: true, env: { STRIPE_SECRET_KEY: process.env.STRIPE_SECRET_KEY, SITE: 'https://x.dev' } };";
    expect(exposures('next.config.js', a)).toEqual([
      { line: 1, via: 'next-config-env', key: 'process.env.STRIPE_SECRET_KEY', envName: 'STRIPE_SECRET_KEY' },
      { line: 1, via: 'next-config-env', key: 'process.env.SITE', literal: 'https://x.dev' },
    ]);
    const b = [
      "import type { NextConfig } from 'next';",
      'const nextConfig: NextConfig = {',
      '  env: {',
      '    OPENAI_API_KEY: process.env.OPENAI_API_KEY,',
      '  },',
      '};',
      'export default withSentryConfig(withPWA(nextConfig), { silent: true });',
    ].join('\n');
    expect(exposures('next.config.ts', b)).toEqual([{ line: 4, via: 'next-config-env', key: 'process.env.OPENAI_API_KEY', envName: 'OPENAI_API_KEY' }]);
  });

  it('reads a spread of process.env and publicRuntimeConfig, and config functions', () => {
    const text = "module.exports = (phase) => ({ env: { ...process.env }, publicRuntimeConfig: { dbUrl: process.env.DATABASE_URL } });";
    expect(exposures('next.config.mjs', text)).toEqual([
      { line: 1, via: 'next-config-env', key: 'process.env', allEnv: true, envSource: 'process.env' },
      { line: 1, via: 'next-public-runtime-config', key: 'publicRuntimeConfig.dbUrl', envName: 'DATABASE_URL' },
    ]);
  });

  it('ignores serverRuntimeConfig and images settings', () => {
    const text = "module.exports = { serverRuntimeConfig: { secret: process.env.JWT_SECRET }, images: { domains: ['x.dev'] } };";
    expect(exposures('next.config.js', text)).toEqual([]);
  });

  it('reads a DefinePlugin inside the webpack hook', () => {
    const text = [
      'module.exports = {',
      '  webpack: (config, { webpack }) => {',
      "    config.plugins.push(new webpack.DefinePlugin({ 'process.env.ADMIN_TOKEN': JSON.stringify(process.env.ADMIN_TOKEN) }));",
      '    return config;',
      '  },',
      '};',
    ].join('\n');
    expect(exposures('next.config.js', text)).toEqual([{ line: 3, via: 'webpack-define', key: 'process.env.ADMIN_TOKEN', envName: 'ADMIN_TOKEN' }]);
  });
});

describe('readBundlerExposures: webpack and Expo', () => {
  it('reads the dotenv reduce pattern passed to DefinePlugin', () => {
    const text = [
      "const webpack = require('webpack');",
      "const env = require('dotenv').config().parsed;",
      'const envKeys = Object.keys(env).reduce((prev, next) => {',
      '  prev[`process.env.${next}`] = JSON.stringify(env[next]);',
      '  return prev;',
      '}, {});',
      'module.exports = { plugins: [new webpack.DefinePlugin(envKeys)] };',
    ].join('\n');
    const found = exposures('webpack.config.js', text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ via: 'webpack-define', allEnv: true, envSource: 'dotenv' });
  });

  it("reads DefinePlugin({ 'process.env': JSON.stringify(process.env) }) and EnvironmentPlugin lists", () => {
    const text = [
      "const { DefinePlugin, EnvironmentPlugin } = require('webpack');",
      'module.exports = {',
      '  plugins: [',
      "    new DefinePlugin({ 'process.env': JSON.stringify(process.env) }),",
      "    new EnvironmentPlugin(['NODE_ENV', 'SENDGRID_API_KEY']),",
      '  ],',
      '};',
    ].join('\n');
    expect(exposures('webpack.prod.config.js', text)).toEqual([
      { line: 4, via: 'webpack-define', key: 'process.env', allEnv: true, envSource: 'process.env' },
      { line: 5, via: 'webpack-define', key: 'process.env.NODE_ENV', envName: 'NODE_ENV' },
      { line: 5, via: 'webpack-define', key: 'process.env.SENDGRID_API_KEY', envName: 'SENDGRID_API_KEY' },
    ]);
  });

  it('reads extra of an Expo app.config', () => {
    const text = [
      "export default ({ config }) => ({",
      '  ...config,',
      '  extra: { openaiKey: process.env.OPENAI_API_KEY, eas: { projectId: process.env.EAS_PROJECT_ID } },',
      '});',
    ].join('\n');
    expect(exposures('app.config.js', text)).toEqual([
      { line: 3, via: 'expo-config-extra', key: 'extra.openaiKey', envName: 'OPENAI_API_KEY' },
      { line: 3, via: 'expo-config-extra', key: 'extra.eas.projectId', envName: 'EAS_PROJECT_ID' },
    ]);
  });

  it('never runs the config: a config that would throw is still read', () => {
    const text = "throw new Error('do not run me');\nmodule.exports = { env: { SECRET_TOKEN: process.env.SECRET_TOKEN } };";
    expect(exposures('next.config.js', text)).toEqual([{ line: 2, via: 'next-config-env', key: 'process.env.SECRET_TOKEN', envName: 'SECRET_TOKEN' }]);
  });
});
