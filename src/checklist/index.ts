import { ProjectFacts } from './facts.js';
import { CONFIGURATION_ITEMS } from './items/configuration.js';
import { DATA_ITEMS } from './items/data.js';
import { DELIVERY_ITEMS } from './items/delivery.js';
import { HARDENING_ITEMS } from './items/hardening.js';
import { OBSERVABILITY_ITEMS } from './items/observability.js';
import { RELIABILITY_ITEMS } from './items/reliability.js';
import { SECURITY_ITEMS } from './items/security.js';
import { CHECK_GROUPS, type CheckContext, type CheckItem, type CheckResult, type CheckStatus, type ChecklistResult } from './types.js';

/** Every item, in the order of the groups. */
export const CHECK_ITEMS: readonly CheckItem[] = [...SECURITY_ITEMS, ...HARDENING_ITEMS, ...CONFIGURATION_ITEMS, ...RELIABILITY_ITEMS, ...OBSERVABILITY_ITEMS, ...DATA_ITEMS, ...DELIVERY_ITEMS].sort(
  (a, b) => CHECK_GROUPS.indexOf(a.group) - CHECK_GROUPS.indexOf(b.group),
);

/** Share of the weight an item earns: a warning is half done, not a pass. */
const EARNED: Record<CheckStatus, number> = { pass: 1, warn: 0.5, fail: 0, na: 0 };

/** Run every item over the scan's model and findings. An item that throws is reported as a warning, not a crash. */
export function runChecklist(ctx: CheckContext): ChecklistResult {
  const facts = new ProjectFacts(ctx);
  const items: CheckResult[] = CHECK_ITEMS.map((item) => {
    let outcome;
    try {
      outcome = item.evaluate(facts);
    } catch (err) {
      outcome = { status: 'warn' as const, summary: `This item could not be evaluated (a vibeaudit bug, please report it): ${err instanceof Error ? err.message : String(err)}`, evidence: [] };
    }
    return { id: item.id, group: item.group, title: item.title, why: item.why, fix: item.fix, weight: item.weight, ...outcome };
  });
  return { score: readinessScore(items), items, counts: countStatuses(items), entry: entryFile(facts) };
}

/** 0-100: earned weight over the weight of applicable items; 100 when nothing applies. */
export function readinessScore(items: readonly Pick<CheckResult, 'status' | 'weight'>[]): number {
  const applicable = items.filter((i) => i.status !== 'na');
  const total = applicable.reduce((s, i) => s + i.weight, 0);
  if (total === 0) return 100;
  return Math.round((100 * applicable.reduce((s, i) => s + i.weight * EARNED[i.status], 0)) / total);
}

/** The server entry (`server/index.ts`, `src/main.ts`…) nearest the root, else the root package.json. */
function entryFile(facts: ProjectFacts): string | undefined {
  const entries = facts.server.filter((f) => /(?:^|\/)(?:index|server|app|main)\.[cm]?[jt]sx?$/.test(f.path));
  entries.sort((a, b) => a.path.split('/').length - b.path.split('/').length || a.path.localeCompare(b.path));
  return entries[0]?.path ?? facts.model.packages.find((p) => p.dir === '')?.manifestPath ?? facts.model.packages[0]?.manifestPath;
}

function countStatuses(items: readonly CheckResult[]): Record<CheckStatus, number> {
  const counts: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0, na: 0 };
  for (const i of items) counts[i.status]++;
  return counts;
}

export type { CheckResult, ChecklistResult, CheckStatus } from './types.js';
