import { describe, expect, it } from 'vitest';
import { projectResultsKeys } from '../../src/cache/reuse.js';
import { defaultConfig } from '../../src/config/types.js';
import type { SourceFile } from '../../src/model/types.js';

const file = (path: string, language: string, role: string) => ({ path, language, role, buildOutput: false, minified: false }) as unknown as SourceFile;

describe('what kept project results are valid for', () => {
  const derivedKey = (files: SourceFile[], hashes: Record<string, string>, derived: Record<string, string> = { 'src/a.ts': 'facts' }) =>
    projectResultsKeys('context', 'project', defaultConfig(), files, new Map(Object.entries(derived)), new Map(Object.entries(hashes))).derived;
  const files = [file('src/a.ts', 'ts', 'server'), file('supabase/migrations/1_init.sql', 'sql', 'server'), file('supabase/config.toml', 'other', 'config')];
  const hashes = { 'src/a.ts': 'text-1', 'supabase/migrations/1_init.sql': 'sql-1', 'supabase/config.toml': 'toml-1' };

  it('holds through edits of any file that leave what scripts gave the rules as it was: what the rules read is checked apart', () => {
    const base = derivedKey(files, hashes);
    expect(derivedKey(files, { ...hashes, 'src/a.ts': 'text-2' })).toBe(base);
    expect(derivedKey(files, { ...hashes, 'supabase/migrations/1_init.sql': 'sql-2', 'supabase/config.toml': 'toml-2' })).toBe(base);
  });

  it('changes with what a script gave the rules, a role or why a file has it, or the list of files', () => {
    const base = derivedKey(files, hashes);
    expect(derivedKey(files, hashes, { 'src/a.ts': 'other facts' })).not.toBe(base);
    expect(derivedKey([file('src/a.ts', 'ts', 'client'), ...files.slice(1)], hashes)).not.toBe(base);
    expect(derivedKey([{ ...files[0], roleReason: 'server-side folder name' }, ...files.slice(1)], hashes)).not.toBe(base);
    expect(derivedKey([...files, file('src/b.ts', 'ts', 'server')], { ...hashes, 'src/b.ts': 'text-3' })).not.toBe(base);
  });
});
