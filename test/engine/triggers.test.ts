import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeywordAutomaton } from '../../src/engine/keyword-automaton.js';
import { defineAstRule, hasTrigger, type AstRule } from '../../src/engine/rule.js';
import { catalogue } from '../../src/engine/scan.js';
import { RuleTriggers } from '../../src/engine/triggers.js';

const rule = (triggers: AstRule['triggers']): AstRule => defineAstRule({ id: 'test-rule', messageIds: ['found'], triggers, create: () => ({}) });

describe('KeywordAutomaton', () => {
  it('finds every keyword a text holds, overlapping and nested ones too', () => {
    const a = new KeywordAutomaton(['he', 'she', 'his', 'hers', 'x']);
    expect([...a.find('ushers')].sort()).toEqual(['he', 'hers', 'she']);
    expect([...a.find('this')]).toEqual(['his']);
    expect(a.find('nothing here?').has('x')).toBe(false);
  });

  it('folds case only when asked', () => {
    expect([...new KeywordAutomaton(['secret']).find('SECRET Secret')]).toEqual([]);
    expect([...new KeywordAutomaton(['secret'], true).find('SECRET')]).toEqual(['secret']);
  });

  it('does not match across a character beyond ASCII', () => {
    const a = new KeywordAutomaton(['ab']);
    expect(a.find('a\u00e9b').size).toBe(0);
    expect(a.find('\u00e9ab\u00e9').has('ab')).toBe(true);
  });

  it('refuses a keyword it could never match', () => {
    expect(() => new KeywordAutomaton(['caf\u00e9'])).toThrow(/ASCII/);
    expect(() => new KeywordAutomaton(['Upper'], true)).toThrow(/lower-case/);
  });
});

describe('RuleTriggers', () => {
  it('answers as hasTrigger does for words, words in any case, regexes of words and other regexes', () => {
    const rules = [
      rule(['env', 'Env']),
      rule([/pass|pwd/i]),
      rule([/\.json/i]),
      rule([/static|serve/]),
      rule([/\bdb\s*\.\s*get\b/]),
      rule(['caf\u00e9']),
      rule(undefined),
      rule(['a$b', /x\$y/]),
    ];
    const triggers = new RuleTriggers(rules);
    const texts = ['', 'ENV', 'process.env', 'const Env = 1', 'PASSWORD', 'pWd', 'data.JSON', 'dataxjson', 'Static', 'serve()', 'db . get(', 'caf\u00e9', 'cafe', 'a$b', 'x$y', 'xy'];
    for (const text of texts) {
      const triggered = triggers.in(text);
      for (const r of rules) expect(triggered(r), `${String(r.triggers)} in ${JSON.stringify(text)}`).toBe(hasTrigger(r, text));
    }
    // The cases that tell the two apart if a word were read in the wrong case:
    expect(triggers.in('ENV')(rules[0])).toBe(false);
    expect(triggers.in('PASSWORD')(rules[1])).toBe(true);
    expect(triggers.in('Static')(rules[3])).toBe(false);
  });

  it('asks a rule whose triggers were replaced after it was planned as hasTrigger does', () => {
    const r = rule(['supabase']);
    const triggers = new RuleTriggers([r]);
    expect(triggers.in('nothing')(r)).toBe(false);
    r.triggers = undefined;
    expect(triggers.in('nothing')(r)).toBe(true);
  });

  it('agrees with hasTrigger for every rule of the catalogue on every fixture file', () => {
    const rules = catalogue()
      .map((e) => e.rule)
      .filter((r): r is AstRule => r.kind === 'ast');
    const triggers = new RuleTriggers(rules);
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.[cm]?[jt]sx?$/.test(name)) files.push(path);
      }
    };
    walk(join(import.meta.dirname, '..', '..', 'fixtures'));
    expect(files.length).toBeGreaterThan(20);
    let agreedTriggered = 0;
    for (const path of files) {
      const text = readFileSync(path, 'utf8');
      const triggered = triggers.in(text);
      for (const r of rules) {
        const expected = hasTrigger(r, text);
        expect(triggered(r), `${r.id} on ${path}`).toBe(expected);
        if (expected && r.triggers) agreedTriggered++;
      }
      // The same text upper-cased: words to be found as written must not be found in another case.
      const upper = text.toUpperCase();
      const triggeredUpper = triggers.in(upper);
      for (const r of rules) expect(triggeredUpper(r), `${r.id} on ${path}, upper-cased`).toBe(hasTrigger(r, upper));
    }
    expect(agreedTriggered).toBeGreaterThan(50);
  });
});
