import { describe, expect, it } from 'vitest';
import { defineProjectFact, factDigest, factsOf, keepFacts } from '../../src/model/facts.js';
import type { ProjectModel, SourceFile } from '../../src/model/types.js';
import { buildModel } from '../../src/engine/scan.js';

let computed = 0;
const exportsCount = defineProjectFact('test-exports-count', (model: ProjectModel, word: string) => {
  computed++;
  return model.files.filter((f) => f.text.includes(word)).length;
});

function modelOf(texts: Record<string, string>): ProjectModel {
  const files = Object.entries(texts).map(([path, text]) => ({ path, absPath: path, language: 'ts', role: 'server', roleReason: '', buildOutput: false, text, lineStarts: [0], minified: false, suppressions: [] }) as SourceFile);
  return buildModel('.', files);
}

describe('project facts', () => {
  it('computes a fact once per scan and argument, and gives the same digest for the same value', () => {
    computed = 0;
    const model = modelOf({ 'a.ts': 'export const a = 1;', 'b.ts': 'const b = 2;' });
    expect(exportsCount(model, 'export')).toBe(1);
    expect(exportsCount(model, 'export')).toBe(1);
    expect(exportsCount(model, 'const')).toBe(2);
    expect(computed).toBe(2);
    const other = modelOf({ 'c.ts': 'export const c = 3;' });
    expect(factDigest(other, 'test-exports-count\0export')).toBe(factDigest(model, 'test-exports-count\0export'));
    expect(factDigest(model, 'no-such-fact\0')).toBeUndefined();
  });

  it('takes kept facts instead of computing them, and hands back every fact of the scan to keep', () => {
    computed = 0;
    const first = modelOf({ 'a.ts': 'export const a = 1;' });
    expect(exportsCount(first, 'export')).toBe(1);
    const kept = factsOf(first);
    expect([...kept.keys()]).toEqual(['test-exports-count\0export']);

    // A later scan of the same files: the value and digest come from what was kept, nothing is read.
    const again = modelOf({ 'a.ts': 'export const a = 1;' });
    keepFacts(again, kept);
    expect(factDigest(again, 'test-exports-count\0export')).toBe(kept.get('test-exports-count\0export')!.digest);
    expect(exportsCount(again, 'export')).toBe(1);
    expect(computed).toBe(1);
    // A fact not kept is computed as usual, and both are handed on.
    expect(exportsCount(again, 'const')).toBe(1);
    expect(computed).toBe(2);
    expect([...factsOf(again).keys()].sort()).toEqual(['test-exports-count\0const', 'test-exports-count\0export']);
  });
});
