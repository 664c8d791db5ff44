import { describe, expect, it } from 'vitest';
import { looksLikeRtdbRules, parseRtdbRules } from '../../src/firebase/rtdb-rules.js';

describe('parseRtdbRules', () => {
  it('lists rules with their node path, value and line, skipping comments', () => {
    const text = `{\n  // Realtime Database rules\n  "rules": {\n    ".read": false,\n    "users": {\n      "$uid": {\n        ".write": "auth != null && auth.uid === $uid",\n        ".indexOn": ["email"]\n      }\n    }\n  }\n}\n`;
    const { rules, error } = parseRtdbRules(text);
    expect(error).toBeUndefined();
    expect(rules.map((r) => [r.kind, r.path.join('/'), r.value, r.line])).toEqual([
      ['.read', '', false, 4],
      ['.write', 'users/$uid', 'auth != null && auth.uid === $uid', 7],
      ['.indexOn', 'users/$uid', undefined, 8],
    ]);
  });

  it('reports where broken JSON stops', () => {
    const { rules, error } = parseRtdbRules('{\n  "rules": {\n    ".read": tru\n  }\n}');
    expect(rules).toEqual([]);
    expect(error).toMatchObject({ line: 3 });
  });

  it('recognises rules files by content, not just by name', () => {
    expect(looksLikeRtdbRules('database.rules.json', '{"rules":{".read":true}}', { rules: { '.read': true } })).toBe(true);
    expect(looksLikeRtdbRules('config/rtdb.json', '{"rules":{".write":false}}', { rules: { '.write': false } })).toBe(true);
    expect(looksLikeRtdbRules('package.json', '{"name":"x"}', { name: 'x' })).toBe(false);
    expect(looksLikeRtdbRules('.eslintrc.json', '{"rules":{"no-var":"error"}}', { rules: { 'no-var': 'error' } })).toBe(false);
  });
});
