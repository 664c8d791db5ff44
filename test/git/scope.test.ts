import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/git/changed.js';
import type { LineSet } from '../../src/git/diff.js';
import { limitToChange } from '../../src/git/scope.js';
import { renderTerminal } from '../../src/report/index.js';
import { emptyResult, finding } from '../report/sample-result.js';

const at = (line: number) => ({ startLine: line, startColumn: 1, endLine: line, endColumn: 5 });

describe('limitToChange', () => {
  const change: Change = {
    ref: 'main',
    base: 'abcdef0123456789abcdef0123456789abcdef01',
    lines: new Map<string, LineSet>([
      ['server/api.ts', new Set([10, 11])],
      ['package.json', new Set([7])],
      ['supabase/migrations/002_drop.sql', 'all'],
    ]),
  };
  const project = new Set(['dependency-unpinned-version', 'supabase-table-without-rls', 'sql-injection']);

  it('keeps findings on changed lines, flows through them and project findings in changed files', () => {
    const result = emptyResult();
    const onLine = finding({ ruleId: 'hardcoded-secret', file: 'server/api.ts', range: at(11) });
    const offLine = finding({ ruleId: 'hardcoded-secret', file: 'server/api.ts', range: at(30) });
    const otherFile = finding({ ruleId: 'hardcoded-secret', file: 'server/old.ts', range: at(10) });
    const dependency = finding({ ruleId: 'dependency-unpinned-version', file: 'package.json', range: at(3) });
    const viaRelated = finding({ ruleId: 'supabase-table-without-rls', file: 'supabase/migrations/001_init.sql', range: at(1), related: [{ file: 'supabase/migrations/002_drop.sql', message: 'RLS is disabled here' }] });
    const flowThrough = finding({
      ruleId: 'sql-injection',
      file: 'server/db.ts',
      range: at(4),
      flow: [
        { file: 'server/api.ts', range: at(10), message: 'read', kind: 'source' },
        { file: 'server/db.ts', range: at(4), message: 'query', kind: 'sink' },
      ],
    });
    // A flow finding in a changed file whose path the change did not touch is old.
    const flowUntouched = finding({ ruleId: 'sql-injection', file: 'server/api.ts', range: at(40), flow: [{ file: 'server/api.ts', range: at(40), message: 'q', kind: 'sink' }] });
    result.findings = [onLine, offLine, otherFile, dependency, viaRelated, flowThrough, flowUntouched];

    const narrowed = limitToChange(result, change, project);
    expect(narrowed.findings).toEqual([onLine, dependency, viaRelated, flowThrough]);
    expect(narrowed.scope?.changedSince).toEqual({ ref: 'main', base: change.base, outside: 3 });
    expect(renderTerminal(narrowed, { color: false })).toContain('Only what changed since main (abcdef012345): 3 findings outside the changed lines hidden.');
  });
});
