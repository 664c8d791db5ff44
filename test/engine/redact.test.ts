import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/types.js';
import { scanVirtual } from '../../src/engine/scan.js';
import { redactAll, redactLineKeepingColumn, redactSecret, SecretSet } from '../../src/engine/redact.js';
import { oneLineFix } from '../../src/report/text.js';

const SECRET = ['sk', 'live', 'Aa1Bb2Cc3Dd4Ee5Ff6Gg7Hh8'].join('_');

describe('redaction', () => {
  it('keeps a short prefix and never more than a quarter of the value', () => {
    const r = redactSecret(SECRET);
    expect(r.startsWith('sk_live_')).toBe(true);
    expect(r.replace(/\*/g, '').length).toBeLessThanOrEqual(SECRET.length / 4);
    expect(redactSecret('abc')).toBe('****');
  });

  it('redacts every occurrence, longest secret first', () => {
    expect(redactAll(`a=${SECRET} b=${SECRET}`, [SECRET.slice(0, 12), SECRET])).not.toContain(SECRET.slice(8));
  });

  it('redacts overlapping secrets as one, leaving no part of either beyond its prefix', () => {
    const a = 'Zq8vK2mX';
    const b = 'K2mXp9Lw4Rt7Yb3N';
    const out = redactAll(`key=${a}p9Lw4Rt7Yb3N end`, [a, b]);
    expect(out).toBe(`key=${redactSecret(a)} end`);
    expect(redactAll('abc x abc', ['abc'])).toBe('**** x ****');
    const set = new SecretSet([a, b, 'abc', '']);
    expect([set.size, set.longest, set.has(b), set.has('')]).toEqual([3, b.length, true, false]);
    expect(redactAll(`${b} ${a}`, [set])).toBe(`${redactSecret(b)} ${redactSecret(a)}`);
  });

  it('cuts a long line to a window around each finding and leaves no secret whole or cut in half in any snippet', async () => {
    // One minified line of 400 random-looking secrets: every finding's snippet is a window of it.
    const values = Array.from({ length: 400 }, (_, i) => `Qz${((i * 2654435761) >>> 0).toString(36)}Xk${((i * 40503) >>> 0).toString(16)}mP7wR${i}`);
    const toml = `vars = { ${values.map((v, i) => `SECRET_${i} = "${v}"`).join(', ')} }\n`;
    const result = await scanVirtual({ 'package.json': '{"name":"x"}', 'wrangler.toml': toml }, { config: defaultConfig(), offline: true });
    const findings = result.findings.filter((f) => f.ruleId === 'generic-hardcoded-secret');
    expect(findings).toHaveLength(400);
    // Any 8 characters of a value past its shown prefix, as a whole value or the part a cut would leave.
    const tails = new Set(values.flatMap((v) => Array.from({ length: v.length - 13 }, (_, k) => v.slice(6 + k, 14 + k))));
    for (const f of findings) {
      expect(f.snippet.length).toBeLessThanOrEqual(162);
      const leaked = Array.from({ length: Math.max(0, f.snippet.length - 7) }, (_, k) => f.snippet.slice(k, k + 8)).filter((w) => tails.has(w));
      expect(leaked).toEqual([]);
    }
    // The window is around the finding: its own (redacted) value is in it.
    expect(findings[200].snippet).toContain(`SECRET_200 = "${redactSecret(values[200])}"`);
  });

  it('moves a column past shortened secrets so it still points at its target', () => {
    const line = `x="${SECRET}";y="${SECRET}";target();`;
    const column = line.indexOf('target');
    const { text, column: mapped } = redactLineKeepingColumn(line, [SECRET], column);
    expect(text.slice(mapped, mapped + 6)).toBe('target');
    expect(text).not.toContain(SECRET);
    const inside = redactLineKeepingColumn(line, [SECRET], line.indexOf(SECRET) + 5);
    expect(inside.text.slice(inside.column)).toMatch(/^sk_live_\*+/);
  });
});

describe('one-line fix', () => {
  it('takes the first item of a numbered fix, not the next number', () => {
    expect(oneLineFix('1. Rotate the key now: it is in git history.\n   Really.\n2. Read it from the environment.')).toBe('Rotate the key now: it is in git history.');
    expect(oneLineFix('Use a bounded range. Commit the lockfile.')).toBe('Use a bounded range.');
  });
});
