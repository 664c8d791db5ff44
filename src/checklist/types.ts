import type { RuleMeta } from '../engine/catalogue-types.js';
import type { Finding } from '../engine/finding.js';
import type { ProjectModel } from '../model/types.js';
import type { ProjectFacts } from './facts.js';

export const CHECK_STATUSES = ['pass', 'warn', 'fail', 'na'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export const CHECK_GROUPS = ['security', 'secrets', 'reliability', 'observability', 'data', 'delivery'] as const;
export type CheckGroup = (typeof CHECK_GROUPS)[number];

export const GROUP_TITLES: Record<CheckGroup, string> = {
  security: 'Security baseline',
  secrets: 'Secrets and configuration',
  reliability: 'Reliability',
  observability: 'Observability',
  data: 'Data',
  delivery: 'Delivery',
};

/** A place in the project that shows why an item has its status. */
export interface Evidence {
  file: string;
  line?: number;
  /** What is there, in plain words (never a secret: text from findings is already redacted). */
  note: string;
}

export interface CheckOutcome {
  status: CheckStatus;
  /** One sentence on what was found (or not found). */
  summary: string;
  evidence: Evidence[];
}

/** One item of the pre-deploy checklist: what a senior engineer would check before launch. */
export interface CheckItem {
  id: string;
  group: CheckGroup;
  title: string;
  /** Why it matters, for someone who is not a security engineer. */
  why: string;
  /** What to do when it fails, in a sentence or two. */
  fix: string;
  /** Share of the readiness score (1 = nice to have, 2 = expected, 3 = launch blocker). */
  weight: 1 | 2 | 3;
  evaluate(facts: ProjectFacts): CheckOutcome;
}

export interface CheckResult {
  id: string;
  group: CheckGroup;
  title: string;
  why: string;
  fix: string;
  weight: number;
  status: CheckStatus;
  summary: string;
  evidence: Evidence[];
}

export interface ChecklistResult {
  /** 0-100: weighted share of applicable items that pass (a warning counts half). */
  score: number;
  items: CheckResult[];
  counts: Record<CheckStatus, number>;
  /** Where a gap without evidence is shown (SARIF, editors): the app's entry file, or its package.json. */
  entry?: string;
}

export interface CheckContext {
  model: ProjectModel;
  /** Findings of the scan (suppressed ones excluded), for items that reuse other rules' results. */
  findings: readonly Finding[];
  rules: readonly RuleMeta[];
}
