import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/errors.js';
import { changedSince } from '../../src/git/changed.js';
import { commitAll, git, gitRepo, writeFiles } from '../helpers/git-repo.js';

const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\n') + '\n';

describe('changedSince', () => {
  it('measures from the merge base: commits on the branch, uncommitted edits and untracked files', async () => {
    const { root, base } = gitRepo({ 'src/a.ts': lines(10), 'src/b.ts': lines(5), 'keep.ts': lines(3) });
    git(root, 'checkout', '-q', '-b', 'feature');
    writeFiles(root, { 'src/a.ts': lines(10).replace('line 4\n', 'line 4 edited\n'), 'src/renamed.ts': lines(5), 'src/b.ts': null });
    commitAll(root, 'feature work');
    // main moves on after the branch point: its changes are not the branch's.
    git(root, 'checkout', '-q', 'main');
    writeFiles(root, { 'keep.ts': lines(4) });
    commitAll(root, 'main moves');
    git(root, 'checkout', '-q', 'feature');
    writeFiles(root, { 'src/a.ts': lines(10).replace('line 4\n', 'line 4 edited\n').replace('line 9\n', 'line 9 uncommitted\n'), 'scratch.ts': 'x\n' });

    const change = await changedSince(root, 'main');
    expect(change.base).toBe(base);
    expect([...(change.lines.get('src/a.ts') as Set<number>)].sort((a, b) => a - b)).toEqual([4, 9]);
    expect(change.lines.get('src/renamed.ts')).toBe('all');
    expect(change.lines.get('scratch.ts')).toBe('all');
    expect(change.lines.has('src/b.ts')).toBe(false);
    expect(change.lines.has('keep.ts')).toBe(false);
  });

  it('gives paths relative to a scanned subfolder and leaves out changes outside it', async () => {
    const { root } = gitRepo({ 'apps/api/server.ts': lines(3), 'web/page.ts': lines(3) });
    writeFiles(root, { 'apps/api/server.ts': lines(4), 'web/page.ts': lines(4) });
    commitAll(root, 'head');
    const change = await changedSince(join(root, 'apps/api'), 'HEAD~1');
    expect([...change.lines.keys()]).toEqual(['server.ts']);
  });

  it('says how to fetch more history when the base commit is missing from a shallow clone', async () => {
    const { root, base } = gitRepo({ 'a.ts': lines(2) });
    writeFiles(root, { 'a.ts': lines(3) });
    commitAll(root, 'head');
    const clone = join(mkdtempSync(join(tmpdir(), 'vibeaudit-shallow-')), 'clone');
    git(root, 'clone', '-q', '--depth=1', `file://${root}`, clone);
    const err = await changedSince(clone, base).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/not in this clone.*shallow.*fetch-depth: 0/s);
  });

  it('rejects refs that are not commits, refs that look like options, and folders outside git', async () => {
    const { root } = gitRepo({ 'a.ts': 'x\n' });
    await expect(changedSince(root, 'no-such-branch')).rejects.toThrow(/"no-such-branch" is not a commit, branch or tag/);
    await expect(changedSince(root, '--output=/tmp/x')).rejects.toThrow(/is not a git ref/);
    const plain = mkdtempSync(join(tmpdir(), 'vibeaudit-nogit-'));
    await expect(changedSince(plain, 'main')).rejects.toThrow(/needs a git repository/);
  });
});
