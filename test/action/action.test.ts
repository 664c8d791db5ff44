import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionYml, runActionLikeARunner } from '../helpers/action-runner.js';
import { commitAll, git, gitRepo, writeFiles } from '../helpers/git-repo.js';
import { REPO } from '../helpers/run-cli.js';
import { tempProject } from '../helpers/temp-project.js';

// Built at run time so that no whole fake key sits in this file's text.
const KEY_OLD = ['sk', 'live', 'Zt4Qm9Xr2Lw8Kp3Vb7Nc1Hy6'].join('_');
const KEY_NEW = ['sk', 'live', 'Qa8Wn3Ks7Ld2Pf6Hj1Mz5Rx4'].join('_');
const SERVER = `import express from 'express';\nconst app = express();\nconst key = '${KEY_OLD}';\nexport { app, key };\n`;

interface Request {
  method: string;
  url: string;
  auth?: string;
  body?: { body: string };
}

/** Stands in for the GitHub REST API: issue comments of pull request 7 in acme/shop. */
class FakeGitHub {
  requests: Request[] = [];
  comments: { id: number; body: string }[] = [{ id: 1, body: 'LGTM from a human' }];
  private server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = raw ? (JSON.parse(raw) as { body: string }) : undefined;
      this.requests.push({ method: req.method ?? '', url: req.url ?? '', auth: req.headers.authorization, body });
      const send = (status: number, data: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(data));
      };
      const url = new URL(req.url ?? '/', 'http://x');
      if (req.method === 'GET' && url.pathname === '/repos/acme/shop/issues/7/comments') return send(200, this.comments);
      if (req.method === 'POST' && url.pathname === '/repos/acme/shop/issues/7/comments' && body) {
        const comment = { id: 100 + this.comments.length, body: body.body };
        this.comments.push(comment);
        return send(201, comment);
      }
      const patch = /^\/repos\/acme\/shop\/issues\/comments\/(\d+)$/.exec(url.pathname);
      const target = patch && this.comments.find((c) => c.id === Number(patch[1]));
      if (req.method === 'PATCH' && target && body) {
        target.body = body.body;
        return send(200, target);
      }
      send(404, { message: 'Not Found' });
    });
  });
  url = '';
  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const api = new FakeGitHub();
beforeAll(async () => {
  // The build step must find dist/ (the global setup builds it) and never run npm ci in this checkout.
  expect(existsSync(join(REPO, 'dist/action/main.js'))).toBe(true);
  await api.start();
});
afterAll(() => api.stop());

/** A repository with the old finding on main and a pull request branch that adds one and moves the old one. */
function pullRequestRepo(): { root: string; base: string; head: string } {
  const { root, base } = gitRepo({ 'server.js': SERVER, 'README.md': '# shop\n' });
  git(root, 'checkout', '-q', '-b', 'feature');
  writeFiles(root, { 'server.js': `// payments\n${SERVER}export const added = '${KEY_NEW}';\n` });
  const head = commitAll(root, 'add a second key');
  return { root, base, head };
}

const prPayload = (base: string, head: string) => ({ pull_request: { number: 7, base: { sha: base, ref: 'main' }, head: { sha: head, ref: 'feature' } } });

describe('action.yml', () => {
  it('is a composite action whose inputs include everything the README documents', () => {
    const yml = actionYml();
    expect(yml.runs.using).toBe('composite');
    expect(Object.keys(yml.inputs)).toEqual(['path', 'fail-on', 'new-findings-only', 'baseline', 'config', 'offline', 'checklist', 'checklist-fail-under', 'checklist-require', 'sarif', 'markdown', 'comment', 'github-token', 'max-annotations', 'cache']);
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    for (const name of ['security-events: write', 'pull-requests: write', 'fetch-depth: 0', 'github/codeql-action/upload-sarif', 'pull_request:', 'push:']) expect(readme).toContain(name);
  });

  it('on a pull request reports only what it adds: summary, annotations, outputs, exit status, one comment updated on each push', async () => {
    const { root, base, head } = pullRequestRepo();
    const first = await runActionLikeARunner({ workspace: root, eventName: 'pull_request', payload: prPayload(base, head), apiUrl: api.url, inputs: { comment: 'true' } });

    expect(first.code, first.log).toBe(1);
    expect(first.log).toContain('vibeaudit is already built.');
    expect(first.log).toMatch(/^::error file=server\.js,line=6,endLine=6,col=\d+,title=vibeaudit (critical|high)%3A hardcoded-secret::.+$/m);
    expect(first.log).not.toMatch(/^::\w+ file=server\.js,line=4,/m);
    expect(first.log).toMatch(/^::error title=vibeaudit::1 new finding at or above high\./m);
    expect(first.log).not.toContain(KEY_NEW);
    expect(first.summary).toMatch(/^\*\*vibeaudit\*\*: 1 new finding · ❌ 1 at or above high\n\n# vibeaudit report/);
    expect(first.summary).toMatch(/Only what changed since [0-9a-f]{40} \([0-9a-f]{12}\): 1 finding outside the changed lines hidden\./);
    expect(first.summary).not.toContain(KEY_NEW);
    expect(first.outputs).toMatchObject({ 'new-findings': '1', 'failing-findings': '1', 'hidden-findings': '1', passed: 'false' });
    expect(first.outputs.sarif).toBe(join(root, 'vibeaudit.sarif'));
    expect(readFileSync(first.outputs.markdown, 'utf8')).toContain('# vibeaudit report');
    // SARIF keeps the old finding too: code scanning does its own comparison with the base.
    const sarif = JSON.parse(readFileSync(first.outputs.sarif, 'utf8'));
    expect(sarif.runs[0].results.map((r: { locations: { physicalLocation: { region: { startLine: number } } }[] }) => r.locations[0].physicalLocation.region.startLine).sort()).toEqual([4, 6]);

    const posts = api.requests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0].auth).toBe('Bearer ghs_testtoken');
    expect(api.comments).toHaveLength(2);
    const ours = api.comments[1];
    expect(ours.body.startsWith('<!-- vibeaudit-report -->\n# vibeaudit report')).toBe(true);
    expect(ours.body).toContain('hardcoded-secret');

    // The next push removes the new key: the same comment is updated, no new one is made, and the job passes.
    writeFiles(root, { 'server.js': `// payments\n${SERVER}` });
    const fixed = commitAll(root, 'remove the key');
    api.requests = [];
    const second = await runActionLikeARunner({ workspace: root, eventName: 'pull_request', payload: prPayload(base, fixed), apiUrl: api.url, inputs: { comment: 'true' } });
    expect(second.code, second.log).toBe(0);
    expect(second.log).not.toMatch(/^::error/m);
    expect(api.requests.map((r) => r.method)).toEqual(['GET', 'PATCH']);
    expect(api.requests[1].url).toBe(`/repos/acme/shop/issues/comments/${ours.id}`);
    expect(api.comments).toHaveLength(2);
    expect(api.comments[1].body).toMatch(/^<!-- vibeaudit-report -->\n# vibeaudit report\n\n✅ \*\*No findings at or above high/);
    expect(second.outputs).toMatchObject({ 'new-findings': '0', 'failing-findings': '0', passed: 'true' });
  });

  it('on a push reports every finding, honours fail-on and a subfolder path, and posts no comment', async () => {
    const root = tempProject({});
    git(root, 'init', '-q');
    writeFiles(root, { 'apps/api/server.js': SERVER });
    const head = commitAll(root, 'main');
    api.requests = [];
    const run = await runActionLikeARunner({
      workspace: root,
      eventName: 'push',
      payload: { before: '0000000000000000000000000000000000000000', after: head },
      apiUrl: api.url,
      inputs: { path: 'apps/api', 'fail-on': 'none', comment: 'true', sarif: 'out/va.sarif' },
    });
    expect(run.code, run.log).toBe(0);
    expect(run.log).toMatch(/^::warning file=apps\/api\/server\.js,line=3,/m);
    expect(run.log).toContain('::notice title=vibeaudit::comment is on, but this run is not for a pull request');
    expect(run.outputs).toMatchObject({ 'new-findings': '1', 'failing-findings': '0', 'hidden-findings': '0', passed: 'true', sarif: join(root, 'out/va.sarif') });
    expect(JSON.parse(readFileSync(join(root, 'out/va.sarif'), 'utf8')).runs[0].automationDetails).toEqual({ id: 'vibeaudit/apps/api/' });
    expect(run.summary).toMatch(/^\*\*vibeaudit\*\*: 1 finding\n/);
    expect(api.requests).toEqual([]);
  });

  it('keeps results in the runner temporary folder (restored by actions/cache), so the next push analyses only what changed', async () => {
    const yml = actionYml();
    const restore = yml.runs.steps.find((s) => s.uses?.startsWith('actions/cache@'));
    // Pinned to a commit, as vibeaudit's own actions-unpinned rule asks of every workflow.
    expect(restore?.uses).toMatch(/^actions\/cache@[0-9a-f]{40}$/);
    expect(restore?.with?.path).toBe('${{ runner.temp }}/vibeaudit-cache');
    expect(yml.runs.steps.find((s) => s.id === 'scan')?.env?.VIBEAUDIT_CACHE_DIR).toBe(restore?.with?.path);
    const root = tempProject({});
    git(root, 'init', '-q');
    writeFiles(root, { 'server.js': SERVER, 'lib/a.js': 'export const a = 1;\n', 'lib/b.js': 'export const b = 2;\n' });
    const first = commitAll(root, 'main');
    const runnerTemp = mkdtempSync(join(tmpdir(), 'vibeaudit-runner-temp-'));
    // Reports outside the checkout, as each run of a real job starts from a fresh one: kept results hold for the
    // same list of files (a file added or removed starts them over).
    const inputs = { 'fail-on': 'none', sarif: join(runnerTemp, 'r.sarif'), markdown: join(runnerTemp, 'r.md') };
    const push = (after: string) => runActionLikeARunner({ workspace: root, eventName: 'push', payload: { before: '0'.repeat(40), after }, apiUrl: api.url, runnerTemp, inputs });
    const cold = await push(first);
    expect(cold.code, cold.log).toBe(0);
    expect(cold.log).toMatch(/^vibeaudit: 0 of \d+ files had results kept from an earlier run/m);
    expect(readdirSync(join(runnerTemp, 'vibeaudit-cache/scan'))).toHaveLength(1);
    writeFiles(root, { 'lib/b.js': 'export const b = 3;\n' });
    const second = await push(commitAll(root, 'b'));
    const files = Number(/of (\d+) files had/.exec(second.log)![1]);
    expect(second.log).toContain(`vibeaudit: ${files - 1} of ${files} files had results kept from an earlier run`);
    const untimed = (summary: string) => summary.replace(/ in [\d.]+ ?m?s\./, '');
    expect(untimed(second.summary)).toBe(untimed(cold.summary));
    expect(second.outputs['new-findings']).toBe(cold.outputs['new-findings']);
    // Off: nothing kept, nothing reused.
    const off = await runActionLikeARunner({ workspace: root, eventName: 'push', payload: { before: '0'.repeat(40), after: first }, apiUrl: api.url, runnerTemp, inputs: { ...inputs, cache: 'false' } });
    expect(off.log).not.toContain('had results kept');
  });

  it('adds the checklist to the summary and gates on its score and required items', async () => {
    const root = tempProject({});
    git(root, 'init', '-q');
    writeFiles(root, { 'apps/api/server.js': `import express from 'express';\nconst app = express();\napp.get('/health', (req, res) => res.send('ok'));\napp.listen(3000);\n`, 'apps/api/package.json': '{ "name": "api", "dependencies": { "express": "^4.21.1" } }' });
    const head = commitAll(root, 'main');
    const payload = { before: '0000000000000000000000000000000000000000', after: head };
    const report = await runActionLikeARunner({ workspace: root, eventName: 'push', payload, inputs: { path: 'apps/api', checklist: 'true' } });
    expect(report.code, report.log).toBe(0);
    expect(report.summary).toMatch(/^## Pre-deploy checklist$/m);
    expect(report.summary).toMatch(/^- \[ \] \*\*Rate limiting on auth and API routes\*\* \(missing\)/m);
    expect(Number(report.outputs['readiness-score'])).toBeLessThan(60);

    const gated = await runActionLikeARunner({ workspace: root, eventName: 'push', payload, inputs: { path: 'apps/api', 'checklist-fail-under': '60', 'checklist-require': 'health-endpoint,rate-limiting' } });
    expect(gated.code, gated.log).toBe(1);
    expect(gated.log).toMatch(/^::error title=vibeaudit checklist::readiness score \d+ is below 60$/m);
    expect(gated.log).toMatch(/^::error title=vibeaudit checklist::required item rate-limiting is missing/m);
    expect(gated.log).not.toMatch(/required item health-endpoint/);
    expect(gated.outputs.passed).toBe('false');

    const unknown = await runActionLikeARunner({ workspace: root, eventName: 'push', payload, inputs: { path: 'apps/api', 'checklist-require': 'rate-limits' } });
    expect(unknown.code).toBe(2);
    expect(unknown.log).toMatch(/^::error title=vibeaudit::input checklist-require: unknown item "rate-limits"/m);
  });

  it('fails with exit 2 and a fetch-depth hint when the base commit is not in a shallow checkout', async () => {
    const { root, base, head } = pullRequestRepo();
    const clone = tempProject({});
    git(clone, 'clone', '-q', '--depth=1', '--branch', 'feature', `file://${root}`, 'ws');
    const run = await runActionLikeARunner({ workspace: join(clone, 'ws'), eventName: 'pull_request', payload: prPayload(base, head) });
    expect(run.code).toBe(2);
    expect(run.log).toMatch(/^::error title=vibeaudit::--changed-since: the commit "[0-9a-f]{40}" is not in this clone\..*fetch-depth: 0/m);
    expect(run.outputs['new-findings']).toBe('');
  });

  it('rejects a bad input with exit 2 naming the input', async () => {
    const { root, base, head } = pullRequestRepo();
    const run = await runActionLikeARunner({ workspace: root, eventName: 'pull_request', payload: prPayload(base, head), inputs: { 'fail-on': 'severe' } });
    expect(run.code).toBe(2);
    expect(run.log).toMatch(/^::error title=vibeaudit::input fail-on: expected one of critical, high, medium, low, info, none, got "severe"$/m);
  });

  it('uses a baseline file when given, and caps annotations', async () => {
    const { root, base, head } = pullRequestRepo();
    const run = await runActionLikeARunner({
      workspace: root,
      eventName: 'pull_request',
      payload: prPayload(base, head),
      inputs: { baseline: 'missing-baseline.json' },
    });
    expect(run.code).toBe(2);
    expect(run.log).toMatch(/^::error title=vibeaudit::missing-baseline\.json: cannot read the baseline file \(no such file or folder, ENOENT\)/m);

    const capped = await runActionLikeARunner({ workspace: root, eventName: 'pull_request', payload: prPayload(base, head), inputs: { 'new-findings-only': 'false', 'max-annotations': '1' } });
    expect(capped.code).toBe(1);
    expect(capped.log.match(/^::(error|warning) file=/gm)).toHaveLength(1);
    expect(capped.log).toContain('::notice::1 more new findings are listed in the job summary.');
  });
});
