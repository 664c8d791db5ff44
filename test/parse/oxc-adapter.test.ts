import { describe, expect, it } from 'vitest';
import type { Language } from '../../src/classify/types.js';
import { parseScript } from '../../src/parse/javascript.js';
import { lineStartsOf } from '../../src/discover/read.js';
import type { AstNode, Program } from '../../src/parse/types.js';

/** Every node as `type [range] line:col-line:col`, in source order: what rules and findings read. */
function shape(ast: Program | undefined): string[] {
  const out: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== 'object' || value === null || typeof (value as { type?: unknown }).type !== 'string') return;
    const node = value as AstNode;
    out.push(`${node.type} [${node.range.join(',')}] ${node.loc.start.line}:${node.loc.start.column}-${node.loc.end.line}:${node.loc.end.column}`);
    for (const [key, child] of Object.entries(node)) if (key !== 'parent' && key !== 'loc' && key !== 'range') visit(child);
  };
  visit(ast);
  // Property order differs between the parsers and nothing relies on it (traversal follows visitor keys).
  return out.sort();
}

/** The whole tree with sorted keys, without `parent` and oxc's extra numeric `start` / `end`. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== 'object' || value === null || value instanceof RegExp) return value;
  // oxc's `loc` is worked out when read (getters), typescript-estree's is a plain object: compare the values.
  if ('start' in value && 'end' in value && !('type' in value) && typeof (value as { start: unknown }).start === 'object') return JSON.parse(JSON.stringify(value));
  const entries = Object.entries(value).filter(([k, v]) => k !== 'parent' && !((k === 'start' || k === 'end') && typeof v === 'number'));
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)]));
}

const both = (text: string, language: Language, path: string) => ({
  oxc: parseScript(text, language, path, 'oxc'),
  reference: parseScript(text, language, path, 'typescript-estree'),
});

describe('oxc adapter: the TS-ESTree contract of typescript-estree', () => {
  it('gives the same node types, ranges and 1-based line / 0-based column locations', () => {
    const { oxc, reference } = both("import { a } from 'a';\nexport const f = async (x: number): Promise<string> => `${x}`;\nclass C { #p = 1; constructor(private readonly y: string) {} }\n", 'ts', 'src/a.ts');
    expect(shape(oxc.ast)).toEqual(shape(reference.ast));
    expect(oxc.ast!.body[1].loc.start).toEqual({ line: 2, column: 0 });
  });

  it('counts CRLF, lone CR and U+2028 as line breaks, as TypeScript does', () => {
    const text = "const a = 1;\r\nconst b = 'x';\rconst c = 2;\u2028const d = eval(b);\n";
    expect(lineStartsOf(text)).toEqual([0, 14, 29, 42, 61]);
    const { oxc, reference } = both(text, 'js', 'src/a.js');
    expect(shape(oxc.ast)).toEqual(shape(reference.ast));
    expect(oxc.ast!.body[3].loc.start.line).toBe(4);
  });

  it('counts columns in UTF-16 units after astral characters', () => {
    const { oxc, reference } = both("const s = '😀😀'; const t = s + req.query.q;\n", 'ts', 'src/a.ts');
    expect(shape(oxc.ast)).toEqual(shape(reference.ast));
  });

  it('leaves absent optional TS fields undefined rather than null', () => {
    const { oxc } = both('function f(a) { return g(a); }\n', 'js', 'src/a.js');
    const fn = oxc.ast!.body[0] as unknown as Record<string, unknown>;
    expect(fn.returnType).toBeUndefined();
    expect(fn.typeParameters).toBeUndefined();
    expect((fn.params as Record<string, unknown>[])[0].typeAnnotation).toBeUndefined();
  });

  it('decodes HTML entities in JSX text and attribute strings, and keeps regex flags as written', () => {
    const { oxc, reference } = both('const el = <a title="x &amp; y">a &times; b&#33;</a>;\nconst r = /a/gd;\n', 'jsx', 'src/a.jsx');
    expect(canonical(oxc.ast!.body)).toEqual(canonical(reference.ast!.body));
  });

  it('gives BigInt and regular expression literals their values, which JSON cannot carry', () => {
    const { oxc, reference } = both('const big = 10n;\nconst r = /a+b/i;\nconst bad = /(?<n>a)\\k<m>/u;\n', 'ts', 'src/a.ts');
    expect(canonical(oxc.ast!.body)).toEqual(canonical(reference.ast!.body));
    const value = (i: number) => ((oxc.ast!.body[i] as { declarations: { init: { value: unknown } }[] }).declarations[0].init.value);
    expect(value(0)).toBe(10n);
    expect(value(1)).toBeInstanceOf(RegExp);
    expect(String(value(1))).toBe('/a+b/i');
  });

  it('reads .js files holding TypeScript annotations, as typescript-estree does', () => {
    const { oxc, reference } = both('export function f(a: string): number { return a.length; }\n', 'js', 'src/a.js');
    expect(oxc.error).toBeUndefined();
    expect(shape(oxc.ast)).toEqual(shape(reference.ast));
  });

  it('accepts a top-level return in Node scripts, as typescript-estree does', () => {
    const { oxc, reference } = both("const m = require('m');\nif (!m) return;\nm.run();\n", 'cjs', 'bin/run.cjs');
    expect(oxc.error).toBeUndefined();
    expect(shape(oxc.ast)).toEqual(shape(reference.ast));
  });

  it('reports a syntax error with its 1-based line and column, like typescript-estree', () => {
    const { oxc, reference } = both('const a = 1;\nconst b = ;\n', 'ts', 'src/a.ts');
    expect(oxc.ast).toBeUndefined();
    expect(oxc.error).toMatchObject({ line: 2, column: 11 });
    expect(reference.error).toMatchObject({ line: 2, column: 11 });
  });

  it('parses deeply nested expressions without overflowing the stack', () => {
    const text = `const x = ${'('.repeat(3000)}1${')'.repeat(3000)};\n${'a + '.repeat(5000)}b;\n`;
    const { ast, error } = parseScript(text, 'ts', 'src/deep.ts', 'oxc');
    expect(error).toBeUndefined();
    expect(ast!.body).toHaveLength(2);
    expect(ast!.body[1].loc.start).toEqual({ line: 2, column: 0 });
  });
});
