import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { REPO } from '../helpers/run-cli.js';
import { TestClient } from './client.js';

const STRIPE_LIVE = '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';
const CLEAN_SERVER = "import express from 'express';\n\nconst app = express();\napp.get('/health', (_req, res) => res.send('ok'));\napp.listen(3000);\n";
const LEAKY_SERVER = `import express from 'express';\n\nconst app = express();\nfunction pay() {\n  const stripeKey = '${STRIPE_LIVE}';\n  return stripeKey;\n}\napp.listen(3000);\n`;

const byRule = (id: string) => (d: Diagnostic[]) => d.some((x) => x.code === id);

function copyOfCleanApp(): string {
  const root = mkdtempSync(join(tmpdir(), 'vibeaudit-lsp-'));
  cpSync(join(REPO, 'fixtures/clean-app'), root, { recursive: true });
  return root;
}

describe('vibeaudit lsp --stdio (the built binary)', () => {
  let root: string;
  let client: TestClient;
  const uri = () => pathToFileURL(join(root, 'apps/api/src/index.ts')).href;

  beforeAll(async () => {
    root = copyOfCleanApp();
    client = TestClient.spawn();
    const init = await client.initialize(root);
    expect(init.capabilities).toMatchObject({ codeActionProvider: { codeActionKinds: ['quickfix'] } });
  });
  afterAll(async () => {
    await client.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('publishes a hard-coded secret in an opened buffer with its exact range, rule id, severity and docs link', async () => {
    await client.open(uri(), LEAKY_SERVER);
    const diagnostics = await client.diagnostics(uri(), byRule('hardcoded-secret'));
    const secret = diagnostics.find((d) => d.code === 'hardcoded-secret')!;
    expect(secret).toMatchObject({
      source: 'vibeaudit',
      severity: DiagnosticSeverity.Error,
      codeDescription: { href: 'https://github.com/vibeaudit/vibeaudit/blob/main/docs/rules.md#hardcoded-secret' },
      // Line 5 (0-based 4), the key inside the quotes: 0-based, end exclusive.
      range: { start: { line: 4, character: 21 }, end: { line: 4, character: 21 + STRIPE_LIVE.length } },
    });
    expect(secret.message).not.toContain(STRIPE_LIVE);
    expect(secret.message).not.toContain(STRIPE_LIVE.slice(12));
  });

  it('offers a quick fix that inserts the suppression comment above the line, indented like it', async () => {
    const diagnostics = await client.diagnostics(uri(), byRule('hardcoded-secret'));
    const secret = diagnostics.filter((d) => d.code === 'hardcoded-secret');
    const actions = await client.codeActions(uri(), secret);
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({ kind: 'quickfix', title: 'Suppress hardcoded-secret on this line (vibeaudit-ignore-next-line)' });
    expect(actions[0].edit!.changes![uri()]).toEqual([
      {
        range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } },
        newText: '  // vibeaudit-ignore-next-line hardcoded-secret -- explain why this is safe\n',
      },
    ]);
  });

  it('clears the diagnostics when an edit removes the problem', async () => {
    await client.change(uri(), CLEAN_SERVER);
    expect(await client.diagnostics(uri(), (d) => d.length === 0)).toEqual([]);
  });
});

describe('the language server in process', () => {
  let root: string;
  let client: TestClient;
  const file = (path: string) => pathToFileURL(join(root, path)).href;

  beforeAll(async () => {
    root = copyOfCleanApp();
    client = TestClient.inMemory();
    await client.initialize(root);
  });
  afterAll(async () => {
    await client.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('uses the project context: the service-role key is flagged in the web app (a browser bundle), not in the API', async () => {
    const read = 'export const adminKey = process.env.SUPABASE_SERVICE_ROLE_KEY;\n';
    await client.open(file('apps/api/src/env.ts'), read);
    await client.open(file('apps/web/src/lib/supabase.ts'), read);
    const web = await client.diagnostics(file('apps/web/src/lib/supabase.ts'), byRule('supabase-service-role-in-client'));
    expect(web.find((d) => d.code === 'supabase-service-role-in-client')).toMatchObject({
      severity: DiagnosticSeverity.Error,
      range: { start: { line: 0 } },
    });
    expect(client.published.get(file('apps/api/src/env.ts'))).toEqual([]);
  });

  it('keeps working for other files when one has a syntax error', async () => {
    await client.open(file('apps/api/src/broken.ts'), 'export function (( {\n');
    const injection = "import { exec } from 'node:child_process';\nimport express from 'express';\nconst app = express();\napp.get('/run', (req, res) => {\n  exec('ls ' + req.query.dir);\n  res.send('ok');\n});\n";
    await client.open(file('apps/api/src/index.ts'), injection);
    const diagnostics = await client.diagnostics(file('apps/api/src/index.ts'), byRule('command-injection'));
    expect(diagnostics.find((d) => d.code === 'command-injection')).toMatchObject({ severity: DiagnosticSeverity.Error, range: { start: { line: 4 } } });
    expect(client.logs.filter((l) => l.type === 1)).toEqual([]);
  });

  it('writes the suppression in JSX braces among JSX children, and the server honours it', async () => {
    const page = file('apps/site/app/page.tsx');
    const leaky = `export default function Home() {\n  return (\n    <main>\n      <Pay k="${STRIPE_LIVE}" />\n    </main>\n  );\n}\n`;
    await client.open(page, leaky, 'typescriptreact');
    const diagnostics = (await client.diagnostics(page, byRule('hardcoded-secret'))).filter((d) => d.code === 'hardcoded-secret');
    const [action] = await client.codeActions(page, diagnostics);
    const edit = action.edit!.changes![page][0];
    expect(edit).toEqual({
      range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } },
      newText: '      {/* vibeaudit-ignore-next-line hardcoded-secret -- explain why this is safe */}\n',
    });
    const lines = leaky.split('\n');
    lines.splice(3, 0, edit.newText.slice(0, -1));
    await client.change(page, lines.join('\n'));
    expect(await client.diagnostics(page, (d) => !d.some((x) => x.code === 'hardcoded-secret'))).toEqual([]);
  });
});
