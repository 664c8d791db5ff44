import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempProject } from '../helpers/temp-project.js';

/**
 * A repository whose every config file and install script writes a marker file when run, imported or
 * required. vibeaudit reads these files; it must never load them.
 */
function trappedRepo(markers: string): Record<string, string> {
  const mark = (name: string) => JSON.stringify(join(markers, name));
  const cjs = (name: string, body: string) => `require('node:fs').writeFileSync(${mark(name)}, 'ran');\nmodule.exports = ${body};\n`;
  const esm = (name: string, body: string) => `import { writeFileSync } from 'node:fs';\nwriteFileSync(${mark(name)}, 'ran');\nexport default ${body};\n`;
  const shell = (name: string) => `node -e "require('fs').writeFileSync(${mark(name).replace(/"/g, '\\"')}, 'ran')"`;
  return {
    'package.json': JSON.stringify({
      name: 'trapped',
      scripts: { preinstall: shell('preinstall'), install: shell('install'), postinstall: shell('postinstall'), prepare: shell('prepare'), build: shell('build'), test: shell('test') },
      dependencies: { next: '15.0.0', vite: '6.2.0', express: '4.19.2' },
    }),
    'next.config.js': cjs('next.config.js', '{ env: { STRIPE_SECRET_KEY: process.env.STRIPE_SECRET_KEY } }'),
    'vite.config.ts': esm('vite.config.ts', "{ define: { 'process.env.API_KEY': JSON.stringify(process.env.GEMINI_API_KEY) } }"),
    'tailwind.config.js': cjs('tailwind.config.js', '{ content: [] }'),
    'postcss.config.cjs': cjs('postcss.config.cjs', '{ plugins: {} }'),
    '.eslintrc.js': cjs('.eslintrc.js', '{ rules: {} }'),
    'eslint.config.mjs': esm('eslint.config.mjs', '[]'),
    'babel.config.js': cjs('babel.config.js', '{}'),
    'jest.config.js': cjs('jest.config.js', '{}'),
    'vitest.config.ts': esm('vitest.config.ts', '{}'),
    'webpack.config.js': cjs('webpack.config.js', '{}'),
    'drizzle.config.ts': esm('drizzle.config.ts', '{}'),
    'prettier.config.cjs': cjs('prettier.config.cjs', '{}'),
    'src/server.ts': `import express from 'express';\nimport './side-effect.js';\nconst app = express();\napp.get('/health', (_req, res) => res.send('ok'));\napp.listen(3000);\n`,
    'src/side-effect.js': cjs('src/side-effect.js', '{}'),
    '.husky/pre-commit': shell('husky'),
  };
}

describe('nothing from the scanned repository is executed or required', () => {
  it('scans, checks, lists routes and writes a baseline without running a config file or script', () => {
    const markers = mkdtempSync(join(tmpdir(), 'vibeaudit-markers-'));
    const root = tempProject(trappedRepo(markers));
    const scan = runCli(['scan', root, '--format', 'json', '--offline'], { cwd: root });
    expect(scan.stderr).toBe('');
    // The configs were read: the exposed secrets in next.config.js and vite.config.ts are reported.
    const found = (JSON.parse(scan.stdout) as { findings: { ruleId: string; file: string }[] }).findings.map((f) => `${f.file} ${f.ruleId}`);
    expect(found).toEqual(expect.arrayContaining(['next.config.js bundler-exposes-secret-env', 'vite.config.ts bundler-exposes-secret-env']));

    for (const args of [['checklist', root, '--format', 'json', '--offline'], ['routes', root, '--format', 'json'], ['baseline', root, '--offline', '-o', join(markers, '..', `${markers.split('/').pop()}-baseline.json`)]]) {
      const r = runCli(args, { cwd: root });
      expect(r.stderr, args[0]).toBe('');
    }
    expect(readdirSync(markers)).toEqual([]);
    expect(existsSync(join(root, 'node_modules'))).toBe(false);
  }, 120_000);
});
