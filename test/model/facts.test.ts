import { describe, expect, it } from 'vitest';
import { serialize, deserialize } from 'node:v8';
import { FactParts } from '../../src/cache/fact-parts.js';
import { ResultStore } from '../../src/cache/results.js';
import { defineFileFact, defineProjectFact, factDigest, factsOf, keepFacts } from '../../src/model/facts.js';
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

const partsRead: string[] = [];
const todoCount = defineFileFact(
  'test-todo-lines',
  (file, word) => {
    partsRead.push(file.path);
    const n = file.text.split('\n').filter((l) => l.includes(word)).length;
    return n || undefined;
  },
  (parts) => parts.map(([file, n]) => `${file.path}:${n}`),
);

describe('file-wise project facts', () => {
  const hashesOf = (texts: Record<string, string>) => new Map(Object.entries(texts).map(([p, t]) => [p, `${t.length}:${t}`]));

  it('combines the parts of every file in path order, and keeps them by content for the next scan', () => {
    const v1 = { 'a.ts': '// TODO one\n// TODO two', 'b.ts': 'done', 'c.ts': '// TODO three' };
    const store = new ResultStore();
    const first = modelOf(v1);
    keepFacts(first, new Map(), new FactParts(store, hashesOf(v1)));
    partsRead.length = 0;
    expect(todoCount(first, 'TODO')).toEqual(['a.ts:2', 'c.ts:1']);
    expect(partsRead).toEqual(['a.ts', 'b.ts', 'c.ts']);

    // Kept on disk as bytes and read back: only the edited file is read to answer again.
    store.factParts = serialize(store.factParts);
    const v2 = { ...v1, 'b.ts': '// TODO four' };
    const second = modelOf(v2);
    keepFacts(second, new Map(), new FactParts(store, hashesOf(v2)));
    partsRead.length = 0;
    expect(todoCount(second, 'TODO')).toEqual(['a.ts:2', 'b.ts:1', 'c.ts:1']);
    expect(partsRead).toEqual(['b.ts']);
    // Another argument is another fact: every file is read for it once.
    partsRead.length = 0;
    expect(todoCount(second, 'FIXME')).toEqual([]);
    expect(partsRead).toEqual(['a.ts', 'b.ts', 'c.ts']);
  });

  it('reads a file again when its role or language changed, even with the same text', () => {
    const texts = { 'a.ts': '// TODO one' };
    const store = new ResultStore();
    const first = modelOf(texts);
    keepFacts(first, new Map(), new FactParts(store, hashesOf(texts)));
    todoCount(first, 'TODO');
    const second = modelOf(texts);
    second.files[0].role = 'client';
    keepFacts(second, new Map(), new FactParts(store, hashesOf(texts)));
    partsRead.length = 0;
    expect(todoCount(second, 'TODO')).toEqual(['a.ts:1']);
    expect(partsRead).toEqual(['a.ts']);
    expect(deserialize(serialize(store.factParts))).toEqual(store.factParts);
  });
});
