import type { ResolvedConfig } from '../config/types.js';
import type { ProjectModel } from '../model/types.js';
import type { RegistrySettings } from '../registry/settings.js';
import type { ProjectAnalysis } from './analyse.js';
import { ruleErrorNotification } from './analyse.js';
import type { CatalogueEntry } from './catalogue.js';
import type { Finding, Notification } from './finding.js';
import type { ProjectRule } from './rule.js';
import { newReadLog, withReadLog, type AnalysisPart, type ReadLog } from '../cache/reads.js';
import type { DerivedDigests } from '../cache/results.js';
import { rulePart, type Timings } from './timing.js';

/**
 * What the project rules that read nothing but the project reported (every rule that never asked whether it
 * may go online or where the registry is), rule by rule in the order they ran. A rescan repeats a rule's results
 * instead of running it again when none of what it, or a rule before it, read changed: a rule may use what one
 * before it worked out and kept, so what it depends on includes what those read. All hold for the same version
 * of the project's files, the configuration and the vibeaudit build (`key`). Otherwise: `base` (the build,
 * configuration and every file with its language, role and package: src/cache/reuse.ts) must be the same, and
 * each step holds while the files whose text or parsed content it read first (`texts`: path and content hash;
 * src/cache/project-reads.ts) and the project facts it asked first (`facts`: key and digest of the value) are as
 * they were, and, from the first step that read it on, each part of what the analysis of the scripts gave the
 * project (`analysis`: digests of every script's route facts, and of its data-flow results).
 */
export interface KeptProjectResults {
  key: string;
  base: string;
  analysis: DerivedDigests;
  steps: KeptStep[];
}

/** One rule's kept results, and what it read that no step before it had read. */
export interface KeptStep {
  rule: string;
  findings: Finding[];
  notifications: Notification[];
  texts: [string, string][];
  facts: [string, string][];
  analysis: AnalysisPart[];
}

/** The keys of the scan under way that kept results are checked against (src/cache/reuse.ts, projectResultsKeys). */
export interface ProjectKeys {
  key: string;
  base: string;
  analysis: DerivedDigests;
  hashes: ReadonlyMap<string, string>;
}

/** The read log project rules run under: every file's text is another file's to them. */
const PROJECT = '';

export interface ProjectRuleRun {
  model: ProjectModel;
  analysis: ProjectAnalysis;
  /** What completing the model (linking routes) left unread, told by the rule that made it happen. */
  notices?: Notification[];
  config: ResolvedConfig;
  offline: boolean;
  registry?: RegistrySettings;
  timings?: Timings;
}

/**
 * The kept steps that still hold, from the first: up to the first whose reads changed (later ones may have used
 * what it worked out). `holds` checks the texts and facts a step read.
 */
export function stepsThatHold(kept: KeptProjectResults | undefined, keys: ProjectKeys, holds: (step: KeptStep) => boolean): KeptStep[] {
  if (!kept) return [];
  if (kept.key === keys.key) return kept.steps;
  if (kept.base !== keys.base) return [];
  const steps: KeptStep[] = [];
  for (const step of kept.steps) {
    if (step.analysis.some((part) => kept.analysis[part] !== keys.analysis[part]) || !holds(step)) break;
    steps.push(step);
  }
  return steps;
}

/**
 * Run the project rules, or take the results `held` has for them (stepsThatHold). Returns their findings and
 * notifications in catalogue order, and, with `keys` (a scan that keeps results), what to keep for the next scan
 * when that changed.
 */
export async function runProjectRules(
  entries: readonly CatalogueEntry[],
  run: ProjectRuleRun,
  kept: KeptProjectResults | undefined,
  held: readonly KeptStep[],
  keys: ProjectKeys | undefined,
): Promise<{ findings: Finding[]; notifications: Notification[]; keep?: KeptProjectResults }> {
  const results = new Map<string, { findings: Finding[]; notifications: Notification[] }>();
  for (const step of held) results.set(step.rule, { findings: structuredClone(step.findings), notifications: step.notifications.map((n) => ({ ...n })) });
  const log = newReadLog();
  const recorded = { texts: 0, facts: 0, analysis: 0 };
  const steps: KeptStep[] = [];
  // Rules that read the analysis last: an edit that changes it leaves the steps before them standing.
  const order = entries.filter((e) => e.rule.kind === 'project' && !results.has(e.meta.id));
  order.sort((a, b) => analysisRank(a.rule as ProjectRule) - analysisRank(b.rule as ProjectRule));
  for (const entry of order) {
    let outside = false;
    let failed = false;
    const notes: Notification[] = [];
    try {
      // Run under the log, which sees only what the rule does before it first waits: a rule that waits is not kept.
      const check = () => (entry.rule as ProjectRule).check({
        model: run.model,
        config: run.config,
        // A rule that asks either may use the network: what it finds can change while the project does not.
        get offline() {
          outside = true;
          return run.offline;
        },
        get registry() {
          outside = true;
          return run.registry;
        },
        // A registry session shared by several rules notifies through the first.
        notify: (n) => notes.push(n),
        report: (file, descriptor) => run.analysis.pend(entry, file, descriptor),
      });
      const part = rulePart(entry.meta.id);
      const done = withReadLog(PROJECT, log, () => (run.timings ? run.timings.measure(part, check) : check()));
      if (done instanceof Promise) {
        outside = true;
        await (run.timings ? run.timings.measureAsync(part, () => done) : done);
      }
    } catch (err) {
      failed = true;
      notes.push(ruleErrorNotification(entry, undefined, err));
    }
    if (run.notices?.length) notes.push(...run.notices.splice(0));
    // Making findings reads the text of their files (snippets), which they then depend on too.
    const made = withReadLog(PROJECT, log, () => run.analysis.finishPending());
    results.set(entry.meta.id, { findings: made, notifications: notes });
    if (outside || failed || !keys) continue;
    // Copies: the scan goes on to mark findings suppressed, override severities and fingerprint them.
    steps.push({ rule: entry.meta.id, findings: structuredClone(made), notifications: notes.map((n) => ({ ...n })), ...readSince(log, recorded, keys.hashes) });
  }
  const findings: Finding[] = [];
  const notifications: Notification[] = [];
  // A notice of the model comes with each rule that completed it (a later one, when an earlier one's results were kept).
  const told = new Set<string>();
  for (const { meta } of entries) {
    const result = results.get(meta.id);
    if (!result) continue;
    findings.push(...result.findings);
    for (const n of result.notifications) {
      const key = JSON.stringify([n.level, n.kind, n.file, n.line, n.column, n.message]);
      if (told.has(key)) continue;
      told.add(key);
      notifications.push(n);
    }
  }
  const changed = steps.length > 0 || held.length !== (kept?.steps.length ?? -1);
  const keep = keys && changed ? { key: keys.key, base: keys.base, analysis: keys.analysis, steps: [...held, ...steps] } : undefined;
  return { findings, notifications, keep };
}

/**
 * Rules reading no part of the analysis run first, then those reading the data flow, then those reading routes,
 * which almost every edit of a script changes (their facts hold the lines of its functions).
 */
function analysisRank(rule: ProjectRule): number {
  const parts = rule.readsAnalysis ?? [];
  return parts.includes('routes') ? 2 : parts.length ? 1 : 0;
}

/** What `log` holds that it did not when last `recorded` (sizes: sets keep their order), which then moves on to now. */
function readSince(log: ReadLog, recorded: { texts: number; facts: number; analysis: number }, hashes: ReadonlyMap<string, string>): Pick<KeptStep, 'texts' | 'facts' | 'analysis'> {
  const texts = [...log.texts].slice(recorded.texts).map((path): [string, string] => [path, hashes.get(path) ?? '']);
  const facts = [...log.facts].slice(recorded.facts);
  const analysis = [...log.analysis].slice(recorded.analysis);
  Object.assign(recorded, { texts: log.texts.size, facts: log.facts.size, analysis: log.analysis.size });
  return { texts, facts, analysis };
}
