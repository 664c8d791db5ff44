import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discover, type DiscoverOptions } from '../../src/discover/walk.js';
import { tempProject } from '../helpers/temp-project.js';

const options: DiscoverOptions = { include: [], exclude: [], maxFileSize: 1024 * 1024 };
const paths = (root: string, opts = options) => discover(root, opts).files.map((f) => f.path);

describe('discovery', () => {
  it('honours the root .gitignore, nested .gitignore files and negations', () => {
    const root = tempProject({
      '.gitignore': '*.log\n.env\nsecret/\n',
      'a.ts': '',
      'debug.log': '',
      '.env': 'A=1',
      'secret/x.ts': '',
      'pkg/.gitignore': 'generated/\n!keep.log\n',
      'pkg/keep.log': '',
      'pkg/generated/g.ts': '',
      'pkg/src/b.ts': '',
      'other/generated/kept.ts': '',
    });
    expect(paths(root)).toEqual(['.gitignore', 'a.ts', 'other/generated/kept.ts', 'pkg/.gitignore', 'pkg/keep.log', 'pkg/src/b.ts']);
  });

  it('applies the first 1,000 patterns of a .gitignore that lists more, and says so with the line of the cut', () => {
    // Comments and blank lines are not patterns.
    const lines = ['# generated', '', 'early.log', ...Array.from({ length: 1200 }, (_, i) => `gen${i}/`), 'late.log'];
    const root = tempProject({ '.gitignore': lines.join('\n'), 'early.log': '', 'late.log': '', 'gen5/a.ts': '', 'gen1100/b.ts': '', 'src/c.ts': '' });
    const result = discover(root, options);
    expect(result.files.map((f) => f.path)).toEqual(['.gitignore', 'gen1100/b.ts', 'late.log', 'src/c.ts']);
    expect(result.notifications).toEqual([
      { level: 'warning', kind: 'config', message: 'This .gitignore lists 1,202 patterns; only the first 1,000 are applied, so files the rest would exclude may be scanned.', file: '.gitignore', line: 1003 },
    ]);
    // Up to the limit, nothing is cut.
    const small = tempProject({ '.gitignore': Array.from({ length: 1000 }, (_, i) => `gen${i}/`).join('\n'), 'gen999/x.ts': '', 'y.ts': '' });
    expect(discover(small, options)).toMatchObject({ files: [{ path: '.gitignore' }, { path: 'y.ts' }], notifications: [] });
  });

  it('skips dependency, VCS and cache folders', () => {
    const root = tempProject({ 'node_modules/x/index.js': '', '.git/config': '', 'coverage/lcov.info': '', '.turbo/log': '', 'src/a.ts': '' });
    expect(paths(root)).toEqual(['src/a.ts']);
  });

  it('keeps build output that ships to browsers, even when git ignores it, and marks it', () => {
    const root = tempProject({
      '.gitignore': '/dist/\n.next/\n',
      'package.json': '{}',
      'dist/assets/index-abc.js': 'x',
      '.next/static/chunks/main.js': 'x',
      '.next/server/app.js': 'x',
      '.next/cache/data': 'x',
      'src/dist/helper.ts': '',
    });
    const found = discover(root, options).files;
    expect(found.map((f) => [f.path, f.buildOutput])).toEqual([
      ['.gitignore', false],
      ['.next/static/chunks/main.js', true],
      ['dist/assets/index-abc.js', true],
      ['package.json', false],
      ['src/dist/helper.ts', false],
    ]);
  });

  it('skips binary files by extension and files over the size cap with a notification', () => {
    const root = tempProject({ 'logo.png': Buffer.from([137, 80, 78, 71, 0, 0]), 'big.js': 'x'.repeat(2048), 'small.js': 'ok' });
    const result = discover(root, { ...options, maxFileSize: 1024 });
    expect(result.files.map((f) => f.path)).toEqual(['small.js']);
    expect(result.skippedBinary).toBe(1);
    expect(result.notifications).toEqual([expect.objectContaining({ kind: 'skipped-file', file: 'big.js' })]);
  });

  it('reads lockfiles whatever the size cap', () => {
    const root = tempProject({ 'package-lock.json': `{"a":"${'x'.repeat(4096)}"}` });
    expect(paths(root, { ...options, maxFileSize: 1024 })).toEqual(['package-lock.json']);
  });

  it('never follows a symlink out of the root, nor symlinked folders', () => {
    const outside = tempProject({ 'stolen.env': 'SECRET=1' });
    const root = tempProject({ 'src/a.ts': '' });
    symlinkSync(join(outside, 'stolen.env'), join(root, 'link.env'));
    symlinkSync(outside, join(root, 'linkdir'));
    symlinkSync(join(root, 'src'), join(root, 'loop'));
    symlinkSync(join(root, 'src/a.ts'), join(root, 'inside.ts'));
    const result = discover(root, options);
    expect(result.files.map((f) => f.path)).toEqual(['inside.ts', 'src/a.ts']);
    expect(result.notifications.map((n) => n.file).sort()).toEqual(['link.env', 'linkdir']);
  });

  it('applies user include and exclude globs', () => {
    const root = tempProject({ 'src/a.ts': '', 'src/legacy/b.ts': '', 'scripts/c.js': '' });
    expect(paths(root, { ...options, exclude: ['legacy/'] })).toEqual(['scripts/c.js', 'src/a.ts']);
    expect(paths(root, { ...options, include: ['src/**'] })).toEqual(['src/a.ts', 'src/legacy/b.ts']);
  });

  it('survives an unreadable folder with a notification', () => {
    if (process.getuid?.() === 0) return; // root reads everything; nothing to test
    const root = tempProject({ 'ok.ts': '' });
    mkdirSync(join(root, 'locked'));
    writeFileSync(join(root, 'locked/x.ts'), '');
    chmodSync(join(root, 'locked'), 0);
    const result = discover(root, options);
    expect(result.notifications).toEqual([expect.objectContaining({ kind: 'read-error', file: 'locked' })]);
    chmodSync(join(root, 'locked'), 0o755);
  });

  it('fails clearly on a missing root', () => {
    expect(() => discover(join(tmpdir(), 'no-such-vibeaudit-dir'), options)).toThrow();
  });
});
