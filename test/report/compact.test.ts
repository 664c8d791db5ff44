import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/run-cli.js';
import { REPORTERS, renderCompact } from '../../src/report/index.js';
import { emptyResult, finding, sampleResult } from './sample-result.js';

const MATCHER = /^(.+?):(\d+):(\d+): (critical|high|medium|low|info) ([a-z0-9-]+) (.*)$/;

describe('compact reporter', () => {
  it('prints one line per unsuppressed finding in file order, matching the documented problem matcher', () => {
    const result = sampleResult();
    const out = renderCompact(result);
    const lines = out.trimEnd().split('\n');
    const open = result.findings.filter((f) => !f.suppression);
    expect(lines).toHaveLength(open.length);
    for (const line of lines) expect(line).toMatch(MATCHER);
    expect(out).not.toMatch(/\x1b\[/);
    expect(REPORTERS.compact(result)).toBe(out);
  });

  it('prints the exact shape, folds multi-line messages and escapes control characters', () => {
    const result = emptyResult();
    result.findings = [
      finding({ ruleId: 'sql-injection', file: 'b.ts', severity: 'high', range: { startLine: 9, startColumn: 3, endLine: 9, endColumn: 8 }, message: 'Query built\n  from `req.query.id`\x1b[31m' }),
      finding({ ruleId: 'hardcoded-secret', file: 'a.ts', severity: 'critical', range: { startLine: 2, startColumn: 14, endLine: 2, endColumn: 30 }, message: 'Stripe key' }),
      finding({ ruleId: 'hardcoded-secret', file: 'a.ts', suppression: { kind: 'inSource', justification: 'test key' } }),
    ];
    expect(renderCompact(result)).toBe('a.ts:2:14: critical hardcoded-secret Stripe key\nb.ts:9:3: high sql-injection Query built from `req.query.id`?[31m\n');
    expect(renderCompact(emptyResult())).toBe('');
  });

  it('is read by the README problem matchers: each line by exactly one, with the right severity and fields', () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const block = /### Editors: the problems panel[\s\S]*?```json\n([\s\S]*?)```/.exec(readme);
    expect(block).not.toBeNull();
    const matchers = JSON.parse(block![1]).tasks[0].problemMatcher as { severity: string; pattern: { regexp: string; file: number; line: number; column: number; code: number; message: number } }[];
    const result = emptyResult();
    const severities = ['critical', 'high', 'medium', 'low', 'info'] as const;
    result.findings = severities.map((severity, i) => finding({ ruleId: 'sql-injection', file: `src/a b/${i}.ts`, severity, range: { startLine: i + 1, startColumn: 7, endLine: i + 1, endColumn: 9 }, message: `Problem: ${severity}` }));
    const lines = renderCompact(result).trimEnd().split('\n');
    const expected = ['error', 'error', 'warning', 'info', 'info'];
    lines.forEach((line, i) => {
      const hits = matchers.filter((m) => new RegExp(m.pattern.regexp).test(line));
      expect(hits.map((m) => m.severity)).toEqual([expected[i]]);
      const m = new RegExp(hits[0].pattern.regexp).exec(line)!;
      const p = hits[0].pattern;
      expect([m[p.file], m[p.line], m[p.column], m[p.code], m[p.message]]).toEqual([`src/a b/${i}.ts`, String(i + 1), '7', 'sql-injection', `Problem: ${severities[i]}`]);
    });
  });
});
