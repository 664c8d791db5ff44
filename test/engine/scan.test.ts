import { describe, expect, it } from 'vitest';
import { defaultConfig, type ResolvedConfig } from '../../src/config/types.js';
import { languageOf } from '../../src/classify/language.js';
import { suppressionsOf } from '../../src/engine/comment-syntax.js';
import { failingFindings, scanVirtual } from '../../src/engine/scan.js';

const KEY = ['sk', 'live', 'Pq8Wm2Zx7Kd4Rt9Bv3Nf6Jh1'].join('_');
const scan = (files: Record<string, string>, config: Partial<ResolvedConfig> = {}) =>
  scanVirtual(files, { config: { ...defaultConfig(), ...config }, offline: true });

describe('scan engine', () => {
  it('keeps fingerprints when code above a finding changes, and tells repeated findings apart', async () => {
    const body = `function pay() {\n  const a = '${KEY}';\n  const b = '${KEY}';\n}\n`;
    const first = await scan({ 'server.js': body });
    const moved = await scan({ 'server.js': `// a new header comment\nimport x from 'y';\n\n${body.replace('  const a', '    const a')}` });
    const fp = (r: typeof first) => r.findings.filter((f) => f.ruleId === 'hardcoded-secret').map((f) => f.fingerprint);
    expect(fp(first)).toHaveLength(2);
    expect(new Set(fp(first)).size).toBe(2);
    expect(fp(moved)).toEqual(fp(first));
    expect(moved.findings[0].range.startLine).toBe(first.findings[0].range.startLine + 3);
  });

  it('gives a different fingerprint to the same line in another file or another function', async () => {
    const a = await scan({ 'a.js': `function x() { return '${KEY}'; }\n`, 'b.js': `function y() { return '${KEY}'; }\n` });
    const [fa, fb] = a.findings.filter((f) => f.ruleId === 'hardcoded-secret');
    expect(fa.fingerprint).not.toBe(fb.fingerprint);
    expect([fa.symbol, fb.symbol]).toEqual(['x', 'y']);
  });

  it('turns a file that does not parse into a notification and still runs text rules on it', async () => {
    const result = await scan({ 'src/broken.ts': `const k = '${KEY}';\nexport const = ;\n`, 'src/ok.ts': 'export const a = 1;\n' });
    expect(result.notifications).toEqual([
      expect.objectContaining({ level: 'warning', kind: 'parse-error', file: 'src/broken.ts', line: 2 }),
    ]);
    expect(result.findings.map((f) => `${f.file}:${f.range.startLine} ${f.ruleId}`)).toContain('src/broken.ts:1 hardcoded-secret');
    expect(result.stats.parsed).toBe(1);
  });

  it('applies in-source suppressions with their reason, and warns about unknown rule ids', async () => {
    const result = await scan({
      'server.js': [
        `// vibeaudit-ignore-next-line hardcoded-secret -- test key`,
        `const a = '${KEY}';`,
        `const b = '${KEY}'; // not suppressed: the comment covers only the next line`,
        `// vibeaudit-ignore-next-line no-such-rule -- typo`,
        `const c = 1;`,
      ].join('\n'),
    });
    const secrets = result.findings.filter((f) => f.ruleId === 'hardcoded-secret');
    expect(secrets.map((f) => [f.range.startLine, f.suppression?.justification])).toEqual([[2, 'test key'], [3, undefined]]);
    expect(failingFindings(result).map((f) => f.range.startLine)).toEqual([3]);
    expect(result.notifications).toEqual([expect.objectContaining({ kind: 'suppression', line: 4, message: expect.stringContaining('no-such-rule') })]);
  });

  it('suppresses a whole file with vibeaudit-ignore-file', async () => {
    const result = await scan({ '.env.local': `# vibeaudit-ignore-file hardcoded-secret, env-file-committed -- local only\nA=${KEY}\n` });
    expect(result.findings.length).toBeGreaterThan(0);
    expect(result.findings.every((f) => f.suppression?.justification === 'local only')).toBe(true);
  });

  it('honours rule settings from the configuration: off and severity', async () => {
    const files = { 'server.js': `const a = '${KEY}';\n` };
    expect((await scan(files, { rules: { 'hardcoded-secret': { enabled: false } } })).findings.filter((f) => f.ruleId === 'hardcoded-secret')).toEqual([]);
    const lowered = await scan(files, { rules: { 'hardcoded-secret': { enabled: true, severity: 'low' } } });
    expect(lowered.findings.find((f) => f.ruleId === 'hardcoded-secret')?.severity).toBe('low');
    expect(failingFindings(lowered)).toEqual([]);
  });

  it('reports ranges that are 1-based with exclusive end columns', async () => {
    const result = await scan({ 'server.js': `\nconst a = '${KEY}';\n` });
    const f = result.findings.find((x) => x.ruleId === 'hardcoded-secret')!;
    expect(f.range.startLine).toBe(2);
    expect(f.range.startColumn).toBeGreaterThanOrEqual(11);
    expect(f.snippet).not.toContain(KEY);
  });
});

describe('suppression directives', () => {
  it('ignores directives quoted in docs: block-comment examples, markdown and JSON', async () => {
    const result = await scanVirtual(
      {
        'src/a.ts': '/**\n * Use it like this:\n *   // vibeaudit-ignore-next-line some-rule -- reason\n */\nexport const a = 1;\n',
        'README.md': '```sql\n-- vibeaudit-ignore-next-line some-rule -- reason\n```\n',
        'data.json': '{ "note": "// vibeaudit-ignore-file some-rule" }\n',
      },
      { config: defaultConfig(), offline: true },
    );
    expect(result.notifications).toEqual([]);
  });

  it('takes no directive from a string in a script, and still takes one after a string on its line', async () => {
    const ids = (path: string, text: string) => suppressionsOf(path, languageOf(path), text).map((d) => `${d.line}:${d.ruleIds.join(',')}:${d.reason ?? ''}`);
    // Code that writes code: the directive is a string's text.
    expect(ids('src/gen.ts', "export const header = '// vibeaudit-ignore-next-line sql-injection\\n';\n")).toEqual([]);
    expect(ids('src/gen.ts', 'const note = "it\'s // vibeaudit-ignore-file sql-injection";\n')).toEqual([]);
    expect(ids('src/gen.ts', "const q = 'it\\'s // vibeaudit-ignore-file sql-injection';\n")).toEqual([]);
    expect(ids('src/gen.js', 'const t = `// vibeaudit-ignore-next-line sql-injection`;\n')).toEqual([]);
    // A real comment after a closed string, and JSX text with an apostrophe before `{/* … */}`.
    expect(ids('src/db.ts', "const s = 'a'; // vibeaudit-ignore-next-line sql-injection -- ids are checked\n")).toEqual(['1:sql-injection:ids are checked']);
    expect(ids('src/db.ts', 'const s = `a`; /* vibeaudit-ignore-next-line sql-injection -- why */\n')).toEqual(['1:sql-injection:why']);
    expect(ids('src/P.tsx', "<p>\n  Don't {/* vibeaudit-ignore-next-line xss -- fixed markup */}\n</p>\n")).toEqual(['2:xss:fixed markup']);
    // Not a script: the line's text is not read as code.
    expect(ids('supabase/migrations/1.sql', "select 'a'; -- vibeaudit-ignore-next-line rls -- why\n")).toEqual(['1:rls:why']);

    // In a scan: no complaint about a directive without a reason that is not a directive.
    const result = await scanVirtual({ 'src/gen.ts': "export const header = '// vibeaudit-ignore-next-line sql-injection\\n';\n" }, { config: defaultConfig(), offline: true });
    expect(result.findings.map((f) => f.ruleId)).toEqual([]);
  });
});
