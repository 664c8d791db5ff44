import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../src/config/types.js';
import { readRuleYaml, type CatalogueEntry } from '../../src/engine/catalogue.js';
import type { ScanResult } from '../../src/engine/result.js';
import { catalogue, scanDirectory, scanVirtual } from '../../src/engine/scan.js';
import { defineAstRule, hasTrigger, ruleApplies, type AstRule } from '../../src/engine/rule.js';
import type { ProjectModel, SourceFile } from '../../src/model/types.js';
import type { ProjectCase } from '../helpers/rule-tester.js';

/*
 * Triggers must be sound: skipping a rule on a file without any of its trigger strings may never lose a finding.
 * Every fixture app, every yaml example and every case of the triggered rules' own tests is scanned twice, once
 * as shipped and once with every rule's triggers removed, and the findings must be identical.
 */

// The rule test files register their cases through ruleTester; here it only collects them.
const ruleCases = vi.hoisted(() => [] as { ruleId: string; c: ProjectCase }[]);
vi.mock('../helpers/rule-tester.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../helpers/rule-tester.js')>();
  return {
    ...real,
    ruleTester: (ruleId: string, cases: { valid: ProjectCase[]; invalid: ProjectCase[] }) => {
      for (const c of [...cases.valid, ...cases.invalid]) ruleCases.push({ ruleId, c });
    },
  };
});

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');
const RULE_TESTS = join(import.meta.dirname, '..', 'rules');
const entries = catalogue();
const triggered = entries.filter((e): e is CatalogueEntry & { rule: AstRule } => e.rule.kind === 'ast' && !!e.rule.triggers);

/**
 * Run a scan with every rule's triggers removed, then put them back. Removed from the rule objects themselves, so
 * rules that also test them on one function's text (hasTrigger) check every function too.
 */
async function withoutTriggers(scan: () => Promise<ScanResult>): Promise<ScanResult> {
  const kept = new Map(triggered.map((e) => [e.rule, e.rule.triggers]));
  for (const e of triggered) e.rule.triggers = undefined;
  try {
    return await scan();
  } finally {
    for (const [rule, triggers] of kept) rule.triggers = triggers;
  }
}

function summary(result: ScanResult): string[] {
  const findings = result.findings.map((f) => `${f.ruleId} ${f.file}:${f.range.startLine}:${f.range.startColumn} ${f.messageId} ${f.message}`);
  const errors = result.notifications.filter((n) => n.kind === 'rule-error').map((n) => `rule-error ${n.file ?? ''} ${n.message}`);
  return [...findings, ...errors].sort();
}

async function expectSameFindings(scan: () => Promise<ScanResult>, label: string): Promise<void> {
  const shipped = summary(await scan());
  const all = summary(await withoutTriggers(scan));
  expect(shipped, label).toEqual(all);
}

describe('rule triggers', () => {
  it('are declared by the rules that can use them: strings of three characters or more, or patterns without state', () => {
    expect(triggered.length).toBeGreaterThanOrEqual(15);
    for (const e of triggered) {
      for (const t of e.rule.triggers!) {
        if (typeof t === 'string') expect(t.length, e.meta.id).toBeGreaterThan(2);
        else expect(t.global || t.sticky, `${e.meta.id} ${t}`).toBe(false);
      }
    }
  });

  describe('ruleApplies', () => {
    const rule = defineAstRule({ id: 'prefilter-unit', messageIds: ['hit'], triggers: ['jsonwebtoken', 'SignJWT'], create: () => ({}) });
    const file = (text: string, parsed = true) => ({ path: 'src/a.ts', role: 'server', language: 'ts', text, ast: parsed ? {} : undefined }) as unknown as SourceFile;
    const model = { files: [], packages: [] } as unknown as ProjectModel;

    it('skips a parsed file that contains none of the triggers', () => {
      expect(ruleApplies(rule, file("import bcrypt from 'bcrypt';"), model)).toBe(false);
    });

    it('runs on a parsed file that contains any trigger, case-sensitively', () => {
      expect(ruleApplies(rule, file("const jwt = require('jsonwebtoken');"), model)).toBe(true);
      expect(ruleApplies(rule, file("import { SignJWT } from 'jose';"), model)).toBe(true);
      expect(ruleApplies(rule, file("import { signjwt } from 'x';"), model)).toBe(false);
    });

    it('leaves files without an AST to checkWithoutAst', () => {
      expect(ruleApplies(rule, file('{ "a": 1 }', false), model)).toBe(true);
    });

    it('matches pattern triggers in any case they allow', () => {
      const anyCase = { ...rule, triggers: [/\.json/i] };
      expect(ruleApplies(anyCase, file("import key from './key.JSON';"), model)).toBe(true);
      expect(ruleApplies(anyCase, file("import key from './key.ts';"), model)).toBe(false);
    });

    it('runs everywhere when a rule has no triggers', () => {
      expect(ruleApplies({ ...rule, triggers: undefined }, file('nothing here'), model)).toBe(true);
    });

    it('tests the same triggers on a part of a file (one function\u2019s text)', () => {
      const text = 'function a() { return 1; }\nfunction b() { return jwt.verify(t, SignJWT); }\n';
      expect(hasTrigger(rule, text.slice(0, text.indexOf('\n')))).toBe(false);
      expect(hasTrigger(rule, text.slice(text.indexOf('\n')))).toBe(true);
      expect(hasTrigger({ triggers: undefined }, 'anything')).toBe(true);
    });
  });

  describe('in a scan', () => {
    const created: string[] = [];
    const rule = defineAstRule({
      id: 'prefilter-scan-test',
      messageIds: ['hit'],
      triggers: ['needleCall'],
      create({ file, report }) {
        created.push(file.path);
        return {
          Program(node) {
            report({ messageId: 'hit', node });
          },
        };
      },
    });
    const entry: CatalogueEntry = { meta: { ...entries[0].meta, id: rule.id, status: 'stable', messages: { hit: 'hit' } }, rule };
    afterEach(() => {
      if (entries.includes(entry)) entries.splice(entries.indexOf(entry), 1);
      created.length = 0;
    });

    it('creates the rule only for files holding a trigger, and reports there', async () => {
      entries.push(entry);
      const result = await scanVirtual({ 'src/with.ts': 'needleCall();\n', 'src/without.ts': 'otherCall();\n' }, { config: defaultConfig(), offline: true });
      expect(created).toEqual(['src/with.ts']);
      expect(result.findings.filter((f) => f.ruleId === rule.id).map((f) => f.file)).toEqual(['src/with.ts']);
    });
  });

  describe('lose no finding', () => {
    const apps = readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    for (const app of apps) {
      it(`in fixture app ${app}`, async () => {
        await expectSameFindings(() => scanDirectory(join(FIXTURES, app), { config: defaultConfig(), offline: true }), app);
      });
    }

    for (const meta of readRuleYaml()) {
      const examples = [...meta.examples.bad.map((e, i) => ({ e, label: `bad #${i + 1}` })), ...meta.examples.good.map((e, i) => ({ e, label: `good #${i + 1}` }))];
      if (examples.length === 0) continue;
      it(`in the yaml examples of ${meta.id}`, async () => {
        // Offline: a registry answer is the same either way, and what matters here is the per-file rules.
        for (const { e, label } of examples) await expectSameFindings(() => scanVirtual(e.files, { config: { ...defaultConfig(), experimental: true }, offline: true }), `${meta.id} ${label}`);
      });
    }

    for (const { meta } of triggered) {
      const path = join(RULE_TESTS, meta.family, `${meta.id}.test.ts`);
      if (!existsSync(path)) continue;
      it(`in the cases of test/rules/${meta.family}/${meta.id}.test.ts`, async () => {
        // Importing the file runs its ruleTester call (collected, see the mock above); its few other tests stay in their own file.
        const before = ruleCases.length;
        await import(path);
        const cases = ruleCases.slice(before).filter((r) => r.ruleId === meta.id);
        expect(cases.length).toBeGreaterThan(0);
        for (const { c } of cases) {
          const files = c.files ?? { [c.filename!]: c.code! };
          const config = { ...defaultConfig(), experimental: true, ...c.config };
          await expectSameFindings(() => scanVirtual(files, { config, offline: true }), `${meta.id}: ${c.name ?? JSON.stringify(files).slice(0, 120)}`);
        }
      });
    }
  });
});
