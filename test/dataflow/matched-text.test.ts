import { describe, expect, it } from 'vitest';
import { matchedTextKinds } from '../../src/dataflow/sanitizers.js';

describe('matchedTextKinds: what the text a regular expression matched is safe for', () => {
  it('words and digits only: safe for every sink but prompts and object keys', () => {
    expect(matchedTextKinds('^(\\w+)$')?.whole).toEqual(['nosql', 'xss', 'ssrf', 'redirect', 'path', 'regex', 'sql', 'command', 'code']);
    expect(matchedTextKinds('^[a-z0-9_]{3,20}$')?.whole).toContain('sql');
  });

  it('judges each capture group apart from the whole match', () => {
    const kinds = matchedTextKinds('^\\/users\\/(\\d+)\\/(?<tab>[\\w-]+)$')!;
    expect(kinds.whole).not.toContain('ssrf');
    expect(kinds.whole).toContain('path');
    expect(kinds.groups[0]).toContain('sql');
    expect(kinds.groups[1]).not.toContain('command');
    expect(kinds.groups[1]).toContain('path');
  });

  it('spaces, dots and quotes keep the kinds they could break', () => {
    expect(matchedTextKinds('(\\w+) (\\w+)')?.whole).not.toContain('sql');
    expect(matchedTextKinds('([\\w.]+)')?.whole).not.toContain('path');
    expect(matchedTextKinds("(['\\w]+)")?.whole).not.toContain('xss');
  });

  it('gives nothing for wildcards, negated classes, wide escapes, lookarounds and ranges across punctuation', () => {
    for (const p of ['(.*)', '[^a-z]+', 'a\\Sb', '(?=a)b', '([0-z]+)', '(\\w+)\\1', '\\p{L}+']) expect(matchedTextKinds(p), p).toBeUndefined();
  });
});
