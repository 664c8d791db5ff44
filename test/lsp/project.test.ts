import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WorkspaceProject } from '../../src/lsp/project.js';
import { fakeToken } from '../../src/rules/secrets/fake.js';
import { tempProject } from '../helpers/temp-project.js';

const STRIPE = fakeToken('sk_live_', 99);
const FILES = {
  'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.19.0' } }),
  'server/app.js': "import express from 'express';\nimport { total } from './util.js';\nconst app = express();\napp.get('/health', (_req, res) => res.send(String(total([1]))));\napp.listen(3000);\n",
  'server/util.js': 'export const total = (xs) => xs.reduce((a, b) => a + b, 0);\n',
  'src/components/Nav.jsx': "export const Nav = () => <nav>home</nav>;\n",
};
const SCRIPTS = 3;

/**
 * A project on disk whose files were written well before the scans read them, as files are between edits: a stamp
 * taken within two seconds of a read proves nothing (src/cache/known-texts.ts), so the clock is set ahead.
 */
function settledProject(): string {
  const root = tempProject(FILES);
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.now() + 10_000);
  return root;
}

describe('language-server rescans of one workspace folder', () => {
  const roots: string[] = [];
  afterEach(() => {
    vi.useRealTimers();
    for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
  });

  it('loads unchanged scripts by their stamp, taken again on every scan, without reading them', async () => {
    const root = settledProject();
    roots.push(root);
    const project = new WorkspaceProject(root, () => undefined);
    const first = await project.scan(new Map());
    expect(project.results.textsKnown).toBe(0);
    const second = await project.scan(new Map());
    expect(project.results.textsKnown).toBe(SCRIPTS);
    expect(second.result.findings).toEqual(first.result.findings);
    // A buffer open in the editor is its text, never what the disk held.
    await project.scan(new Map([['server/util.js', `${FILES['server/util.js']}// edited\n`]]));
    expect(project.results.textsKnown).toBe(SCRIPTS - 1);
  });

  it('sees a file changed on disk since the folder was walked, with no notification from the editor', async () => {
    const root = settledProject();
    roots.push(root);
    const project = new WorkspaceProject(root, () => undefined);
    await project.scan(new Map());
    await project.scan(new Map());
    expect(project.results.textsKnown).toBe(SCRIPTS);
    // Written by another program (git checkout, a formatter): the kept file list is not walked again.
    writeFileSync(join(root, 'server/util.js'), `export const stripeKey = '${STRIPE}';\n${FILES['server/util.js']}`);
    const after = await project.scan(new Map());
    expect(project.results.textsKnown).toBe(SCRIPTS - 1);
    expect(after.result.findings.filter((f) => f.file === 'server/util.js').map((f) => f.ruleId)).toContain('hardcoded-secret');
  });

  it('analyses a file created in the folder on its own, keeping the results of every other file', async () => {
    const root = settledProject();
    roots.push(root);
    const project = new WorkspaceProject(root, () => undefined);
    await project.scan(new Map());
    const { hits, misses } = project.results;
    writeFileSync(join(root, 'server/keys.js'), `export const stripeKey = '${STRIPE}';\n`);
    project.filesChanged();
    const after = await project.scan(new Map());
    expect(project.results.misses - misses).toBe(1);
    expect(project.results.hits - hits).toBe(Object.keys(FILES).length);
    expect(after.parsed).toBe(1);
    expect(after.result.findings.filter((f) => f.file === 'server/keys.js').map((f) => f.ruleId)).toContain('hardcoded-secret');
  });
});
