import { describe, expect, it } from 'vitest';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { suppressionsOf } from '../../src/engine/comment-syntax.js';
import { suppressionActions } from '../../src/lsp/code-actions.js';
import { diagnosticsFor, toLspRange } from '../../src/lsp/diagnostics.js';
import type { Finding } from '../../src/engine/finding.js';

function at(line: number, code = 'hardcoded-secret'): Diagnostic {
  return { range: { start: { line, character: 2 }, end: { line, character: 9 } }, code, source: 'vibeaudit', message: 'm', severity: DiagnosticSeverity.Error };
}

/** The text the quick fix inserts for a finding on 0-based `line` of `text` in `path`. */
function inserted(path: string, text: string, line: number): string | undefined {
  const doc = TextDocument.create(`file:///app/${path}`, 'x', 1, text);
  const [action] = suppressionActions(doc, path, [at(line)]);
  const edits = action?.edit?.changes?.[doc.uri];
  if (!edits) return undefined;
  expect(edits[0].range).toEqual({ start: { line, character: 0 }, end: { line, character: 0 } });
  return edits[0].newText;
}

describe('suppression quick fix', () => {
  it("writes the directive in each file's comment syntax, indented like the line", () => {
    expect(inserted('api/index.ts', 'a\n    const k = 1;\n', 1)).toBe('    // vibeaudit-ignore-next-line hardcoded-secret -- explain why this is safe\n');
    expect(inserted('docker-compose.yml', 'services:\n  api:\n    environment:\n      KEY: x\n', 3)).toBe('      # vibeaudit-ignore-next-line hardcoded-secret -- explain why this is safe\n');
    expect(inserted('.env.production', 'KEY=x\n', 0)).toBe('# vibeaudit-ignore-next-line hardcoded-secret -- explain why this is safe\n');
    expect(inserted('Dockerfile', 'FROM node\nENV KEY=x\n', 1)).toBe('# vibeaudit-ignore-next-line hardcoded-secret -- explain why this is safe\n');
    expect(inserted('netlify.toml', '[build]\n  KEY = "x"\n', 1)).toBe('  # vibeaudit-ignore-next-line hardcoded-secret -- explain why this is safe\n');
    expect(inserted('db/001_init.sql', 'create table t ();\n\tgrant all on t to anon;\n', 1)).toBe('\t-- vibeaudit-ignore-next-line hardcoded-secret -- explain why this is safe\n');
    expect(inserted('public/index.html', '<body>\n  <script>k="x"</script>\n', 1)).toBe('  <!-- vibeaudit-ignore-next-line hardcoded-secret -- explain why this is safe -->\n');
    expect(inserted('docs/setup.md', 'Key: x\n', 0)).toBe('<!-- vibeaudit-ignore-next-line hardcoded-secret -- explain why this is safe -->\n');
  });

  it('keeps Windows line endings', () => {
    expect(inserted('a.ts', 'x\r\nconst k = 1;\r\n', 1)).toBe('// vibeaudit-ignore-next-line hardcoded-secret -- explain why this is safe\r\n');
  });

  it('uses JSX braces among JSX children only, not in attribute lists or code of a .tsx file', () => {
    const tsx = ['export function A() {', '  const k = 1;', '  return (', '    <div', '      data-k="x"', '    >', '      <B k="x" />', '      text {k}', '    </div>', '  );', '}', ''].join('\n');
    expect(inserted('A.tsx', tsx, 1)).toBe('  // vibeaudit-ignore-next-line hardcoded-secret -- explain why this is safe\n');
    expect(inserted('A.tsx', tsx, 4)).toBe('      // vibeaudit-ignore-next-line hardcoded-secret -- explain why this is safe\n');
    expect(inserted('A.tsx', tsx, 6)).toBe('      {/* vibeaudit-ignore-next-line hardcoded-secret -- explain why this is safe */}\n');
    expect(inserted('A.tsx', tsx, 7)).toBe('      {/* vibeaudit-ignore-next-line hardcoded-secret -- explain why this is safe */}\n');
  });

  it('offers nothing where a comment cannot be written (JSON) or for other tools’ diagnostics', () => {
    expect(inserted('package.json', '{\n  "k": "x"\n}\n', 1)).toBeUndefined();
    const doc = TextDocument.create('file:///app/a.ts', 'typescript', 1, 'const k = 1;\n');
    expect(suppressionActions(doc, 'a.ts', [{ ...at(0), source: 'eslint' }])).toEqual([]);
  });

  it('writes what the engine reads back as a suppression of that rule on the next line', () => {
    for (const [path, comment] of [
      ['a.tsx', '{/* vibeaudit-ignore-next-line hardcoded-secret -- explain why this is safe */}'],
      ['a.sql', '-- vibeaudit-ignore-next-line hardcoded-secret -- explain why this is safe'],
      ['a.md', '<!-- vibeaudit-ignore-next-line hardcoded-secret -- explain why this is safe -->'],
      ['a.toml', '# vibeaudit-ignore-next-line hardcoded-secret -- explain why this is safe'],
    ] as const) {
      const language = path.endsWith('.tsx') ? 'tsx' : path.endsWith('.sql') ? 'sql' : 'other';
      expect(suppressionsOf(path, language, `x\n  ${comment}\nsecret\n`)).toMatchObject([{ scope: 'next-line', ruleIds: ['hardcoded-secret'], reason: 'explain why this is safe', line: 2 }]);
    }
  });

  it('reads only the own comment form in prose: a `//` directive quoted in markdown is an example', () => {
    expect(suppressionsOf('README.md', 'other', 'Write `// vibeaudit-ignore-next-line sql-injection -- why` above it.\n')).toEqual([]);
    expect(suppressionsOf('notes.txt', 'other', '# vibeaudit-ignore-next-line sql-injection -- why\n')).toEqual([]);
    expect(suppressionsOf('package.json', 'json', '{"a": "// vibeaudit-ignore-file sql-injection"}')).toEqual([]);
  });
});

describe('diagnostics', () => {
  const finding: Finding = {
    ruleId: 'sql-injection',
    severity: 'medium',
    confidence: 'high',
    file: 'api/db.ts',
    range: { startLine: 3, startColumn: 5, endLine: 4, endColumn: 10 },
    messageId: 'm',
    message: '`req.query.id` reaches a SQL query',
    snippet: '',
    fingerprint: 'f',
    flow: [{ file: 'api/route.ts', range: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 4 }, message: 'read here', kind: 'source' }],
  };

  it('maps ranges to 0-based positions with the same exclusive end', () => {
    expect(toLspRange(finding.range)).toEqual({ start: { line: 2, character: 4 }, end: { line: 3, character: 9 } });
  });

  it('carries rule id, docs link, severity and the data-flow steps; skips suppressed findings and other files', () => {
    const suppressed = { ...finding, range: { ...finding.range, startLine: 9 }, suppression: { kind: 'inSource' as const } };
    const elsewhere = { ...finding, file: 'api/other.ts' };
    const result = diagnosticsFor([finding, suppressed, elsewhere, { ...finding, severity: 'info' }], 'api/db.ts', (p) => `file:///app/${p}`);
    expect(result).toHaveLength(2);
    expect(result[0]).toEqual({
      range: { start: { line: 2, character: 4 }, end: { line: 3, character: 9 } },
      severity: DiagnosticSeverity.Warning,
      code: 'sql-injection',
      codeDescription: { href: 'https://github.com/vibeaudit/vibeaudit/blob/main/docs/rules.md#sql-injection' },
      source: 'vibeaudit',
      message: '`req.query.id` reaches a SQL query',
      relatedInformation: [{ location: { uri: 'file:///app/api/route.ts', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } } }, message: 'read here' }],
    });
    expect(result[1].severity).toBe(DiagnosticSeverity.Hint);
  });
});
