import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeToken } from '../../src/rules/secrets/fake.js';
import { runCli, type CliRun } from '../helpers/run-cli.js';
import { tempProject } from '../helpers/temp-project.js';

const KEY = fakeToken('sk_' + 'live_', 99, 'b62', 'cli-arguments');

/** A usage error: exit 2, one `vibeaudit:` line naming the problem, no stack trace, nothing on stdout. */
function expectUsageError(r: CliRun, mentions: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^vibeaudit: /);
  expect(r.stderr).toMatch(mentions);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('arguments that point at the wrong thing get clear errors', () => {
  let root: string;
  let elsewhere: string;
  beforeAll(() => {
    root = tempProject({ 'src/app.ts': `export const stripe = '${KEY}';\n`, 'notes.txt': 'x' });
    elsewhere = mkdtempSync(join(tmpdir(), 'vibeaudit-elsewhere-'));
    mkdirSync(join(elsewhere, 'folder'));
    writeFileSync(join(elsewhere, 'a-file'), 'x');
  });

  it('rejects --config naming a folder or a missing file, and accepts one outside the scanned folder', () => {
    expectUsageError(runCli(['scan', root, '--offline', '--config', join(elsewhere, 'folder')]), /folder: cannot read the configuration file \(it is a folder, not a file, EISDIR\)/);
    expectUsageError(runCli(['scan', root, '--offline', '--config', join(elsewhere, 'missing.yml')]), /missing\.yml: cannot read the configuration file \(no such file or folder, ENOENT\)/);
    // A shared configuration outside the tree is a normal setup: it applies.
    writeFileSync(join(elsewhere, 'shared.yml'), 'rules:\n  hardcoded-secret: off\n');
    const shared = runCli(['scan', root, '--offline', '--format', 'json', '--config', join(elsewhere, 'shared.yml')]);
    expect(shared.code, shared.stderr).toBe(0);
    expect((JSON.parse(shared.stdout) as { findings: unknown[] }).findings).toEqual([]);
  }, 60_000);

  it('rejects a scan of a file or of a missing folder', () => {
    expectUsageError(runCli(['scan', join(root, 'notes.txt'), '--offline']), /notes\.txt.*not a folder/);
    expectUsageError(runCli(['scan', join(root, 'nope'), '--offline']), /nope.*not a folder/);
    expectUsageError(runCli(['checklist', join(root, 'notes.txt'), '--offline']), /not a folder/);
    expectUsageError(runCli(['routes', join(root, 'notes.txt')]), /not a folder/);
    expectUsageError(runCli(['baseline', join(root, 'notes.txt'), '--offline']), /not a folder/);
  }, 60_000);

  it('rejects --baseline naming a folder or a missing file', () => {
    expectUsageError(runCli(['scan', root, '--offline', '--baseline', join(elsewhere, 'folder')]), /folder: cannot read the baseline file \(it is a folder, not a file, EISDIR\)/);
    expectUsageError(runCli(['scan', root, '--offline', '--baseline', join(elsewhere, 'none.json')]), /none\.json: cannot read the baseline file \(no such file or folder, ENOENT\) \(create one/);
  }, 60_000);

  it('rejects report and baseline paths that cannot be written, and writes nothing else', () => {
    // Under a regular file no folder can be made, even for root (chmod would not stop root).
    const blocked = join(elsewhere, 'a-file', 'report.sarif');
    expectUsageError(runCli(['scan', root, '--offline', '--sarif', blocked]), /cannot write the sarif report to ".*a-file\/report\.sarif" \(a part of the path is a file, not a folder, E(EXIST|NOTDIR)\)/);
    expectUsageError(runCli(['scan', root, '--offline', '--json', join(elsewhere, 'folder')]), /cannot write the json report to ".*folder" \(it is a folder, not a file, EISDIR\)/);
    expectUsageError(runCli(['baseline', root, '--offline', '-o', join(elsewhere, 'folder')]), /cannot write the baseline to ".*folder" \(it is a folder, not a file, EISDIR\)/);
    expectUsageError(runCli(['checklist', root, '--offline', '--markdown', blocked]), /a part of the path is a file, not a folder/);
    expect(existsSync(join(root, '.vibeaudit-baseline.json'))).toBe(false);
  }, 60_000);
});
