import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempProject } from '../helpers/temp-project.js';
import { REPO, runCli } from '../helpers/run-cli.js';
import { sarifErrors } from '../report/sarif-schema.js';

const DEMO = 'fixtures/lovable-supabase';
const CLEAN = 'fixtures/clean-app';
// Built at run time so that no whole fake key sits in this file's text either.
const FAKE_STRIPE = ['sk', 'live', 'Zt4Qm9Xr2Lw8Kp3Vb7Nc1Hy6'].join('_');


function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(`${p}:${statSync(p).size}:${statSync(p).mtimeMs}`);
    }
  };
  walk(dir);
  return out.sort();
}

describe('vibeaudit scan (built binary)', () => {
  it('lists the demo app findings in the terminal, without colour when not a TTY, and exits 1', () => {
    const r = runCli(['scan', DEMO]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/supabase-service-role-in-client|secret-in-public-env/);
    expect(r.stdout).not.toMatch(/\x1b\[/);
    expect(r.stderr).toBe('');
  });

  it('colours on request and lists only failing findings with --quiet', () => {
    expect(runCli(['scan', DEMO, '--color']).stdout).toMatch(/\x1b\[/);
    const all = JSON.parse(runCli(['scan', DEMO, '--format', 'json']).stdout);
    const quiet = JSON.parse(runCli(['scan', DEMO, '--format', 'json', '--quiet', '--fail-on', 'critical']).stdout);
    expect(quiet.findings.length).toBeGreaterThan(0);
    expect(quiet.findings.length).toBeLessThan(all.findings.length);
    expect(quiet.findings.every((f: { severity: string }) => f.severity === 'critical')).toBe(true);
    expect(runCli(['scan', DEMO, '--color'], { env: { NO_COLOR: '1' } }).stdout).toMatch(/\x1b\[/);
  });

  it('exits 0 on the clean app', () => {
    const r = runCli(['scan', CLEAN]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('honours --fail-on', () => {
    expect(runCli(['scan', DEMO, '--fail-on', 'none']).code).toBe(0);
    const project = tempProject({ 'package.json': JSON.stringify({ name: 'lib', version: '1.0.0', main: 'index.js', devDependencies: { vitest: '*' } }), 'index.js': 'module.exports = 1;\n' });
    expect(runCli(['scan', project, '--fail-on', 'critical']).code).toBe(0);
    expect(runCli(['scan', project, '--fail-on', 'low']).code).toBe(1);
  });

  it('writes SARIF, markdown and JSON in one run; the SARIF validates against the 2.1.0 schema', () => {
    const out = mkdtempSync(join(tmpdir(), 'va-out-'));
    const r = runCli(['scan', DEMO, '--sarif', join(out, 'r.sarif'), '--markdown', join(out, 'r.md'), '--json', join(out, 'nested/r.json'), '--fail-on', 'none']);
    expect(r.code).toBe(0);
    const sarif = JSON.parse(readFileSync(join(out, 'r.sarif'), 'utf8'));
    expect(sarifErrors(sarif)).toEqual([]);
    expect(sarif.runs[0].results.length).toBeGreaterThan(3);
    const json = JSON.parse(readFileSync(join(out, 'nested/r.json'), 'utf8'));
    expect(json.findings.length).toBe(sarif.runs[0].results.length);
    const markdown = readFileSync(join(out, 'r.md'), 'utf8');
    expect(markdown).toMatch(/^#/);
    // A markdown file asked for beside another format still gets the checklist, which reads the whole model.
    expect(markdown).toMatch(/## Pre-deploy checklist\n\n\*\*Readiness \d+\/100\*\*/);
  });

  it('prints SARIF and JSON on stdout with --format', () => {
    const sarif = runCli(['scan', DEMO, '--format', 'sarif']);
    expect(JSON.parse(sarif.stdout).version).toBe('2.1.0');
    const json = runCli(['scan', CLEAN, '--format', 'json']);
    expect(JSON.parse(json.stdout).findings).toEqual([]);
  });

  it('never writes into the scanned folder', () => {
    const project = tempProject({ 'src/a.ts': 'export const a = 1;\n', '.env': `STRIPE_SECRET_KEY=${FAKE_STRIPE}\n` });
    const before = snapshot(project);
    runCli(['scan', project, '--json', join(mkdtempSync(join(tmpdir(), 'va-out-')), 'r.json')]);
    expect(snapshot(project)).toEqual(before);
  });

  it('never prints a whole secret, in any format', () => {
    const project = tempProject({
      '.env': `STRIPE_SECRET_KEY=${FAKE_STRIPE}\n`,
      'server.js': `const stripe = require('stripe')('${FAKE_STRIPE}');\n`,
    });
    const out = mkdtempSync(join(tmpdir(), 'va-out-'));
    for (const format of ['terminal', 'sarif', 'markdown', 'json']) {
      const r = runCli(['scan', project, '--format', format, '--debug']);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stdout + r.stderr).not.toContain(FAKE_STRIPE);
      expect(r.stdout).toContain('sk_live_');
    }
    runCli(['scan', project, '--sarif', join(out, 'a'), '--markdown', join(out, 'b'), '--json', join(out, 'c')]);
    for (const f of ['a', 'b', 'c']) expect(readFileSync(join(out, f), 'utf8')).not.toContain(FAKE_STRIPE);
  });

  it('reports a file that does not parse as a notification and goes on', () => {
    const project = tempProject({
      'src/broken.ts': 'export const = ;\n',
      'server.js': `const key = '${FAKE_STRIPE}';\n`,
    });
    const terminal = runCli(['scan', project]);
    expect(terminal.code).toBe(1);
    expect(terminal.stdout).toContain('src/broken.ts');
    expect(terminal.stdout).toContain('hardcoded-secret');
    const sarif = JSON.parse(runCli(['scan', project, '--format', 'sarif']).stdout);
    const notes = sarif.runs[0].invocations[0].toolExecutionNotifications;
    expect(notes.some((n: { message: { text: string } }) => /parse/i.test(n.message.text))).toBe(true);
  });

  it('survives binary, huge, minified, CRLF, BOM and non-UTF-8 files', () => {
    const minified = `!function(){${'var a=1;'.repeat(3000)}var k="${FAKE_STRIPE}";}();`;
    const project = tempProject({
      'logo.bin': Buffer.from([0, 1, 2, 3, 0, 255]),
      'huge.js': 'x'.repeat(3 * 1024 * 1024),
      'public/app.min.js': minified,
      'src/crlf.ts': 'const a = 1;\r\nexport default a;\r\n',
      'src/bom.ts': '\uFEFFexport const b = 2;\n',
      'src/latin1.js': Buffer.concat([Buffer.from('const s = "caf'), Buffer.from([0xe9]), Buffer.from('";\n')]),
    });
    const r = runCli(['scan', project, '--format', 'json']);
    expect(r.stderr).toBe('');
    const json = JSON.parse(r.stdout);
    expect(json.findings.map((f: { file: string; ruleId: string }) => `${f.file} ${f.ruleId}`)).toEqual(['public/app.min.js hardcoded-secret']);
    expect(json.notifications.some((n: { file?: string; message: string }) => n.file === 'huge.js' && /larger than/.test(n.message))).toBe(true);
  });

  it('applies suppressions and keeps them in SARIF', () => {
    const project = tempProject({
      'server.js': `// vibeaudit-ignore-next-line hardcoded-secret -- test-mode key for the demo\nconst key = '${FAKE_STRIPE}';\n`,
    });
    const r = runCli(['scan', project, '--format', 'sarif']);
    expect(r.code).toBe(0);
    const results = JSON.parse(r.stdout).runs[0].results;
    expect(results).toHaveLength(1);
    expect(results[0].suppressions).toMatchObject([{ kind: 'inSource', justification: 'test-mode key for the demo' }]);
  });
});

describe('errors: clear message and exit code, never a stack trace', () => {
  it('a broken config file names file, line and key and exits 2', () => {
    const project = tempProject({ '.vibeaudit.yml': 'failOn: high\nrules:\n  not-a-rule: off\n', 'a.ts': '' });
    const r = runCli(['scan', project]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('vibeaudit: .vibeaudit.yml:3: rules.not-a-rule: unknown rule id (see `vibeaudit rules`)\n');
  });

  it('a config given with --config is named as given', () => {
    const dir = mkdtempSync(join(tmpdir(), 'va-cfg-'));
    writeFileSync(join(dir, 'audit.yml'), 'failOn: severe\n');
    const r = runCli(['scan', CLEAN, '--config', join(dir, 'audit.yml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/audit\.yml:1: failOn: must be one of/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a missing folder, an unknown option and an unknown rule exit 2', () => {
    const missing = runCli(['scan', 'no/such/folder']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/"no\/such\/folder" is not a folder/);
    expect(runCli(['scan', '--frobnicate']).code).toBe(2);
    expect(runCli(['scan', '--format', 'xml']).code).toBe(2);
    const explain = runCli(['explain', 'no-such-rule']);
    expect(explain.code).toBe(2);
    expect(explain.stderr).toMatch(/unknown rule "no-such-rule"/);
  });
});

describe('vibeaudit rules and explain', () => {
  it('lists every rule', () => {
    const r = runCli(['rules']);
    expect(r.code).toBe(0);
    for (const file of readdirSync(join(REPO, 'rules')).filter((f) => f.endsWith('.yaml'))) {
      expect(r.stdout).toContain(file.replace('.yaml', ''));
    }
  });

  it("prints a rule's documentation", () => {
    const r = runCli(['explain', 'hardcoded-secret']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# hardcoded-secret/);
    expect(r.stdout).toContain('## Why it matters');
    expect(r.stdout).toContain('## How to fix');
    expect(r.stdout).toContain('CWE-798');
    // The built catalogue leaves the examples out; explain reads them from the rule's yaml.
    expect(r.stdout).toContain('## Flagged');
    expect(r.stdout).toContain('## Not flagged');
  });

  it('prints its version and help', () => {
    expect(runCli(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = runCli(['scan', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--fail-on');
  });
});
