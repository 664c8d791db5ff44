import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactSecret } from '../../src/engine/redact.js';
import { fakeToken } from '../../src/rules/secrets/fake.js';
import { runCli } from '../helpers/run-cli.js';
import { tempProject } from '../helpers/temp-project.js';
import { TestClient } from '../lsp/client.js';

/** Distinct secrets in real provider shapes, each planted in one kind of file. */
const SECRETS = {
  env: fakeToken('sk_' + 'live_', 99, 'b62', 'leak-env'),
  source: fakeToken('sk_' + 'live_', 99, 'b62', 'leak-source'),
  config: fakeToken('gh' + 'p_', 36, 'b62', 'leak-config'),
  json: fakeToken('sk-' + 'proj-', 156, 'b64url', 'leak-json'),
  sql: fakeToken('sk_' + 'live_', 99, 'b62', 'leak-sql'),
  markdown: fakeToken('gh' + 'p_', 36, 'b62', 'leak-markdown'),
  lsp: fakeToken('sk_' + 'live_', 99, 'b62', 'leak-lsp'),
};

const APP = {
  'package.json': JSON.stringify({ name: 'leaky', dependencies: { express: '4.19.2' } }),
  '.env': `STRIPE_SECRET_KEY=${SECRETS.env}\n`,
  'src/server.ts': `import express from 'express';\nconst app = express();\nconst stripe = '${SECRETS.source}';\napp.get('/pay', (req, res) => res.json({ ok: Boolean(stripe) }));\napp.listen(3000);\n`,
  'src/config.js': `module.exports = {\n  githubToken: "${SECRETS.config}",\n};\n`,
  'config/settings.json': JSON.stringify({ openai: { apiKey: SECRETS.json } }, null, 2),
  'db/migrations/001_seed.sql': `CREATE TABLE settings (k text, v text);\nINSERT INTO settings VALUES ('stripe', '${SECRETS.sql}');\n`,
  'docs/setup.md': `# Setup\n\nUse the token \`${SECRETS.markdown}\` to deploy.\n`,
};

const WINDOW = 8;

/** The first piece of `secret` past its redaction prefix that appears in `text`, if any. */
function leakedPiece(text: string, secret: string): string | undefined {
  const shown = redactSecret(secret).indexOf('*');
  for (let i = 0; i + WINDOW <= secret.length; i++) {
    if (i + WINDOW <= shown) continue;
    const piece = secret.slice(i, i + WINDOW);
    if (text.includes(piece)) return piece;
  }
  return undefined;
}

function expectNoLeak(where: string, text: string): void {
  for (const [name, secret] of Object.entries(SECRETS)) {
    expect(leakedPiece(text, secret), `${name} secret in ${where}`).toBeUndefined();
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('no secret leaves redacted form', () => {
  let root: string;
  let out: string;
  let cache: string;
  const env = () => ({ XDG_CACHE_HOME: cache, HOME: cache, VIBEAUDIT_CACHE_DIR: join(cache, 'vibeaudit'), CI: '1' });

  beforeAll(() => {
    root = tempProject(APP);
    out = mkdtempSync(join(tmpdir(), 'vibeaudit-out-'));
    cache = mkdtempSync(join(tmpdir(), 'vibeaudit-cache-'));
  });

  it('finds each planted secret, so the checks below are not vacuous', () => {
    const r = runCli(['scan', root, '--format', 'json', '--offline'], { env: env() });
    const found = (JSON.parse(r.stdout) as { findings: { file: string }[] }).findings.map((f) => f.file);
    for (const file of ['.env', 'src/server.ts', 'src/config.js', 'config/settings.json', 'db/migrations/001_seed.sql', 'docs/setup.md']) {
      expect(found, file).toContain(file);
    }
  });

  it('keeps every scan format and written report redacted', () => {
    const outputs: [string, string][] = [];
    for (const format of ['terminal', 'json', 'sarif', 'markdown', 'compact']) {
      // One run also writes every report file, another lists suppressed findings and debug output.
      const extra = format === 'terminal' ? ['--verbose', '--debug', '--sarif', join(out, 'r.sarif'), '--markdown', join(out, 'r.md'), '--json', join(out, 'r.json')] : [];
      const r = runCli(['scan', root, '--format', format, '--offline', '--color', ...extra], { env: env() });
      expect(r.code, `${format} ${r.stderr}`).toBe(1);
      outputs.push([`scan --format ${format}`, r.stdout + r.stderr]);
    }
    for (const [where, text] of outputs) expectNoLeak(where, text);
    for (const file of ['r.sarif', 'r.md', 'r.json']) expectNoLeak(file, readFileSync(join(out, file), 'utf8'));
  }, 120_000);

  it('keeps the baseline, the checklist in every format and any cache redacted, and writes nothing into the scanned folder', () => {
    const outputs: [string, string][] = [];
    const baseline = runCli(['baseline', root, '--offline', '-o', join(out, 'baseline.json')], { env: env() });
    expect(baseline.code, baseline.stderr).toBe(0);
    outputs.push(['baseline', baseline.stdout + baseline.stderr]);
    for (const format of ['json', 'markdown', 'sarif']) {
      const r = runCli(['checklist', root, '--format', format, '--offline', '--verbose'], { env: env() });
      expect(r.stderr).toBe('');
      outputs.push([`checklist --format ${format}`, r.stdout]);
    }
    for (const [where, text] of outputs) expectNoLeak(where, text);
    expectNoLeak('baseline.json', readFileSync(join(out, 'baseline.json'), 'utf8'));
    // Whatever a cache keeps (in the user's cache folder, pointed here by XDG_CACHE_HOME and HOME).
    // Scans keep per-file results there (V8-serialised: strings as Latin-1 or as UTF-16, at either byte alignment).
    expect(filesUnder(cache).some((f) => f.includes(`${sep}scan${sep}`))).toBe(true);
    for (const file of filesUnder(cache)) {
      const bytes = readFileSync(file);
      for (const text of [bytes.toString('latin1'), bytes.toString('utf16le'), bytes.subarray(1).toString('utf16le')]) expectNoLeak(file, text);
    }
    expect(filesUnder(root).map((f) => f.slice(root.length + 1)).sort()).toEqual(Object.keys(APP).sort());
  }, 120_000);

  describe('language server', () => {
    let client: TestClient;
    afterAll(async () => client?.close());

    it('publishes diagnostics without the secret', async () => {
      client = TestClient.spawn();
      await client.initialize(root);
      // An open buffer over a file on disk, as an editor has it.
      const uri = pathToFileURL(join(root, 'src/server.ts')).href;
      await client.open(uri, APP['src/server.ts'].replace(SECRETS.source, SECRETS.lsp));
      const diagnostics = await client.diagnostics(uri, (d) => d.some((x) => x.code === 'hardcoded-secret'));
      expectNoLeak('lsp diagnostics', JSON.stringify(diagnostics));
      expectNoLeak('lsp logs', JSON.stringify(client.logs));
    }, 60_000);
  });
});
