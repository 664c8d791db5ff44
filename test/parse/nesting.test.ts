import { describe, expect, it } from 'vitest';
import { nestingBeyond } from '../../src/parse/nesting.js';

// The estimate refuses code nested deeper than the parsers survive; with small limits its counting shows.
describe('the estimate of how deep code nests', () => {
  it('counts brackets, and says where the limit is first passed', () => {
    expect(nestingBeyond('f(g(h(1)))', 2)).toEqual({ line: 1, column: 6 });
    expect(nestingBeyond('f(g(h(1)))', 3)).toBeUndefined();
  });

  it('does not count brackets in strings, template text, regex literals or comments', () => {
    expect(nestingBeyond('const s = "((((("; // ((((\n/* (((( */ const r = /(((/; const t = `(((`;\n', 1)).toBeUndefined();
  });

  it('counts a division as an operator, not as the start of a regex literal', () => {
    expect(nestingBeyond('const x = a / (b / (c / d));\n', 3)).toEqual({ line: 1, column: 18 });
  });

  it('counts a chain of operators, reset where a line ends a statement but not where the next line continues it', () => {
    expect(nestingBeyond('const y = a + b + c + d;\n', 3)).toEqual({ line: 1, column: 21 });
    expect(nestingBeyond('a = b\nc = d\ne = f\n', 1)).toBeUndefined();
    expect(nestingBeyond('a = b\n  + c\n  + d\n', 2)).toEqual({ line: 3, column: 3 });
  });

  it('counts JSX elements and arrow functions, which nest their bodies', () => {
    expect(nestingBeyond('const el = <div><span><b>x</b></span></div>;\n', 3)).toEqual({ line: 1, column: 23 });
    expect(nestingBeyond('const el = <div><span><b>x</b></span></div>;\n', 4)).toBeUndefined();
    expect(nestingBeyond('const f = (a) => (b) => (c) => a + b + c;\n', 4)).toEqual({ line: 1, column: 34 });
  });

  it('counts `else` chains, which nest each `if` in the one before', () => {
    expect(nestingBeyond('if (a) {} else if (b) {} else if (c) {} else {}\n', 2)).toEqual({ line: 1, column: 34 });
  });

  it('reaches the default limit only on generated code, and counts lines across comments and templates', () => {
    expect(nestingBeyond(`/* a\nb */ const t = \`\n\`;\n${'['.repeat(1001)}`)).toEqual({ line: 4, column: 1001 });
    expect(nestingBeyond('['.repeat(1000))).toBeUndefined();
  });
});
