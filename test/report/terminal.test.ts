import { describe, expect, it } from 'vitest';
import type { FlowStep } from '../../src/engine/finding.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { expectGolden } from './golden.js';
import { emptyResult, finding, sampleResult } from './sample-result.js';

const ANSI = /\u001b\[/;

describe('renderTerminal', () => {
  it('has no ANSI escapes without colour and has them with colour', () => {
    expect(renderTerminal(sampleResult(), { color: false })).not.toMatch(ANSI);
    expect(renderTerminal(sampleResult(), { color: true })).toMatch(ANSI);
  });

  it('colour follows the option, not the environment', () => {
    const before = process.env.FORCE_COLOR;
    process.env.FORCE_COLOR = '3';
    try {
      expect(renderTerminal(sampleResult(), { color: false })).not.toMatch(ANSI);
    } finally {
      if (before === undefined) delete process.env.FORCE_COLOR;
      else process.env.FORCE_COLOR = before;
    }
  });

  it('groups findings by file with location, severity, rule, snippet, caret and a one-line fix', () => {
    const out = renderTerminal(sampleResult(), { color: false });
    const block = out.slice(out.indexOf('src/lib/supabase.ts\n'));
    expect(block).toContain(
      [
        'src/lib/supabase.ts',
        '  1:1   LOW       This vibeaudit-ignore-next-line for hardcoded-secret gives no reason; add one after ` -- `.',
        '                  suppression-without-reason',
        '                  1 │ // vibeaudit-ignore-next-line hardcoded-secret',
        '                    │ ^',
        '                  → Fix suppression-without-reason.',
        '',
        '  4:38  CRITICAL  `VITE_SUPABASE_SERVICE_ROLE_KEY` is read in `src/lib/supabase.ts`, which runs in the browser',
        '                  supabase-service-role-in-client',
        // The snippet is dedented by its common indentation; the caret follows.
        '                  4 │ const supabase = createClient(url, import.meta.env.VITE_SUPABASE_SERVICE_ROLE_KEY);',
        '                    │ ' + ' '.repeat(35) + '^'.repeat(46),
        '                  → Use the anon key in the browser and keep the service role key on the server.',
      ].join('\n'),
    );
  });

  it('draws a multi-line snippet with line numbers', () => {
    const out = renderTerminal(sampleResult(), { color: false });
    expect(out).toContain(
      [
        "10 │ app.post('/api/login', async (req, res) => {",
        '   │ ' + '^'.repeat("app.post('/api/login', async (req, res) => {".length),
      ].join('\n                  '),
    );
    expect(out).toMatch(/11 │ {3}const user = await findUser\(req.body.email\);/);
    expect(out).toMatch(/12 │ {3}res.json\(user\);/);
  });

  it('puts no caret after a redacted secret (its columns no longer line up) and stops a caret at the mask', () => {
    const base = sampleResult();
    const after = finding({ ruleId: 'hardcoded-secret', file: 'a.env', range: { startLine: 1, startColumn: 40, endLine: 1, endColumn: 41 }, snippet: 'KEY=sk_live_******** # vibeaudit-ignore-next-line x' });
    const on = finding({ ruleId: 'hardcoded-secret', file: 'b.ts', range: { startLine: 1, startColumn: 6, endLine: 1, endColumn: 40 }, snippet: 'k = "sk_live_********";' });
    const out = renderTerminal({ ...base, findings: [after, on], notifications: [] }, { color: false });
    const lines = out.split('\n');
    const afterIndex = lines.findIndex((l) => l.includes('KEY=sk_live_'));
    expect(lines[afterIndex + 1]).not.toContain('^');
    const onIndex = lines.findIndex((l) => l.includes('k = "sk_live_'));
    expect(lines[onIndex + 1].trim()).toBe('│ ' + ' '.repeat(5) + '^'.repeat('sk_live_********'.length));
  });

  it('hides suppressed findings unless verbose, and counts them', () => {
    const quiet = renderTerminal(sampleResult(), { color: false });
    expect(quiet).not.toContain('scripts/seed.ts');
    expect(quiet).toContain('(2 suppressed, not shown)');
    const verbose = renderTerminal(sampleResult(), { color: false, verbose: true });
    expect(verbose).toContain('scripts/seed.ts');
    expect(verbose).toContain('hardcoded-secret · suppressed: local-only seed key | rotated <weekly>');
    expect(verbose).toContain('missing-rate-limit · suppressed (no reason given)');
  });

  it('lists notifications and says how many files did not parse', () => {
    const out = renderTerminal(sampleResult(), { color: false });
    expect(out).toContain('3 scan notes\n');
    expect(out).toContain("⚠ src/broken.tsx:12:8  Could not parse this file, so only text rules ran on it: ')' expected. (parse-error)");
    expect(out).toContain('ℹ Skipped a file larger than 1 MB. (skipped-file)');
    expect(out).toContain('1 file could not be parsed, so only text rules ran on it');
  });

  it('shortens a long list of notifications unless verbose', () => {
    const base = sampleResult();
    const notifications = Array.from({ length: 14 }, (_, i) => ({ level: 'warning' as const, kind: 'parse-error' as const, message: 'bad', file: `f${i}.ts` }));
    const quiet = renderTerminal({ ...base, notifications }, { color: false });
    expect(quiet).toContain('… 4 more (run with --verbose to list them)');
    expect(quiet).not.toContain('f13.ts');
    expect(quiet).toContain('14 files could not be parsed, so only text rules ran on them');
    expect(renderTerminal({ ...base, notifications }, { color: false, verbose: true })).toContain('f13.ts');
  });

  it('ends with counts, files, time and a verdict relative to fail-on', () => {
    const out = renderTerminal(sampleResult(), { color: false });
    expect(out.trimEnd().split('\n').slice(-3)).toEqual([
      '7 findings: 1 critical · 3 high · 1 medium · 1 low · 1 info  (2 suppressed, not shown)',
      '42 files scanned in 1.2s',
      '✗ 4 findings at or above high',
    ]);
    expect(renderTerminal({ ...sampleResult(), failOn: 'critical' }, { color: false })).toContain('✗ 1 finding at or above critical');
    const clean = renderTerminal(emptyResult(), { color: false });
    expect(clean.trimEnd().split('\n')).toEqual([
      '0 findings: 0 critical · 0 high · 0 medium · 0 low · 0 info',
      '3 files scanned in 87ms',
      '✓ no findings at or above high',
    ]);
    const none = renderTerminal({ ...sampleResult(), failOn: 'none' }, { color: false });
    expect(none).toContain('✓ 7 findings; fail-on is none, so nothing fails');
  });

  it('escapes control characters from scanned files instead of sending them to the terminal', () => {
    const base = sampleResult();
    const hostile = finding({ ruleId: 'hardcoded-secret', file: 'evil\u001b[2J.ts', message: 'bad \u001b]0;title\u0007 thing', snippet: 'x = "\u001b[31mred\u202e";' });
    const out = renderTerminal({ ...base, findings: [hostile], notifications: [] }, { color: false });
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/);
    expect(out).toContain('evil\\x1b[2J.ts');
    expect(out).toContain('bad \\x1b]0;title\\x07 thing');
    expect(out).toContain('\\u202e');
  });

  it('shows a data-flow path as one trail line under the finding, each step on its own line when verbose', () => {
    const out = renderTerminal(sampleResult(), { color: false });
    expect(out).toContain(
      [
        '                  8 │ return pool.query(`SELECT * FROM users WHERE id = ${id}`);',
        '                    │        ' + '^'.repeat(51),
        '                  path: req.body.id (server/routes/users.ts:12) → findUser(id) → pool.query (server/db.ts:8)',
        '                  → Pass values as query parameters instead of putting them into the SQL text.',
      ].join('\n'),
    );
    expect(out.split('path: ')).toHaveLength(2);
    const verbose = renderTerminal(sampleResult(), { color: false, verbose: true });
    expect(verbose).toContain(
      [
        '                  path:',
        '                    1. server/routes/users.ts:12  `req.body.id` is read from the request',
        '                    2. server/routes/users.ts:13  passed to `findUser(id)`',
        '                    3. server/db.ts:8             `pool.query` runs SQL built from it',
      ].join('\n'),
    );
    expect(verbose).not.toContain('path: req.body.id');
  });

  it('dims the trail when colour is on', () => {
    const out = renderTerminal(sampleResult(), { color: true });
    expect(out).toContain('\u001b[2mpath: req.body.id (server/routes/users.ts:12) → findUser(id) → pool.query (server/db.ts:8)\u001b[22m');
  });

  it('cuts a long path to its ends, shows where it changes file, and keeps messages as given', () => {
    const step = (file: string, line: number, message: string, kind: FlowStep['kind'] = 'step'): FlowStep => ({
      file,
      range: { startLine: line, startColumn: 1, endLine: line, endColumn: 5 },
      message,
      kind,
    });
    const flow = [
      step('api/a.ts', 1, '`req.query.q` is read from the request', 'source'),
      step('api/a.ts', 2, 'copied to `q`'),
      step('api/b.ts', 3, 'passed to `search(q)`', 'call'),
      step('api/b.ts', 4, 'copied to `term`'),
      step('lib/c.ts', 5, 'joined with the key `sk_live_********`'),
      step('lib/c.ts', 6, 'a message with no code span that goes on for quite a while longer than a label should'),
      step('lib/c.ts', 7, '`db.raw` runs it', 'sink'),
    ];
    const f = finding({ ruleId: 'sql-injection', file: 'lib/c.ts', range: { startLine: 7, startColumn: 1, endLine: 7, endColumn: 5 }, flow });
    const base = sampleResult();
    const out = renderTerminal({ ...base, findings: [f], notifications: [] }, { color: false });
    expect(out).toContain('path: req.query.q (api/a.ts:1) → q → … → a message with no code span that goes o… (lib/c.ts:6) → db.raw (lib/c.ts:7)\n');
    const short = renderTerminal({ ...base, findings: [{ ...f, flow: [flow[0], flow[2], flow[4], flow[6]] }], notifications: [] }, { color: false });
    expect(short).toContain('path: req.query.q (api/a.ts:1) → search(q) (api/b.ts:3) → sk_live_******** (lib/c.ts:5) → db.raw (lib/c.ts:7)\n');
    // Redaction happened when the finding was made: the reporter shows the step message exactly as given.
    const verbose = renderTerminal({ ...base, findings: [f], notifications: [] }, { color: false, verbose: true });
    expect(verbose).toContain('5. lib/c.ts:5  joined with the key `sk_live_********`\n');
    expect(verbose).toContain('7. lib/c.ts:7  `db.raw` runs it\n');
  });

  it('escapes control characters in a path', () => {
    const flow: FlowStep[] = [
      { file: 'evil\u001b[2J.ts', range: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 }, message: '`x\u001b]0;t\u0007` read', kind: 'source' },
      { file: 'a.ts', range: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 2 }, message: 'used \u202e here', kind: 'sink' },
    ];
    const hostile = finding({ ruleId: 'sql-injection', file: 'a.ts', flow });
    for (const verbose of [false, true]) {
      const out = renderTerminal({ ...sampleResult(), findings: [hostile], notifications: [] }, { color: false, verbose });
      expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/);
      expect(out).toContain('evil\\x1b[2J.ts:1');
    }
  });

  it('matches the golden files', () => {
    expectGolden('sample.terminal.txt', renderTerminal(sampleResult(), { color: false }));
    expectGolden('sample.terminal-verbose.txt', renderTerminal(sampleResult(), { color: false, verbose: true }));
    expectGolden('sample.terminal-color.txt', renderTerminal(sampleResult(), { color: true }));
    expectGolden('empty.terminal.txt', renderTerminal(emptyResult(), { color: false }));
  });
});
