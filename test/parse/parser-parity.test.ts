import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/types.js';
import { readRuleYaml } from '../../src/engine/catalogue.js';
import { scanDirectory, scanVirtual } from '../../src/engine/scan.js';
import type { ScanResult } from '../../src/engine/result.js';
import { SCRIPT_PARSERS, type ScriptParser } from '../../src/parse/types.js';

// oxc is the default parser only because it yields the same findings as typescript-estree, whose AST shape
// the rules are written against. Any difference here is an adapter bug (src/parse/oxc.ts).
const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');
const apps = readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

/** What a user sees of a finding, plus which files could not be parsed. */
function observed(result: ScanResult): string[] {
  const findings = result.findings.map((f) => `${f.ruleId} ${f.file}:${f.range.startLine}:${f.range.startColumn}-${f.range.endLine}:${f.range.endColumn} ${f.message}${f.suppression ? ' (suppressed)' : ''}${f.flow ? ` flow ${JSON.stringify(f.flow)}` : ''}`);
  const unparsed = result.notifications.filter((n) => n.kind === 'parse-error').map((n) => `unparsable ${n.file}`);
  return [...findings, ...unparsed].sort();
}

const withParser = (parser: ScriptParser) => ({ ...defaultConfig(), experimental: true, parser });

describe('oxc and typescript-estree give identical findings', () => {
  it('knows both parsers', () => {
    expect([...SCRIPT_PARSERS].sort()).toEqual(['oxc', 'typescript-estree']);
  });

  for (const app of apps) {
    it(`fixture app ${app}`, async () => {
      const root = join(FIXTURES, app);
      const [oxc, reference] = await Promise.all(SCRIPT_PARSERS.map((parser) => scanDirectory(root, { config: withParser(parser), offline: true })));
      expect(oxc.stats.parsed).toBe(reference.stats.parsed);
      expect(observed(oxc)).toEqual(observed(reference));
    });
  }

  it('every rule example in rules/*.yaml', async () => {
    const differences: string[] = [];
    let compared = 0;
    for (const meta of readRuleYaml()) {
      for (const [kind, examples] of [['bad', meta.examples.bad], ['good', meta.examples.good]] as const) {
        for (const [i, example] of examples.entries()) {
          const [oxc, reference] = await Promise.all(SCRIPT_PARSERS.map((parser) => scanVirtual(example.files, { config: withParser(parser), offline: true })));
          compared++;
          const a = observed(oxc).join('\n');
          const b = observed(reference).join('\n');
          if (a !== b) differences.push(`${meta.id} ${kind}[${i}]:\noxc:\n${a}\ntypescript-estree:\n${b}`);
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
    expect(differences).toEqual([]);
  });
});
