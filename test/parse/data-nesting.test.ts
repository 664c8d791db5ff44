import { describe, expect, it } from 'vitest';
import { bracketsBeyond, MAX_DATA_NESTING, yamlBeyond } from '../../src/parse/data-nesting.js';
import { parseJson, parseYaml } from '../../src/parse/structured.js';

const deep = MAX_DATA_NESTING + 1;

describe('yamlBeyond', () => {
  it('finds compact sequences, indentation ladders and flow collections nested too deep, at the line they pass the limit', () => {
    expect(yamlBeyond(`jobs:\n  build:\n    steps: ${'- '.repeat(deep)}x\n`)).toBeUndefined();
    expect(yamlBeyond(`jobs:\n  build:\n    ${'- '.repeat(deep)}x\n`)).toMatchObject({ line: 3 });
    const ladder = Array.from({ length: deep + 5 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
    expect(yamlBeyond(ladder)).toEqual({ line: deep, column: deep });
    expect(yamlBeyond(`a: ${'['.repeat(deep)}${']'.repeat(deep)}\n`)).toMatchObject({ line: 1 });
    // A flow collection opened over several lines keeps counting (from the two block levels it starts in).
    expect(yamlBeyond(`a:\n${Array.from({ length: deep }, () => '  [').join('\n')}\n`)).toMatchObject({ line: MAX_DATA_NESTING });
  });

  it('leaves block scalars, quoted text, comments and real nesting alone', () => {
    const script = Array.from({ length: 400 }, (_, i) => `${' '.repeat(8 + i)}echo ${i}`).join('\n');
    expect(yamlBeyond(`jobs:\n  build:\n    steps:\n      - run: |\n${script}\n      - run: >-\n${script}\n      - name: done\n`)).toBeUndefined();
    expect(yamlBeyond(`a: "${'['.repeat(1000)}"\nb: '${'{'.repeat(1000)}'\n# ${'['.repeat(1000)}\nc: d # ${'{'.repeat(1000)}\n`)).toBeUndefined();
    const fifty = Array.from({ length: 50 }, (_, i) => `${'  '.repeat(i)}- k${i}:`).join('\n');
    expect(yamlBeyond(fifty)).toBeUndefined();
  });

  it('makes parseYaml refuse the file with that place instead of parsing it', () => {
    expect(parseYaml(`${'- '.repeat(5000)}x`)).toEqual({ error: { message: `data is nested more than ${MAX_DATA_NESTING} levels deep here, deeper than vibeaudit parses`, line: 1, column: 2 * (MAX_DATA_NESTING - 1) + 1 } });
    expect(parseYaml('a:\n  - b\n').doc?.toJS()).toEqual({ a: ['b'] });
  });
});

describe('bracketsBeyond', () => {
  it('counts brackets, and parentheses where they nest', () => {
    expect(bracketsBeyond(`{"a":\n${'['.repeat(deep)}${']'.repeat(deep)}}`)).toEqual({ line: 2, column: deep - 1 });
    expect(bracketsBeyond(`allow read: if ${'('.repeat(deep)}true${')'.repeat(deep)};`)).toBeUndefined();
    expect(bracketsBeyond(`allow read: if ${'('.repeat(deep)}true${')'.repeat(deep)};`, { parens: true })).toMatchObject({ line: 1 });
    // Closed as they open: never deeper than one.
    expect(bracketsBeyond('[]'.repeat(10_000))).toBeUndefined();
  });

  it('skips strings and comments, as each syntax has them', () => {
    const many = '['.repeat(1000);
    expect(bracketsBeyond(`{"a": "${many}", "b": "\\"${many}"}`)).toBeUndefined();
    expect(bracketsBeyond(`// ${many}\n/* ${many}\n${many} */ match /a/{b} { allow read: if 'x${many}' == "y"; }`, { parens: true, slashComments: true, singleQuotes: true })).toBeUndefined();
    expect(bracketsBeyond(`# ${many}\nquery { a }`, { hashComments: true })).toBeUndefined();
    // Without the syntax, the same text counts.
    expect(bracketsBeyond(`# ${many}\nquery { a }`)).toMatchObject({ line: 1 });
  });

  it('makes parseJson refuse deep JSON, which JSON.parse alone would take', () => {
    expect(parseJson(`[${'{"a":'.repeat(deep)}1${'}'.repeat(deep)}]`).error).toMatchObject({ message: expect.stringContaining('nested more than 256 levels'), line: 1 });
    expect(parseJson('{"rules": {"users": {"$uid": {".read": "auth.uid === $uid"}}}}').value).toEqual({ rules: { users: { $uid: { '.read': 'auth.uid === $uid' } } } });
  });
});
