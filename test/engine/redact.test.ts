import { describe, expect, it } from 'vitest';
import { redactAll, redactLineKeepingColumn, redactSecret } from '../../src/engine/redact.js';
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
