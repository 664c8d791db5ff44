import { describe, expect, it } from 'vitest';
import { projectResultsKeys } from '../../src/cache/reuse.js';
import type { DerivedDigests } from '../../src/cache/results.js';
import { defaultConfig } from '../../src/config/types.js';
import type { SourceFile } from '../../src/model/types.js';

const file = (path: string, language: string, role: string) => ({ path, language, role, buildOutput: false, minified: false }) as unknown as SourceFile;

describe('what kept project results are valid for', () => {
  const keysOf = (files: SourceFile[], hashes: Record<string, string>, derived: Record<string, DerivedDigests> = { 'src/a.ts': { routes: 'routes', dataflow: 'flows' } }) =>
    projectResultsKeys('context', 'project', defaultConfig(), files, new Map(Object.entries(derived)), new Map(Object.entries(hashes)));
  const files = [file('src/a.ts', 'ts', 'server'), file('supabase/migrations/1_init.sql', 'sql', 'server'), file('supabase/config.toml', 'other', 'config')];
  const hashes = { 'src/a.ts': 'text-1', 'supabase/migrations/1_init.sql': 'sql-1', 'supabase/config.toml': 'toml-1' };
  const rest = keysOf(files, hashes);

  it('holds through edits of any file that leave what scripts gave the rules as it was: what the rules read is checked apart', () => {
    const same = ({ base, analysis }: ReturnType<typeof keysOf>) => ({ base, analysis });
    expect(same(keysOf(files, { ...hashes, 'src/a.ts': 'text-2' }))).toEqual(same(keysOf(files, hashes)));
    expect(same(keysOf(files, { ...hashes, 'supabase/migrations/1_init.sql': 'sql-2', 'supabase/config.toml': 'toml-2' }))).toEqual(same(keysOf(files, hashes)));
  });

  it("changes the digest of the part of a script's analysis that changed, and only that one", () => {
    const routes = keysOf(files, hashes, { 'src/a.ts': { routes: 'other routes', dataflow: 'flows' } });
    expect([routes.base, routes.analysis.routes, routes.analysis.dataflow]).toEqual([rest.base, expect.not.stringMatching(rest.analysis.routes), rest.analysis.dataflow]);
    const flows = keysOf(files, hashes, { 'src/a.ts': { routes: 'routes', dataflow: 'other flows' } });
    expect([flows.base, flows.analysis.routes, flows.analysis.dataflow]).toEqual([rest.base, rest.analysis.routes, expect.not.stringMatching(rest.analysis.dataflow)]);
  });

  it('changes the base with a role or why a file has it, or the list of files', () => {
    expect(keysOf([file('src/a.ts', 'ts', 'client'), ...files.slice(1)], hashes).base).not.toBe(rest.base);
    expect(keysOf([{ ...files[0], roleReason: 'server-side folder name' }, ...files.slice(1)], hashes).base).not.toBe(rest.base);
    expect(keysOf([...files, file('src/b.ts', 'ts', 'server')], { ...hashes, 'src/b.ts': 'text-3' }).base).not.toBe(rest.base);
  });
});
