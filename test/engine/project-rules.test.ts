import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnalysisPart } from '../../src/cache/reads.js';
import { defaultConfig } from '../../src/config/types.js';
import { stepsThatHold, type KeptProjectResults, type KeptStep, type ProjectKeys } from '../../src/engine/project-rules.js';
import type { ProjectRule } from '../../src/engine/rule.js';
import { catalogue, scanDirectory, scanVirtual } from '../../src/engine/scan.js';
import type { ProjectModel } from '../../src/model/types.js';
import { REPO } from '../helpers/run-cli.js';

const PART_OF: Record<string, AnalysisPart> = { routes: 'routes', flows: 'dataflow', imports: 'dataflow' };

describe('the parts of the analysis each project rule says it reads', () => {
  it('cover what it reads of every fixture, and each part it names is read of one', async () => {
    const read = new Map<string, Set<AnalysisPart>>();
    const projectRules = catalogue().filter((e) => e.rule.kind === 'project');
    const projects = readdirSync(join(REPO, 'fixtures')).map((name) => (onModel: (m: ProjectModel) => void) => scanDirectory(join(REPO, 'fixtures', name), { config: defaultConfig(), offline: true, onModel }));
    // An edge function that turns the gateway's JWT check off: none of the fixtures has one.
    const edge = { 'supabase/config.toml': '[functions.chat]\nverify_jwt = false\n', 'supabase/functions/chat/index.ts': 'Deno.serve(async (req) => new Response(await req.text()));\n' };
    projects.push((onModel) => scanVirtual(edge, { config: defaultConfig(), offline: true, onModel }));
    for (const project of projects) {
      let model: ProjectModel | undefined;
      await project((m) => (model = m));
      for (const { meta, rule } of projectRules) {
        const parts = read.get(meta.id) ?? new Set();
        read.set(meta.id, parts);
        // The model as the rule sees it, telling which parts it asks for.
        const spied = new Proxy(model!, {
          get(target, key, receiver) {
            if (typeof key === 'string' && key in PART_OF) parts.add(PART_OF[key]);
            return Reflect.get(target, key, receiver);
          },
        });
        await (rule as ProjectRule).check({ model: spied, config: defaultConfig(), offline: true, report: () => {}, notify: () => {} });
      }
    }
    const declared = (id: string) => [...((projectRules.find((e) => e.meta.id === id)!.rule as ProjectRule).readsAnalysis ?? [])].sort();
    const mismatched = [...read].filter(([id, parts]) => JSON.stringify([...parts].sort()) !== JSON.stringify(declared(id)));
    expect(mismatched.map(([id, parts]) => `${id}: reads ${[...parts].join(', ') || 'nothing'}, says ${declared(id).join(', ') || 'nothing'}`)).toEqual([]);
    // Both kinds are there: the test would see a rule that names the wrong part.
    expect(new Set([...read.values()].flatMap((parts) => [...parts]))).toEqual(new Set(['routes', 'dataflow']));
  });
});

describe('which kept project steps still hold', () => {
  const step = (rule: string, analysis: AnalysisPart[] = [], texts: [string, string][] = []): KeptStep => ({ rule, findings: [], notifications: [], texts, facts: [], analysis });
  const kept: KeptProjectResults = {
    key: 'files-1',
    base: 'base-1',
    analysis: { routes: 'routes-1', dataflow: 'flows-1' },
    steps: [step('lockfile-missing', [], [['package.json', 'manifest-1']]), step('sql-injection', ['dataflow']), step('dependency-typosquat'), step('route-without-auth', ['routes'])],
  };
  const keys = (over: Partial<ProjectKeys> = {}): ProjectKeys => ({ key: 'files-2', base: 'base-1', analysis: { routes: 'routes-1', dataflow: 'flows-1' }, hashes: new Map(), ...over });
  const texts = (hashes: Record<string, string>) => (s: KeptStep) => s.texts.every(([path, hash]) => hashes[path] === hash);
  const held = (k: ProjectKeys, hashes: Record<string, string> = { 'package.json': 'manifest-1' }) => stepsThatHold(kept, k, texts(hashes)).map((s) => s.rule);

  it('all, for the same files, without checking what they read', () => {
    expect(held(keys({ key: 'files-1', base: 'base-2' }), {})).toEqual(['lockfile-missing', 'sql-injection', 'dependency-typosquat', 'route-without-auth']);
  });

  it('none when a file was added, removed or classified otherwise', () => {
    expect(held(keys({ base: 'base-2' }))).toEqual([]);
  });

  it('those before the first that read a part that changed, or a text that changed', () => {
    expect(held(keys())).toEqual(['lockfile-missing', 'sql-injection', 'dependency-typosquat', 'route-without-auth']);
    expect(held(keys({ analysis: { routes: 'routes-2', dataflow: 'flows-1' } }))).toEqual(['lockfile-missing', 'sql-injection', 'dependency-typosquat']);
    // A later step may use what an earlier one worked out: it does not hold when that one does not.
    expect(held(keys({ analysis: { routes: 'routes-1', dataflow: 'flows-2' } }))).toEqual(['lockfile-missing']);
    expect(held(keys(), { 'package.json': 'manifest-2' })).toEqual([]);
  });
});
