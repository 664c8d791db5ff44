import { describe, expect, it } from 'vitest';
import { code, escapeInline, fenced } from '../../src/report/markdown-escape.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { expectGolden } from './golden.js';
import { emptyResult, finding, manyFindingsResult, sampleResult, SPECIAL_PATH } from './sample-result.js';

/** Cells of a GFM table row: split on pipes not escaped with a backslash. */
function cells(row: string): string[] {
  return row.split(/(?<!\\)\|/).slice(1, -1);
}

/** The markdown with fenced code blocks and inline code spans removed (CommonMark: a run closes on the same length). */
function outsideCode(md: string): string {
  const noFences = md.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '');
  return noFences.replace(/(?<!`|\\)(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '');
}

describe('renderMarkdown', () => {
  it('starts with a title, a verdict and counts by severity and by category', () => {
    const md = renderMarkdown(sampleResult());
    expect(md.startsWith('# vibeaudit report\n\n❌ **4 findings at or above high severity.** Fix them before you ship.\n')).toBe(true);
    expect(md).toContain('| 🔴 Critical | 1 |\n| 🟠 High | 3 |\n| 🟡 Medium | 1 |\n| 🔵 Low | 1 |\n| ⚪ Info | 1 |');
    expect(md).toContain('| Category | Findings |\n| :-- | --: |\n| Secrets | 2 |\n| Client exposure | 1 |\n| Injection | 1 |\n| Production readiness | 2 |\n| Pipeline | 1 |');
    expect(md).toContain('Scanned 42 files of `my-app` in 1.2s · 2 suppressed · 1 file could not be parsed, so only text rules ran on it.');
    expect(renderMarkdown(emptyResult())).toContain('✅ **No findings at or above high severity.**');
    expect(renderMarkdown({ ...sampleResult(), failOn: 'critical' })).toContain('❌ **1 finding at or above critical severity.** Fix it before you ship.');
  });

  it('lists findings by severity, most serious first, each with what, where, why, how and a prompt', () => {
    const md = renderMarkdown(sampleResult());
    const order = ['## 🔴 Critical (1)', '## 🟠 High (3)', '## 🟡 Medium (1)', '## 🔵 Low (1)', '## ⚪ Info (1)'].map((h) => md.indexOf(h));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const critical = md.slice(order[0], order[1]);
    expect(critical).toContain('### Supabase service role key in client code');
    expect(critical).toContain('`src/lib/supabase.ts:4` · [`supabase-service-role-in-client`](https://github.com/vibeaudit/vibeaudit/blob/main/docs/rules.md#supabase-service-role-in-client)');
    expect(critical).toContain('`VITE_SUPABASE_SERVICE_ROLE_KEY` is read in `src/lib/supabase.ts`, which runs in the browser');
    expect(critical).toContain('```ts\n  const supabase = createClient(url, import.meta.env.VITE_SUPABASE_SERVICE_ROLE_KEY);\n```');
    expect(critical).toContain('**Why it matters**\n\nThe service role key bypasses every Row Level Security policy.');
    expect(critical).toContain('**How to fix**\n\nUse the **anon** key');
    expect(critical).toContain('````text\nvibeaudit found a security problem in my project. Please fix it.\n\nFile: src/lib/supabase.ts, line 4\n');
  });

  it('explains a rule once and points later findings of the same rule to it', () => {
    const md = renderMarkdown(manyFindingsResult(3));
    expect(md.split('**Why it matters**').length - 1).toBe(1);
    expect(md.split('see the first `hardcoded-secret` finding above').length - 1).toBe(2);
  });

  it('shows a multi-line snippet whole in its code block', () => {
    expect(renderMarkdown(sampleResult())).toContain(
      "```js\napp.post('/api/login', async (req, res) => {\n  const user = await findUser(req.body.email);\n  res.json(user);\n```",
    );
  });

  it('folds long groups and low/info groups', () => {
    const md = renderMarkdown(manyFindingsResult(13));
    expect(md).toContain('## 🟠 High (13)');
    const fold = md.indexOf('<details>\n<summary>Show 3 more high findings</summary>');
    expect(fold).toBeGreaterThan(0);
    expect(md.indexOf('src/file-10.ts')).toBeLessThan(fold);
    expect(md.indexOf('src/file-11.ts')).toBeGreaterThan(fold);
    expect(renderMarkdown(manyFindingsResult(10))).not.toContain('<details>');
    const low = renderMarkdown(manyFindingsResult(2, 'low'));
    expect(low).toMatch(/## 🔵 Low \(2\)\n\n<details>\n<summary>Show 2 low findings<\/summary>\n\n### Secret written in source code/);
    const sample = renderMarkdown(sampleResult());
    expect(sample).toContain('## ⚪ Info (1)\n\n<details>\n<summary>Show 1 info finding</summary>');
  });

  it('lists suppressed findings with their reasons and notifications in folded tables', () => {
    const md = renderMarkdown(sampleResult());
    expect(md).toContain('<summary>2 suppressed findings</summary>');
    expect(md).toContain('| `hardcoded-secret` | `scripts/seed.ts:5` | local-only seed key \\| rotated &lt;weekly&gt; |');
    expect(md).toContain('*no reason given*');
    expect(md).toContain('<summary>3 scan notes (1 file could not be parsed, so only text rules ran on it)</summary>');
    expect(md).toContain("| ⚠️ warning | `src/broken.tsx:12` | Could not parse this file, so only text rules ran on it: ')' expected. |");
    expect(md).toContain('| ℹ️ note |  | Skipped a file larger than 1 MB. |');
  });

  it('keeps file names with | and < from breaking tables or injecting HTML', () => {
    const md = renderMarkdown(sampleResult());
    // Inside code spans and fenced blocks markup is literal text; outside them no tag may appear.
    const prose = outsideCode(md);
    expect(prose).toContain('<details>');
    expect(prose).not.toContain('<b>');
    expect(prose).not.toContain('<img');
    expect(prose).not.toContain('<script>');
    // Every row of every table has as many cells as its header.
    const lines = md.split('\n');
    let tables = 0;
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i].startsWith('|') || lines[i - 1]?.startsWith('|')) continue;
      tables++;
      const width = cells(lines[i]).length;
      for (let j = i + 1; lines[j]?.startsWith('|'); j++) expect(cells(lines[j]), lines[j]).toHaveLength(width);
    }
    expect(tables).toBe(4);
    expect(md).toContain('| `missing-rate-limit` | `src/app/[id]/we\\|ird <b>name</b> #1.ts:30` | *no reason given* |');
  });

  it('escapes markup in messages but keeps their code spans', () => {
    const md = renderMarkdown(sampleResult());
    expect(md).toContain(
      'A token in `<script>` and \\*emphasis\\* \\| pipe, @\u200beveryone \\[link\\](https://evil.example) &lt;img src=x&gt;',
    );
  });

  it('fences snippets that contain backticks with a longer fence', () => {
    const md = renderMarkdown(sampleResult());
    expect(md).toContain('````ts\n\tconst t = "ghp_********"; // ```\n````');
  });

  it('lists the data-flow path under the finding, numbered with file:line and what happens', () => {
    const md = renderMarkdown(sampleResult());
    expect(md).toContain(
      [
        '```ts\n  return pool.query(`SELECT * FROM users WHERE id = ${id}`);\n```',
        '**Path**',
        [
          '1. `server/routes/users.ts:12` — `req.body.id` is read from the request',
          '2. `server/routes/users.ts:13` — passed to `findUser(id)`',
          '3. `server/db.ts:8` — `pool.query` runs SQL built from it',
        ].join('\n'),
        '**Why it matters**',
      ].join('\n\n'),
    );
    expect(md.split('**Path**')).toHaveLength(2);
    expect(md).toContain('How the data gets there: req.body.id (server/routes/users.ts:12) → findUser(id) → pool.query (server/db.ts:8)');
  });

  it('escapes path steps and keeps their messages as given', () => {
    const hostile = finding({
      ruleId: 'sql-injection',
      file: SPECIAL_PATH,
      flow: [
        { file: SPECIAL_PATH, range: { startLine: 3, startColumn: 1, endLine: 3, endColumn: 2 }, message: '- `<b>` from *input* <img src=x> @everyone', kind: 'source' },
        { file: 'a.ts', range: { startLine: 4, startColumn: 1, endLine: 4, endColumn: 2 }, message: 'joined with the key `sk_live_********`', kind: 'sink' },
      ],
    });
    const md = renderMarkdown({ ...sampleResult(), findings: [hostile], notifications: [] });
    expect(md).toContain(
      [
        '1. `src/app/[id]/we|ird <b>name</b> #1.ts:3` — \\- `<b>` from \\*input\\* &lt;img src=x&gt; @\u200beveryone',
        // Redaction happened when the finding was made: the message is shown exactly as given.
        '2. `a.ts:4` — joined with the key `sk_live_********`',
      ].join('\n'),
    );
    const prose = outsideCode(md);
    expect(prose).not.toContain('<img');
    expect(prose).not.toContain('<b>');
  });

  it('matches the golden files', () => {
    expectGolden('sample.md', renderMarkdown(sampleResult()));
    expectGolden('many.md', renderMarkdown(manyFindingsResult(12)));
    expectGolden('empty.md', renderMarkdown(emptyResult()));
  });
});

describe('markdown escaping', () => {
  it('escapeInline keeps matched code spans and escapes an unmatched backtick', () => {
    expect(escapeInline('use `a|b` not <b>')).toBe('use `a|b` not &lt;b&gt;');
    expect(escapeInline('use `a|b`', { tableCell: true })).toBe('use `a\\|b`');
    expect(escapeInline('a ` b <i>')).toBe('a \\` b &lt;i&gt;');
    expect(escapeInline('``x ` y`` z')).toBe('``x ` y`` z');
    expect(escapeInline('# not a heading')).toBe('\\# not a heading');
    expect(escapeInline('- not a list')).toBe('\\- not a list');
    expect(escapeInline('1. not a list')).toBe('1\\. not a list');
    expect(escapeInline('two\nlines')).toBe('two lines');
  });

  it('code() holds any text literally', () => {
    expect(code('a`b')).toBe('``a`b``');
    expect(code('`x`')).toBe('`` `x` ``');
    expect(code('a|b', { tableCell: true })).toBe('`a\\|b`');
  });

  it('fenced() picks a fence longer than any run inside', () => {
    expect(fenced('x', 'ts')).toBe('```ts\nx\n```');
    expect(fenced('a\n````\nb')).toBe('`````\na\n````\nb\n`````');
  });
});
