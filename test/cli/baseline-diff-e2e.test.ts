import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitAll, git, gitRepo, writeFiles } from '../helpers/git-repo.js';
import { runCli } from '../helpers/run-cli.js';
import { tempProject } from '../helpers/temp-project.js';
import { sarifErrors } from '../report/sarif-schema.js';

// Built at run time so that no whole fake key sits in this file's text.
const KEY_A = ['sk', 'live', 'Zt4Qm9Xr2Lw8Kp3Vb7Nc1Hy6'].join('_');
const KEY_B = ['sk', 'live', 'Qa8Wn3Ks7Ld2Pf6Hj1Mz5Rx4'].join('_');
const SERVER = `import express from 'express';\nconst app = express();\nconst key = '${KEY_A}';\nexport { app, key };\n`;

interface JsonOut {
  findings: { ruleId: string; file: string; range: { startLine: number } }[];
  scope?: unknown;
}
const json = (stdout: string) => JSON.parse(stdout) as JsonOut;

describe('vibeaudit baseline / scan --baseline (built binary)', () => {
  it('writes fingerprints, rule ids and files only, and then reports only new findings', () => {
    const project = tempProject({ 'server.js': SERVER });
    const made = runCli(['baseline', project]);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toMatch(/^Wrote 1 finding to .*\.vibeaudit-baseline\.json/);
    const path = join(project, '.vibeaudit-baseline.json');
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain(KEY_A);
    expect(text).not.toContain('sk_live');
    const baseline = JSON.parse(text);
    expect(baseline.findings).toEqual([{ fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/), ruleId: 'hardcoded-secret', file: 'server.js' }]);

    // Known finding only: exit 0, and the report says what it hid.
    const same = runCli(['scan', project, '--baseline', path]);
    expect(same.code, same.stdout).toBe(0);
    expect(same.stdout).toContain('Only new findings: 1 known finding from the baseline hidden');

    // Moved down, re-indented and with whitespace changes: still known. A second identical line is new.
    writeFileSync(join(project, 'server.js'), `// payments\n\n${SERVER.replace(`const key = '${KEY_A}';`, `  const   key =  '${KEY_A}' ;`)}`);
    const moved = runCli(['scan', project, '--baseline', path, '--format', 'json']);
    expect(moved.code).toBe(0);
    expect(json(moved.stdout).findings).toEqual([]);
    expect(json(moved.stdout).scope).toEqual({ baseline: { file: path, unchanged: 1, absent: 0 } });

    writeFileSync(join(project, 'server.js'), `${SERVER}export const other = '${KEY_B}';\n`);
    const added = runCli(['scan', project, '--baseline', path, '--format', 'json']);
    expect(added.code).toBe(1);
    expect(json(added.stdout).findings.map((f) => [f.ruleId, f.range.startLine])).toEqual([['hardcoded-secret', 5]]);
  });

  it('marks SARIF results with baselineState, absent entries included, and the log validates', () => {
    const project = tempProject({ 'server.js': SERVER, 'old.js': `export const k = '${KEY_B}';\n` });
    const baseline = join(project, 'base.json');
    expect(runCli(['baseline', project, '--output', baseline]).code).toBe(0);
    writeFiles(project, { 'old.js': null, 'new.js': `export const k2 = '${KEY_B}';\n` });
    const r = runCli(['scan', project, '--baseline', baseline, '--format', 'sarif']);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    expect(sarifErrors(log)).toEqual([]);
    const states = log.runs[0].results.map((x: { baselineState: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => [x.locations[0].physicalLocation.artifactLocation.uri, x.baselineState]);
    expect(states.sort()).toEqual([['new.js', 'new'], ['old.js', 'absent'], ['server.js', 'unchanged']]);
  });

  it('exits 2 with a clear message when the baseline is missing or corrupt', () => {
    const project = tempProject({ 'server.js': SERVER, 'bad.json': '{"version": 1, "findings": [\n  {"fingerprint": "ab",\n' });
    const missing = runCli(['scan', project, '--baseline', join(project, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json: cannot read the baseline file \(no such file or folder, ENOENT\) \(create one with `vibeaudit baseline`\)/);
    const corrupt = runCli(['scan', project, '--baseline', join(project, 'bad.json')]);
    expect(corrupt.code).toBe(2);
    expect(corrupt.stderr).toMatch(/bad\.json:3: the baseline file is not valid JSON/);
    expect(corrupt.stdout).toBe('');
  });
});

describe('vibeaudit scan --changed-since (built binary)', () => {
  it('reports findings on changed lines and project findings of changed files, not the old ones', () => {
    const { root } = gitRepo({
      'package.json': JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { express: '4.19.2' } }, null, 2) + '\n',
      'server.js': SERVER,
    });
    const before = json(runCli(['scan', '.', '--offline', '--format', 'json', '--fail-on', 'none'], { cwd: root }).stdout).findings;
    expect(before.some((f) => f.ruleId === 'hardcoded-secret')).toBe(true);

    git(root, 'checkout', '-q', '-b', 'feature');
    writeFiles(root, {
      'server.js': `// a comment above moves the old key down\n${SERVER}export const added = '${KEY_B}';\n`,
      'package.json': JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { express: '4.19.2', lodash: 'latest' } }, null, 2) + '\n',
    });
    commitAll(root, 'feature');
    const all = json(runCli(['scan', '.', '--offline', '--format', 'json', '--fail-on', 'none'], { cwd: root }).stdout).findings;
    const r = runCli(['scan', '.', '--offline', '--changed-since', 'main', '--format', 'json'], { cwd: root });
    const shown = json(r.stdout).findings;
    expect(json(r.stdout).scope).toEqual({ changedSince: { ref: 'main', base: expect.stringMatching(/^[0-9a-f]{40}$/), outside: all.length - shown.length } });
    expect(shown.some((f) => f.ruleId === 'hardcoded-secret' && f.range.startLine === 6)).toBe(true);
    expect(shown.some((f) => f.ruleId === 'hardcoded-secret' && f.range.startLine === 4)).toBe(false);
    const packageFindings = all.filter((f) => f.file === 'package.json');
    for (const f of packageFindings) expect(shown).toContainEqual(f);
    expect(r.code).toBe(1);

    const terminal = runCli(['scan', '.', '--offline', '--changed-since', 'main'], { cwd: root });
    expect(terminal.stdout).toMatch(/Only what changed since main \([0-9a-f]{12}\): \d+ findings? outside the changed lines hidden\./);
    const compact = runCli(['scan', '.', '--offline', '--changed-since', 'main', '--format', 'compact'], { cwd: root });
    expect(compact.stdout).toMatch(/^server\.js:6:\d+: (critical|high) hardcoded-secret /m);
    expect(compact.stdout).not.toMatch(/^server\.js:4:/m);
  });

  it('exits 2 with a fetch-depth hint in a shallow clone without the base commit', () => {
    const { root, base } = gitRepo({ 'server.js': SERVER });
    writeFiles(root, { 'server.js': `${SERVER}// more\n` });
    commitAll(root, 'head');
    const clone = tempProject({});
    git(clone, 'clone', '-q', '--depth=1', `file://${root}`, 'c');
    const r = runCli(['scan', 'c', '--changed-since', base], { cwd: clone });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not in this clone.*fetch-depth: 0/s);
    expect(existsSync(join(clone, 'c', '.vibeaudit-baseline.json'))).toBe(false);
  });
});
