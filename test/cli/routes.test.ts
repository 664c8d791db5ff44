import { describe, expect, it } from 'vitest';
import { runMain } from '../helpers/run-main.js';

const run = (args: string[]) => runMain(args);

describe('vibeaudit routes', () => {
  it('prints the attack-surface map of a folder as a table and exits 0', async () => {
    const r = await run(['routes', 'fixtures/bolt-express-mongo']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^METHOD +PATH +AUTH +WHERE +EVIDENCE$/);
    expect(lines).toContainEqual(expect.stringMatching(/^POST +\/api\/tasks +✓ +server\/routes\/tasks\.js:17 +`protect`: `jwt\.verify` verifies the token \(server\/middleware\/auth\.js:13\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^POST +\/api\/auth\/login +○ +server\/routes\/auth\.js:26 +public: sign-in/));
    expect(r.stdout).toContain('11 entry points: 8 need sign-in ✓, 3 public by design ○, 0 open ✗, 0 undecided ?.');
  });

  it('prints JSON and markdown with --format', async () => {
    const json = await run(['routes', 'fixtures/nextjs-app', '--format', 'json']);
    const doc = JSON.parse(json.stdout);
    const listed = doc.routes.map((r: { method: string; path: string; auth: string }) => `${r.method} ${r.path} ${r.auth}`);
    expect(listed).toEqual(expect.arrayContaining(['DELETE /api/drafts/:id none', 'POST /api/generate required', 'POST /api/webhooks/stripe none', 'GET /auth/callback none']));
    expect(doc.summary.total).toBe(listed.length);
    const md = await run(['routes', 'fixtures/nextjs-app', '-f', 'markdown']);
    expect(md.stdout).toContain('| DELETE | `/api/drafts/:id` | ✗ open | `app/api/drafts/[id]/route.ts:7` |');
  });

  it('refuses a folder that does not exist', async () => {
    const r = await run(['routes', 'no/such/folder']);
    expect(r.code).toBe(2);
  });
});
