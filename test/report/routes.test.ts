import { describe, expect, it } from 'vitest';
import { renderRoutesJson } from '../../src/report/routes-json.js';
import { renderRoutesMarkdown } from '../../src/report/routes-markdown.js';
import { renderRoutesTerminal } from '../../src/report/routes-terminal.js';
import type { RouteEntry } from '../../src/routes/types.js';

const route = (over: Partial<RouteEntry>): RouteEntry => ({
  method: 'GET',
  path: '/api/x',
  file: 'server/app.js',
  line: 3,
  framework: 'express',
  handler: { file: 'server/app.js', startLine: 3, endLine: 5 },
  middleware: [],
  auth: 'none',
  evidence: 'no auth middleware',
  touches: [],
  ...over,
});

const report = {
  target: 'my-app',
  routes: [
    route({ method: 'POST', path: '/api/notes', auth: 'required', evidence: '`protect`: `jwt.verify` verifies the token (server/auth.js:4)' }),
    route({ method: 'POST', path: '/api/login', public: 'sign-in endpoints are open by design' }),
    route({ method: 'DELETE', path: '/api/notes/:id', line: 9, evidence: 'no auth middleware, and the handler checks none' }),
    route({ path: '/api/feed', auth: 'unknown', evidence: '`loadTenant` (definition not found)' }),
  ],
};

describe('routes reporters', () => {
  it('terminal: one row per route with ✓ ✗ ? ○ and a summary', () => {
    const out = renderRoutesTerminal(report, { color: false });
    expect(out.split('\n')).toEqual([
      'METHOD  PATH            AUTH  WHERE            EVIDENCE',
      'POST    /api/notes      ✓     server/app.js:3  `protect`: `jwt.verify` verifies the token (server/auth.js:4)',
      'POST    /api/login      ○     server/app.js:3  public: sign-in endpoints are open by design',
      'DELETE  /api/notes/:id  ✗     server/app.js:9  no auth middleware, and the handler checks none',
      'GET     /api/feed       ?     server/app.js:3  `loadTenant` (definition not found)',
      '',
      '4 entry points: 1 need sign-in ✓, 1 public by design ○, 1 open ✗, 1 undecided ?.',
      'Run `vibeaudit scan` to see which open routes touch data (rule route-without-auth).',
      '',
    ]);
  });

  it('json: versioned document with counts and the entries', () => {
    const doc = JSON.parse(renderRoutesJson(report));
    expect(doc.schemaVersion).toBe(1);
    expect(doc.summary).toEqual({ total: 4, required: 1, public: 1, none: 1, unknown: 1 });
    expect(doc.routes[2]).toMatchObject({ method: 'DELETE', path: '/api/notes/:id', auth: 'none', file: 'server/app.js', line: 9 });
  });

  it('markdown: a table whose cells cannot break out of it', () => {
    const out = renderRoutesMarkdown({ target: 'my-app', routes: [route({ path: '/a|b', evidence: 'x | y' })] });
    expect(out).toContain('| Method | Path | Auth | Where | Evidence |');
    expect(out).toContain('✗ open');
    expect(out).not.toMatch(/[^\\]\| y/);
  });
});
