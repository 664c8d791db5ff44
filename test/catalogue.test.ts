import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../src/config/types.js';
import { readFileSync } from 'node:fs';
import { buildCatalogue, CatalogueError, loadRuleMetas, readRuleYaml } from '../src/engine/catalogue.js';
import { catalogue, scanVirtual } from '../src/engine/scan.js';
import { defineTextRule } from '../src/engine/rule.js';
import { ALL_RULES } from '../src/rules/index.js';
import { NETWORK_RULES } from '../src/registry/session.js';
import { startRegistryServer, type RegistryServer } from './helpers/registry-server.js';

const entries = catalogue();
const familyOf = new Map(entries.map((e) => [e.meta.id, e.meta.family]));

// Rules that ask the registry run their examples against a local one serving recorded answers.
let registry: RegistryServer;
beforeAll(async () => {
  registry = await startRegistryServer();
});
afterAll(() => registry.close());
const network = (id: string) => (NETWORK_RULES.includes(id) ? { offline: false, registry: { npmConfig: { registry: registry.url }, cacheDir: false as const } } : { offline: true });

describe('rule catalogue', () => {
  it('pairs every rule with its yaml and every yaml with a rule', () => {
    const ids = entries.map((e) => e.meta.id).sort();
    expect(ids).toEqual(ALL_RULES.map((r) => r.id).sort());
    expect(loadRuleMetas().map((m) => m.id).sort()).toEqual(ids);
  });

  it('builds catalogue.json from exactly the validated yaml, examples left out (the built CLI reads it instead)', () => {
    // Test setup builds dist/ whenever src/ or rules/ are newer.
    const built = JSON.parse(readFileSync(new URL('../dist/catalogue.json', import.meta.url), 'utf8'));
    expect(built).toEqual(readRuleYaml().map(({ examples, ...meta }) => (void examples, meta)));
    expect(built.map((m: { id: string }) => m.id).sort()).toEqual(entries.map((e) => e.meta.id).sort());
  });

  it('refuses to start when a rule has no metadata', () => {
    const orphan = defineTextRule({ id: 'no-such-rule-yaml', messageIds: ['x'], check() {} });
    expect(() => buildCatalogue([...ALL_RULES, orphan], loadRuleMetas())).toThrow(CatalogueError);
  });

  it('refuses to start when metadata has no rule', () => {
    expect(() => buildCatalogue(ALL_RULES.slice(1), loadRuleMetas())).toThrow(/has no implementation/);
  });

  it('refuses messages that differ between yaml and implementation', () => {
    const [first, ...rest] = ALL_RULES;
    const changed = { ...first, messageIds: ['somethingElse'] } as typeof first;
    expect(() => buildCatalogue([changed, ...rest], loadRuleMetas())).toThrow(/differ from the implementation/);
  });

  for (const meta of readRuleYaml()) {
    describe(meta.id, () => {
      it('has complete metadata', () => {
        expect(meta.cwe.length).toBeGreaterThan(0);
        expect(meta.references.length).toBeGreaterThan(0);
        expect(meta.description.length).toBeGreaterThan(40);
        expect(meta.fix.length).toBeGreaterThan(40);
      });
      meta.examples.bad.forEach((example, i) => {
        it(`bad example #${i + 1} is flagged`, async () => {
          const result = await scanVirtual(example.files, { config: { ...defaultConfig(), experimental: true }, ...network(meta.id) });
          expect(result.findings.filter((f) => f.ruleId === meta.id).length).toBeGreaterThan(0);
        });
      });
      meta.examples.good.forEach((example, i) => {
        it(`good example #${i + 1} has no finding of any rule`, async () => {
          const result = await scanVirtual(example.files, { config: { ...defaultConfig(), experimental: true }, ...network(meta.id) });
          // Examples are snippets, not whole apps: a package.json written to set a file's role has no lockfile,
          // so the dependency family only counts for its own examples.
          const counted = result.findings.filter((f) => meta.family === 'dependencies' || familyOf.get(f.ruleId) !== 'dependencies');
          expect(counted.map((f) => `${f.ruleId} ${f.file}:${f.range.startLine}`)).toEqual([]);
        });
      });
    });
  }
});
