import { UsageError } from '../config/errors.js';
import { CHECK_ITEMS } from '../checklist/index.js';
import { SEVERITIES, type Severity } from '../engine/finding.js';

/** The action's inputs, as action.yml passes them in `INPUT_*` variables (hyphens become underscores). */
export interface ActionInputs {
  path: string;
  failOn?: Severity | 'none';
  /** undefined: decide from the event (on for pull requests). */
  newFindingsOnly?: boolean;
  baseline?: string;
  config?: string;
  offline: boolean;
  /** Add the pre-deploy checklist to the summary; a gate when `checklistFailUnder` or `checklistRequire` is set. */
  checklist: boolean;
  checklistFailUnder?: number;
  checklistRequire: string[];
  sarif: string;
  markdown: string;
  comment: boolean;
  token?: string;
  maxAnnotations: number;
  /** Reuse and keep per-file results (in $VIBEAUDIT_CACHE_DIR, which action.yml restores and saves with actions/cache). */
  cache: boolean;
}

type Env = Record<string, string | undefined>;

function input(env: Env, name: string): string | undefined {
  const value = env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`]?.trim();
  return value ? value : undefined;
}

/** GitHub's YAML 1.2 core booleans; anything else is a mistake worth naming. */
function bool(env: Env, name: string, fallback: boolean): boolean;
function bool(env: Env, name: string, fallback: undefined): boolean | undefined;
function bool(env: Env, name: string, fallback: boolean | undefined): boolean | undefined {
  const raw = input(env, name);
  if (raw === undefined || raw === 'auto') return fallback;
  if (/^(true|yes|on)$/i.test(raw)) return true;
  if (/^(false|no|off)$/i.test(raw)) return false;
  throw new UsageError(`input ${name}: expected true or false, got "${raw}"`);
}

export function readInputs(env: Env): ActionInputs {
  const failOn = input(env, 'fail-on');
  if (failOn !== undefined && ![...SEVERITIES, 'none'].includes(failOn)) {
    throw new UsageError(`input fail-on: expected one of ${[...SEVERITIES, 'none'].join(', ')}, got "${failOn}"`);
  }
  const max = Number(input(env, 'max-annotations') ?? '10');
  if (!Number.isInteger(max) || max < 0) throw new UsageError(`input max-annotations: expected a whole number, got "${input(env, 'max-annotations')}"`);
  return {
    path: input(env, 'path') ?? '.',
    failOn: failOn as Severity | 'none' | undefined,
    newFindingsOnly: bool(env, 'new-findings-only', undefined),
    baseline: input(env, 'baseline'),
    config: input(env, 'config'),
    offline: bool(env, 'offline', false),
    checklist: bool(env, 'checklist', false) || input(env, 'checklist-fail-under') !== undefined || input(env, 'checklist-require') !== undefined,
    checklistFailUnder: score(input(env, 'checklist-fail-under')),
    checklistRequire: requiredItems(input(env, 'checklist-require')),
    sarif: input(env, 'sarif') ?? 'vibeaudit.sarif',
    markdown: input(env, 'markdown') ?? 'vibeaudit.md',
    comment: bool(env, 'comment', false),
    token: input(env, 'github-token'),
    maxAnnotations: max,
    cache: bool(env, 'cache', false),
  };
}

function score(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^\d+(?:\.\d+)?$/.test(raw) || n > 100) throw new UsageError(`input checklist-fail-under: expected a score from 0 to 100, got "${raw}"`);
  return n;
}

function requiredItems(raw: string | undefined): string[] {
  const ids = (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const known = new Set(CHECK_ITEMS.map((i) => i.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) throw new UsageError(`input checklist-require: unknown item ${unknown.map((u) => `"${u}"`).join(', ')} (items: ${[...known].join(', ')})`);
  return ids;
}
