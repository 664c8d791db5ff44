import { describe, expect, it } from 'vitest';
import { workspaceGlobMatches } from '../../../src/rules/dependencies/project.js';

describe('workspaceGlobMatches', () => {
  it('reads npm, yarn and pnpm workspace globs', () => {
    const cases: [string, string, boolean][] = [
      ['packages/*', 'packages/api', true],
      ['packages/*', 'packages/api/sub', false],
      ['packages/*', 'packages', false],
      ['apps/**', 'apps/web/admin', true],
      ['packages/**/x', 'packages/x', true],
      ['packages/**/x', 'packages/a/b/x', true],
      ['./tools/?-cli/package.json', 'tools/a-cli', true],
      ['tools/?-cli', 'tools/ab-cli', false],
      ['tools/?-cli', 'tools//-cli', false],
      ['libs/', 'libs', true],
      ['a.b', 'aXb', false],
      ['a+b(c)', 'a+b(c)', true],
    ];
    for (const [glob, path, expected] of cases) expect(workspaceGlobMatches(glob, path), `${glob} ${path}`).toBe(expected);
  });

  it('matches a glob built to make a backtracking matcher slow without trying each way', () => {
    // As a regular expression this took 30 s on 40 letters; the answer comes from one pass per pattern position.
    const glob = `${'*a'.repeat(12)}*b`;
    expect(workspaceGlobMatches(glob, 'a'.repeat(4000))).toBe(false);
    expect(workspaceGlobMatches(glob, `${'a'.repeat(4000)}b`)).toBe(true);
  });
});
