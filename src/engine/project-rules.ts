import type { ResolvedConfig } from '../config/types.js';
import type { ProjectModel } from '../model/types.js';
import type { RegistrySettings } from '../registry/settings.js';
import type { ProjectAnalysis } from './analyse.js';
import { ruleErrorNotification } from './analyse.js';
import type { CatalogueEntry } from './catalogue.js';
import type { Finding, Notification } from './finding.js';
import type { ProjectRule } from './rule.js';
import { newReadLog, withReadLog } from '../cache/reads.js';
import { rulePart, type Timings } from './timing.js';

/**
 * What the project rules that read nothing but the project reported (every rule that never asked whether it
 * may go online or where the registry is), for one version of the project's files, the configuration and the
 * vibeaudit build: `key` says which. A rescan of the same files repeats it instead of linking routes, reading
 * data flows and parsed migrations and running those rules again. So does a rescan after an edit that changed
 * none of what the rules read: `derived` (the build, configuration, every file with its language, role and
 * package, and every script's route facts and data-flow results: src/cache/reuse.ts), the files whose text or
 * parsed content they read (`texts`: path and content hash; src/cache/project-reads.ts) and the project facts they
 * asked (`facts`: key and digest of the value).
 */
export interface KeptProjectResults {
  key: string;
  derived: string;
  rules: string[];
  findings: Finding[];
  notifications: Notification[];
  texts: [string, string][];
  facts: [string, string][];
}

/** The read log project rules run under: every file's text is another file's to them. */
const PROJECT = '';

export interface ProjectRuleRun {
  model: ProjectModel;
  analysis: ProjectAnalysis;
  config: ResolvedConfig;
  offline: boolean;
  registry?: RegistrySettings;
  timings?: Timings;
}

/**
 * Run the project rules, or take what `kept` holds for those that only read the project. Returns their
 * findings and notifications, and what to keep for the next scan (undefined when `kept` was used).
 */
export async function runProjectRules(
  entries: readonly CatalogueEntry[],
  run: ProjectRuleRun,
  kept: KeptProjectResults | undefined,
  keys: { key: string; derived: string; hashes: ReadonlyMap<string, string> },
): Promise<{ findings: Finding[]; notifications: Notification[]; keep?: KeptProjectResults }> {
  const findings: Finding[] = [];
  const notifications: Notification[] = [];
  const log = newReadLog();
  const keep: KeptProjectResults = { key: keys.key, derived: keys.derived, rules: [], findings: [], notifications: [], texts: [], facts: [] };
  for (const entry of entries) {
    if (entry.rule.kind !== 'project' || kept?.rules.includes(entry.meta.id)) continue;
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
        // Straight into the scan's list: a registry session shared by several rules notifies through the first.
        notify: (n) => {
          notifications.push(n);
          notes.push(n);
        },
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
      notifications.push(ruleErrorNotification(entry, undefined, err));
    }
    // Making findings reads the text of their files (snippets), which they then depend on too.
    const made = withReadLog(PROJECT, log, () => run.analysis.finishPending());
    findings.push(...made);
    if (outside || failed) continue;
    keep.rules.push(entry.meta.id);
    // Copies: the scan goes on to mark findings suppressed, override severities and fingerprint them.
    keep.findings.push(...structuredClone(made));
    keep.notifications.push(...notes.map((n) => ({ ...n })));
  }
  keep.texts = [...log.texts].sort().map((path) => [path, keys.hashes.get(path) ?? '']);
  keep.facts = [...log.facts].sort();
  if (!kept) return { findings, notifications, keep };
  findings.push(...structuredClone(kept.findings));
  notifications.push(...kept.notifications.map((n) => ({ ...n })));
  return { findings, notifications };
}
