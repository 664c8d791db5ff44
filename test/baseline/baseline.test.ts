import { describe, expect, it } from 'vitest';
import { applyBaseline } from '../../src/baseline/compare.js';
import { buildBaseline, parseBaseline, serializeBaseline } from '../../src/baseline/file.js';
import { ConfigError } from '../../src/config/errors.js';
import { fingerprintKey, fingerprintOf } from '../../src/engine/fingerprint.js';
import { renderMarkdown, renderTerminal } from '../../src/report/index.js';
import { sampleResult } from '../report/sample-result.js';

describe('baseline file', () => {
  it('records fingerprint, rule and file of unsuppressed findings only, never messages or snippets', () => {
    const result = sampleResult();
    const text = serializeBaseline(buildBaseline(result));
    const parsed = JSON.parse(text);
    const open = result.findings.filter((f) => !f.suppression);
    expect(parsed.version).toBe(1);
    expect(parsed.findings).toHaveLength(open.length);
    for (const entry of parsed.findings) expect(Object.keys(entry)).toEqual(['fingerprint', 'ruleId', 'file']);
    for (const f of result.findings) {
      if (f.snippet.trim()) expect(text).not.toContain(f.snippet);
      expect(text).not.toContain(f.message);
    }
    expect(text).not.toMatch(/sk_live/);
    expect(parseBaseline(text, 'b.json')).toEqual(buildBaseline(result));
  });

  it('reports corrupt JSON with the file and line, and a wrong shape with the key', () => {
    const corrupt = () => parseBaseline('{\n  "version": 1,\n  "findings": [\n    {"fingerprint": }\n  ]\n}\n', 'base.json');
    expect(corrupt).toThrow(ConfigError);
    try {
      corrupt();
    } catch (err) {
      expect((err as ConfigError).describe()).toMatch(/^base\.json:4: the baseline file is not valid JSON/);
    }
    const shape = () => parseBaseline('{"version":1,"findings":[{"fingerprint":"abc123ef","ruleId":"x","file":"a.ts"},{"ruleId":"x","file":"a.ts"}]}', 'base.json');
    expect(shape).toThrow(/fingerprint/);
    try {
      shape();
    } catch (err) {
      expect((err as ConfigError).describe()).toBe('base.json: findings[1].fingerprint: expected a fingerprint string; regenerate the file with `vibeaudit baseline`');
    }
    expect(() => parseBaseline('{"version":2,"findings":[]}', 'b')).toThrow(/unsupported baseline version 2/);
    expect(() => parseBaseline('[]', 'b')).toThrow(/a baseline file is a JSON object/);
  });
});

describe('applyBaseline', () => {
  it('hides known findings, keeps new ones and lists baseline entries no longer found', () => {
    const result = sampleResult();
    const open = result.findings.filter((f) => !f.suppression);
    const baseline = buildBaseline({ ...result, findings: open.slice(1) });
    baseline.findings.push({ fingerprint: 'ffffffffffffffff', ruleId: 'hardcoded-secret', file: 'gone.ts' });
    const narrowed = applyBaseline(result, baseline, '.vibeaudit-baseline.json');
    expect(narrowed.findings.filter((f) => !f.suppression)).toEqual([open[0]]);
    expect(narrowed.findings.filter((f) => f.suppression)).toEqual(result.findings.filter((f) => f.suppression));
    expect(narrowed.scope?.baseline?.unchanged).toEqual(open.slice(1));
    expect(narrowed.scope?.baseline?.absent).toEqual([{ fingerprint: 'ffffffffffffffff', ruleId: 'hardcoded-secret', file: 'gone.ts' }]);
    const hidden = open.length - 1;
    const note = `Only new findings: ${hidden} known findings from the baseline hidden (.vibeaudit-baseline.json); 1 baseline entry is no longer found.`;
    expect(renderTerminal(narrowed, { color: false })).toContain(note);
    expect(renderMarkdown(narrowed)).toContain(note);
  });
});

describe('fingerprints', () => {
  const key = (snippet: string, symbol?: string) => fingerprintKey({ ruleId: 'hardcoded-secret', file: 'src/a.ts', snippet, symbol });
  it('ignore whitespace and carry no line number, but separate occurrences and enclosing symbols', () => {
    expect(fingerprintOf(key('const  key = "sk_live_****";'), 0)).toBe(fingerprintOf(key('\tconst key =\n "sk_live_****";'), 0));
    expect(fingerprintOf(key('const key = "sk_live_****";'), 0)).not.toBe(fingerprintOf(key('const key = "sk_live_****";'), 1));
    expect(fingerprintOf(key('x', 'handler'), 0)).not.toBe(fingerprintOf(key('x', 'other'), 0));
  });
});
