import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from '../helpers/run-main.js';

const run = (args: string[]) => runMain(args);

describe('vibeaudit checklist', () => {
  it('reports and exits 0 without a gate', async () => {
    const r = await run(['checklist', 'fixtures/bolt-express-mongo', '--offline']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Security baseline$/m);
    expect(r.stdout).toMatch(/^Readiness \d+\/100 {2}\d+ passed/m);
  });

  it('exits 1 when the score is under --fail-under or a required item is not a pass', async () => {
    const low = await run(['checklist', 'fixtures/bolt-express-mongo', '--offline', '--fail-under', '90']);
    expect(low.code).toBe(1);
    expect(low.stderr).toMatch(/^vibeaudit: readiness score \d+ is below 90$/m);
    const required = await run(['checklist', 'fixtures/bolt-express-mongo', '--offline', '--require', 'health-endpoint,cors-restricted']);
    expect(required.code).toBe(1);
    expect(required.stderr).toContain('required item cors-restricted is not confirmed (warning)');
    expect(required.stderr).not.toContain('health-endpoint');
    const clean = await run(['checklist', 'fixtures/clean-app', '--offline', '--fail-under', '100', '--require', 'rate-limiting']);
    expect(clean.code, clean.stderr).toBe(0);
  });

  it('exits 2 on usage errors', async () => {
    expect((await run(['checklist', 'fixtures/clean-app', '--fail-under', 'high'])).code).toBe(2);
    const unknown = await run(['checklist', 'fixtures/clean-app', '--require', 'rate-limits']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown checklist item "rate-limits"');
    expect((await run(['checklist', 'fixtures/no-such-app'])).code).toBe(2);
  });

  it('writes markdown, JSON and SARIF files next to the terminal output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'va-checklist-'));
    const r = await run(['checklist', 'fixtures/nextjs-app', '--offline', '--markdown', join(dir, 'c.md'), '--json', join(dir, 'c.json'), '--sarif', join(dir, 'c.sarif')]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'c.md'), 'utf8')).toMatch(/^# Pre-deploy checklist for fixtures\/nextjs-app$/m);
    const json = JSON.parse(readFileSync(join(dir, 'c.json'), 'utf8'));
    expect(json.items.find((i: { id: string }) => i.id === 'env-gitignored').status).toBe('fail');
    expect(JSON.parse(readFileSync(join(dir, 'c.sarif'), 'utf8')).runs[0].automationDetails.id).toBe('readiness/');
  });

  it('scan --format markdown ends with the checklist summary', async () => {
    const r = await run(['scan', 'fixtures/nextjs-app', '--offline', '--format', 'markdown', '--fail-on', 'none']);
    expect(r.stdout).toMatch(/## Pre-deploy checklist\n\n\*\*Readiness \d+\/100\*\*/);
    expect(r.stdout).toContain('- [ ] **`.env` files are ignored by git** (missing)');
  });
});
